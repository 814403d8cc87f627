internal import Foundation

extension PhrasebookBundle {
  /// A bundle read from a file, with where its parts are written, ready to import.
  public struct Source: Sendable {
    /// The bundle.
    public var bundle: PhrasebookBundle
    /// The file it was read from.
    public var path: String
    /// Where `content_hash` is written (YAML), or the start of the file (JSON).
    public var contentHashLocation: SourceLocation
    /// Where each file's `file` name is written, by index (YAML); empty for JSON, whose
    /// problems are placed by file index.
    public var fileNameLocations: [SourceLocation?]

    /// The bundle's files as an import, with each entry's export hash as the base of the
    /// three-way check.
    public var incoming: PhrasebookImport.Incoming {
      PhrasebookImport.Incoming(
        files: bundle.files, baseHashes: bundle.entryHashes.values, source: path,
        fileNameLocations: fileNameLocations)
    }

    /// Whether the files still hash to `content_hash`.
    public var isIntact: Bool { damage == nil }

    /// How the files differ from the `content_hash` they carry, or `nil` when they match.
    public var damage: DamagedBundle? {
      let actual = PhrasebookBundle.contentHash(of: bundle.files)
      guard actual != bundle.contentHash else { return nil }
      return DamagedBundle(
        location: contentHashLocation, expected: bundle.contentHash, actual: actual)
    }

    /// Throws when the files do not hash to `content_hash`: the bundle was cut short, damaged
    /// in transit, or edited after its export.
    ///
    /// - Throws: ``DamagedBundle`` with both hashes.
    public func checkContentHash() throws(DamagedBundle) {
      if let damage { throw damage }
    }
  }

  /// Reads a YAML bundle with the positions of its parts.
  ///
  /// - Throws: ``BundleDiagnostics`` when the text is not a bundle.
  public static func readYAML(_ text: String, path: String) throws(BundleDiagnostics) -> Source {
    let (bundle, locator) = try decodeYAMLLocated(text, path: path)
    let locations = bundle.files.indices.map { index in
      locator.existingNode(at: [PathKey("files"), PathKey(index), PathKey("file")])
        .map(locator.location(of:))
    }
    return Source(
      bundle: bundle, path: path,
      contentHashLocation: locator.location(of: [PathKey("content_hash")]),
      fileNameLocations: locations)
  }

  /// Reads a JSON bundle (huashu writes it as one line, so problems are placed by index).
  ///
  /// - Throws: Foundation's `DecodingError` when the text is not a bundle.
  public static func readJSON(_ text: String, path: String) throws -> Source {
    let bundle = try JSONDecoder().decode(PhrasebookBundle.self, from: Data(text.utf8))
    return Source(
      bundle: bundle, path: path,
      contentHashLocation: SourceLocation(path: path, line: 1, column: 1), fileNameLocations: [])
  }
}

/// A bundle whose files do not hash to the `content_hash` it carries: cut short, damaged in
/// transit, or edited by hand after its export.
public struct DamagedBundle: Error, Hashable, Sendable, CustomStringConvertible {
  /// Where the bundle's `content_hash` is.
  public var location: SourceLocation
  /// The hash the bundle says its files have (its `content_hash`).
  public var expected: String
  /// The hash its files have.
  public var actual: String

  public var description: String {
    "\(location): the bundle is damaged: its content_hash is \(expected), but its files hash "
      + "to \(actual) (cut short, changed in transit, or edited after the export)"
  }
}
