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
      guard
        var scope = YAMLScope.open(
          path: path, emptyHint: "add `group:` and `entries:`, or delete the file",
          diagnostics: &diagnostics)
      else { continue }
      scope.checkKeys(at: [], allowed: PhrasebookDocument.CodingKeys.self, what: "phrasebook file")
      if let document = scope.decode(PhrasebookDocument.self, at: []) {
        files.append(
          PhrasebookBundle.File(
            file: (path as NSString).lastPathComponent, group: document.group,
            entries: document.entries ?? [], hide: document.hide))
      }
      diagnostics += scope.diagnostics
    }
    return (files, diagnostics)
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
