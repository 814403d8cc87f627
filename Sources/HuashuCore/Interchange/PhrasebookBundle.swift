internal import Foundation
internal import Yams

/// One phrasebook layer in one file, for sharing between agents, shops and tools, described
/// once: `huashu phrasebook export` writes it (YAML or JSON), `import` reads it.
///
/// ```yaml
/// format_version: 1
/// layer: team
/// content_hash: 3f1a…          # SHA-256 of the files as exported
/// entry_hashes: {bargain.firm-price: 9c2e…, …}
/// files:
///   - file: bargain.yaml
///     group: 议价
///     entries: [{id: bargain.firm-price, intent: bargain, code: yj1, text: '…', step: 1}]
/// ```
///
/// `content_hash` is the hash of the layer when it was exported and `entry_hashes` the hash of
/// each entry then: an import compares them with the target to find entries edited on both
/// sides since the export (the three-way check).
public struct PhrasebookBundle: Codable, Hashable, Sendable {
  /// The bundle format this huashu writes.
  public static let currentFormatVersion = 1

  /// The bundle format.
  public var formatVersion: Int
  /// The layer it was exported from: `team`, `personal` or `merged`.
  public var layer: String
  /// SHA-256 (hex) of ``files`` as exported: the layer's content hash.
  public var contentHash: String
  /// SHA-256 (hex) of each entry as exported, by id.
  public var entryHashes: SortedStringMap
  /// The layer's files, in file-name order.
  public var files: [File]

  /// One phrasebook file of the layer.
  public struct File: Codable, Hashable, Sendable {
    /// Its file name (`bargain.yaml`), so an import recreates the same layout.
    public var file: String
    /// Its group.
    public var group: String?
    /// Its replies, with every field.
    public var entries: [PhrasebookEntryDocument]
    /// Team replies hidden (personal layer only).
    public var hide: [String]?

    /// Creates a file.
    public init(
      file: String, group: String?, entries: [PhrasebookEntryDocument], hide: [String]? = nil
    ) {
      self.file = file
      self.group = group
      self.entries = entries
      self.hide = hide
    }

    /// The keys of a bundle file.
    public enum CodingKeys: String, CodingKey, CaseIterable {
      case file, group, entries, hide
    }

    /// The phrasebook file's own document.
    public var document: PhrasebookDocument {
      PhrasebookDocument(group: group, entries: entries.isEmpty ? nil : entries, hide: hide)
    }
  }

  /// The keys of a bundle.
  public enum CodingKeys: String, CodingKey, CaseIterable {
    case formatVersion = "format_version"
    case layer
    case contentHash = "content_hash"
    case entryHashes = "entry_hashes"
    case files
  }

  /// A bundle of `files`, with their hashes computed.
  public init(layer: String, files: [File]) {
    self.formatVersion = Self.currentFormatVersion
    self.layer = layer
    self.files = files
    self.contentHash = Self.contentHash(of: files)
    var hashes: [String: String] = [:]
    for file in files {
      for entry in file.entries { hashes[entry.id ?? ""] = Self.hash(of: entry) }
    }
    self.entryHashes = SortedStringMap(hashes)
  }

  /// The content hash of a layer's files: SHA-256 (hex) of their canonical JSON (compact, keys
  /// in declaration order, UTF-8 unescaped).
  ///
  /// The one function for it: export writes it into the bundle and import recomputes it to
  /// find a damaged bundle (``checkContentHash()``).
  public static func contentHash(of files: [File]) -> String {
    SHA256.hex(of: Array(((try? CompactJSONEncoder().encode(files)) ?? "").utf8))
  }

  /// The hash of one entry.
  public static func hash(of entry: PhrasebookEntryDocument) -> String {
    SHA256.hex(of: Array(((try? CompactJSONEncoder().encode(entry)) ?? "").utf8))
  }

  /// The bundle as YAML text.
  public func yaml() throws -> String {
    Self.endingInNewline(try Self.yamlEncoder().encode(self))
  }

  static func endingInNewline(_ text: String) -> String {
    text.hasSuffix("\n") ? text : text + "\n"
  }

  /// The YAML encoder of bundles and phrasebook files: Chinese written as is, no folding, keys
  /// in declaration order, line breaks inside replies kept as literal blocks.
  static func yamlEncoder() -> YAMLEncoder {
    let encoder = YAMLEncoder()
    encoder.options.width = -1
    encoder.options.allowUnicode = true
    encoder.options.sortKeys = false
    encoder.options.newLineScalarStyle = .literal
    return encoder
  }

  /// Reads a YAML bundle, reporting every problem with its position.
  ///
  /// - Throws: ``BundleDiagnostics`` when the text is not a bundle.
  public static func decodeYAML(_ text: String, path: String) throws(BundleDiagnostics)
    -> PhrasebookBundle
  {
    try decodeYAMLLocated(text, path: path).bundle
  }

  /// Reads a YAML bundle and keeps its node tree, for the positions of its parts.
  static func decodeYAMLLocated(_ text: String, path: String) throws(BundleDiagnostics)
    -> (bundle: PhrasebookBundle, locator: YAMLLocator)
  {
    var diagnostics: [Diagnostic] = []
    guard
      var scope = YAMLScope.parse(
        text: text, path: path, emptyHint: "export a bundle with `huashu phrasebook export`",
        diagnostics: &diagnostics)
    else { throw BundleDiagnostics(diagnostics: diagnostics) }
    scope.checkKeys(at: [], allowed: CodingKeys.self, what: "bundle")
    if case .sequence(let files)? = scope.locator.existingNode(at: [PathKey("files")]) {
      for index in files.indices {
        scope.checkKeys(
          at: [PathKey("files"), PathKey(index)], allowed: File.CodingKeys.self,
          what: "bundle file")
      }
    }
    let bundle = scope.decode(PhrasebookBundle.self, at: [])
    guard let bundle, !scope.diagnostics.containsErrors else {
      if scope.diagnostics.isEmpty {
        scope.report(
          .missingField, at: [], "not a phrasebook bundle",
          hint: "expected format_version, layer, content_hash, entry_hashes and files")
      }
      throw BundleDiagnostics(diagnostics: scope.diagnostics)
    }
    return (bundle, scope.locator)
  }

  /// The bundle as one line of JSON (UTF-8, never `\u` escaped).
  public func json() throws -> String {
    try CompactJSONEncoder().encode(self) + "\n"
  }
}

extension PhrasebookDocument {
  /// The document as YAML text, as huashu writes phrasebook files.
  public func yaml() throws -> String {
    PhrasebookBundle.endingInNewline(try PhrasebookBundle.yamlEncoder().encode(self))
  }
}

/// A string-to-string map written with its keys in sorted order, so the same map always gives
/// the same bytes (a dictionary's own order changes from run to run).
public struct SortedStringMap: Codable, Hashable, Sendable {
  /// The map.
  public var values: [String: String]

  /// Wraps `values`.
  public init(_ values: [String: String]) { self.values = values }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: AnyCodingKey.self)
    var values: [String: String] = [:]
    for key in container.allKeys {
      values[key.stringValue] = try container.decode(String.self, forKey: key)
    }
    self.values = values
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: AnyCodingKey.self)
    for key in values.keys.sorted() {
      try container.encode(values[key], forKey: AnyCodingKey(stringValue: key))
    }
  }
}

/// Why a text is not a phrasebook bundle, with positions.
public struct BundleDiagnostics: Error, Sendable {
  /// The problems.
  public var diagnostics: [Diagnostic]
}
