internal import Foundation

/// A phrasebook layer as files: read from a directory for export and import, and made from a
/// loaded phrasebook for the merged export.
public enum PhrasebookLayer {
  /// The files of the layer directory `directory`, in file-name order.
  ///
  /// Also returns the problems that kept any of them from being read. A directory that does
  /// not exist is an empty layer.
  public static func read(directory: String) throws -> (
    files: [PhrasebookBundle.File], diagnostics: [Diagnostic]
  ) {
    guard FileManager.default.fileExists(atPath: directory) else { return ([], []) }
    var files: [PhrasebookBundle.File] = []
    var diagnostics: [Diagnostic] = []
    for path in try YAMLFileListing.files(in: directory, holding: .phrasebook) {
      let scope = YAMLScope.open(path: path, emptyHint: emptyHint, diagnostics: &diagnostics)
      read(scope, name: (path as NSString).lastPathComponent, into: &files, &diagnostics)
    }
    return (files, diagnostics)
  }

  /// The files of a layer a team store holds, as ``read(directory:)`` reads a directory's.
  public static func read(_ stored: [PhrasebookSourceFile]) -> (
    files: [PhrasebookBundle.File], diagnostics: [Diagnostic]
  ) {
    var files: [PhrasebookBundle.File] = []
    var diagnostics: [Diagnostic] = []
    for file in stored {
      let scope = YAMLScope.parse(
        text: file.text, path: file.path, emptyHint: emptyHint, diagnostics: &diagnostics)
      read(scope, name: file.name, into: &files, &diagnostics)
    }
    return (files, diagnostics)
  }

  private static let emptyHint = "add `group:` and `entries:`, or delete the file"

  private static func read(
    _ opened: YAMLScope?, name: String, into files: inout [PhrasebookBundle.File],
    _ diagnostics: inout [Diagnostic]
  ) {
    guard var scope = opened else { return }
    scope.checkKeys(at: [], allowed: PhrasebookDocument.CodingKeys.self, what: "phrasebook file")
    if let document = scope.decode(PhrasebookDocument.self, at: []) {
      files.append(
        PhrasebookBundle.File(
          file: name, group: document.group, entries: document.entries ?? [],
          hide: document.hide))
    }
    diagnostics += scope.diagnostics
  }

  /// The YAML of `file` as it is written into a layer: generated from its entries, with the
  /// comment lines of `old` (the file it replaces, when there is one) carried over.
  public static func text(of file: PhrasebookBundle.File, replacing old: String?) throws
    -> String
  {
    let generated = try file.document.yaml()
    return old.map { EntryComments.carry(from: $0, into: generated) } ?? generated
  }

  /// The files of a loaded phrasebook (team with the personal layer on top), one per group.
  public static func files(of phrasebook: Phrasebook) -> [PhrasebookBundle.File] {
    var order: [String] = []
    var byGroup: [String: [PhrasebookEntryDocument]] = [:]
    for entry in phrasebook.entries {
      if byGroup[entry.group] == nil { order.append(entry.group) }
      byGroup[entry.group, default: []].append(document(of: entry))
    }
    return order.map { group in
      PhrasebookBundle.File(
        file: fileName(forGroup: group), group: group.isEmpty ? nil : group,
        entries: byGroup[group] ?? [])
    }
  }

  /// The document form of a loaded entry.
  public static func document(of entry: PhrasebookEntry) -> PhrasebookEntryDocument {
    PhrasebookEntryDocument(
      id: entry.id.rawValue, intent: entry.intent.rawValue, code: entry.code,
      text: entry.template.source, step: entry.step, tags: entry.tags.isEmpty ? nil : entry.tags,
      images: entry.images.isEmpty ? nil : entry.images,
      validFrom: entry.validity?.writtenFrom, validUntil: entry.validity?.writtenUntil)
  }

  /// A file name for a new group's file: the group itself, made safe for a file system.
  public static func fileName(forGroup group: String) -> String {
    let cleaned = String(
      group.unicodeScalars.map { scalar -> Character in
        "/\\:*?\"<>|".unicodeScalars.contains(scalar) || scalar.value < 0x20
          ? "-" : Character(scalar)
      }
    ).trimmingCharacters(in: CharacterSet(charactersIn: " ."))
    return (cleaned.isEmpty ? "ungrouped" : cleaned) + ".yaml"
  }
}
