/// Matches Qianniu CSV rows to a layer's entries and collects them into files, in time linear
/// in the number of rows: replies are found by group and code (or group and text) in
/// dictionaries, and files by name.
struct QianniuRowMatcher {
  private typealias Match = (file: PhrasebookBundle.File, entry: PhrasebookEntryDocument)

  private var byGroupAndCode: [String: Match] = [:]
  /// Replies without a code, by group and text, first come first served (two may say the
  /// same); `nextByText` is how many of each were taken.
  private var byGroupAndText: [String: [Match]] = [:]
  private var nextByText: [String: Int] = [:]
  private var fileOfGroup: [String: PhrasebookBundle.File] = [:]
  private var usedIDs: Set<String> = []
  /// The last copy number given to each new id, so the next copy does not count up again.
  private var copies: [String: Int] = [:]
  private var fileIndex: [String: Int] = [:]

  /// The rows so far, in files in order of first use.
  private(set) var files: [PhrasebookBundle.File] = []

  /// The intent of a new reply, by its group.
  private let groupIntents: [String: String]

  /// - Parameter groupIntents: Intents of groups named by another layer; the current layer's
  ///   own groups fill in the rest.
  init(current: [PhrasebookBundle.File], groupIntents: [String: String] = [:]) {
    self.groupIntents = groupIntents.merging(QianniuCSV.groupIntents(of: current)) { given, _ in
      given
    }
    for file in current {
      let group = file.group ?? ""
      if fileOfGroup[group] == nil { fileOfGroup[group] = file }
      for entry in file.entries {
        if let code = entry.code, !code.isEmpty {
          byGroupAndCode[Self.key(group, code)] = (file, entry)
        } else {
          byGroupAndText[Self.key(group, entry.text ?? ""), default: []].append((file, entry))
        }
      }
    }
  }

  private static func key(_ group: String, _ codeOrText: String) -> String {
    group + "\u{1F}" + codeOrText
  }

  /// Adds the row `code`, `text`, `group`: the reply it matches with the row's code and text,
  /// or a new reply.
  mutating func add(code: String, text: String, group: String) {
    let key = Self.key(group, code.isEmpty ? text : code)
    var matched: Match?
    if !code.isEmpty {
      matched = byGroupAndCode[key]
    } else if let candidates = byGroupAndText[key] {
      let next = nextByText[key, default: 0]
      if next < candidates.count {
        matched = candidates[next]
        nextByText[key] = next + 1
      }
    }
    var entry: PhrasebookEntryDocument
    let file: PhrasebookBundle.File
    if let matched {
      entry = matched.entry
      file = matched.file
    } else {
      // The same text twice in a group without codes: number the later ones.
      let base = "qianniu." + String(SHA256.hex(of: Array(key.utf8)).prefix(12))
      var id = base
      var copy = copies[base, default: 1]
      while usedIDs.contains(id) {
        copy += 1
        id = base + "-\(copy)"
      }
      copies[base] = copy
      entry = PhrasebookEntryDocument(
        id: id, intent: groupIntents[group] ?? IntentID.unassigned.rawValue)
      file =
        fileOfGroup[group]
        ?? PhrasebookBundle.File(
          file: PhrasebookLayer.fileName(forGroup: group), group: group.isEmpty ? nil : group,
          entries: [])
      fileOfGroup[group] = file
    }
    entry.code = code.isEmpty ? nil : code
    entry.text = text
    usedIDs.insert(entry.id ?? "")
    if let position = fileIndex[file.file] {
      files[position].entries.append(entry)
    } else {
      fileIndex[file.file] = files.count
      files.append(.init(file: file.file, group: file.group, entries: [entry]))
    }
  }
}
