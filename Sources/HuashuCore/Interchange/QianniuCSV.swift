/// Qianniu's quick-phrase CSV (千牛快捷短语): the header `快捷短语编码,快捷短语,快捷短语分组`
/// (code, text, group; an empty group is the top level), one reply per row.
///
/// Exported as UTF-8 with a byte-order mark (spreadsheet programs need it to see UTF-8).
/// Imported rows match the layer's entries by group and code (or text, for a row without a
/// code), so the fields the CSV cannot carry (id, intent, step, tags, images) are kept; a new
/// row gets a stable id from its group and code (or text) and `intent: unassigned`.
public enum QianniuCSV {
  /// The header row.
  public static let header = ["快捷短语编码", "快捷短语", "快捷短语分组"]

  /// A file that cannot be read as a quick-phrase CSV at all.
  public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong and what to do.
    public var message: String

    public var description: String { message }
  }

  /// The CSV text of a layer's files, starting with a byte-order mark.
  public static func export(_ files: [PhrasebookBundle.File]) -> String {
    var rows = [header]
    for file in files {
      for entry in file.entries {
        rows.append([entry.code ?? "", entry.text ?? "", file.group ?? ""])
      }
    }
    return "\u{FEFF}" + CSVTable.text(of: rows)
  }

  /// The entries of CSV `text` (already decoded), matched against the layer's `current` files.
  ///
  /// - Throws: ``Failure`` for an empty file, a wrong header or an unclosed quote.
  public static func read(_ text: String, current: [PhrasebookBundle.File]) throws(Failure)
    -> PhrasebookImport.Incoming
  {
    let rows: [CSVTable.Row]
    do {
      rows = try CSVTable.rows(of: text)
    } catch {
      throw Failure(
        message: "line \(error.line): a quoted field is never closed (a \" is missing)")
    }
    guard let first = rows.first else {
      throw Failure(
        message: "the file is empty: expected the header \(header.joined(separator: ","))")
    }
    let found = first.fields.map { $0.trimmingSpaces() }
    guard found == header else {
      throw Failure(
        message: "line \(first.line): the header is \(found.joined(separator: ",")), expected "
          + "\(header.joined(separator: ",")) (Qianniu's quick-phrase export)")
    }
    var byGroupAndCode: [String: (file: PhrasebookBundle.File, entry: PhrasebookEntryDocument)] =
      [:]
    // Replies without a code match by text, first come first served (two may say the same).
    var byGroupAndText: [String: [(file: PhrasebookBundle.File, entry: PhrasebookEntryDocument)]] =
      [:]
    var fileOfGroup: [String: PhrasebookBundle.File] = [:]
    for file in current {
      let group = file.group ?? ""
      if fileOfGroup[group] == nil { fileOfGroup[group] = file }
      for entry in file.entries {
        if let code = entry.code, !code.isEmpty {
          byGroupAndCode[group + "\u{1F}" + code] = (file, entry)
        } else {
          byGroupAndText[group + "\u{1F}" + (entry.text ?? ""), default: []].append((file, entry))
        }
      }
    }
    var invalid: [PhrasebookImport.Problem] = []
    var files: [PhrasebookBundle.File] = []
    var codeRows: [String: Int] = [:]
    var usedIDs: Set<String> = []
    for (index, row) in rows.dropFirst().enumerated() {
      let number = index + 2
      let place = "row \(number) (line \(row.line))"
      guard row.fields.count == 3 else {
        invalid.append(
          .init(place: place, message: "\(row.fields.count) fields, expected 3 (code,text,group)"))
        continue
      }
      let code = row.fields[0].trimmingSpaces()
      let text = row.fields[1]
      let group = row.fields[2].trimmingSpaces()
      guard text.contains(where: { !$0.isWhitespace }) else {
        invalid.append(.init(place: place, message: "the quick phrase is empty"))
        continue
      }
      if !code.isEmpty {
        if let earlier = codeRows[code] {
          invalid.append(
            .init(place: place, message: "code '\(code)' is already used on row \(earlier)"))
          continue
        }
        codeRows[code] = number
      }
      let key = group + "\u{1F}" + (code.isEmpty ? text : code)
      let matched =
        code.isEmpty
        ? (byGroupAndText[key]?.isEmpty == false ? byGroupAndText[key]?.removeFirst() : nil)
        : byGroupAndCode[key]
      var entry: PhrasebookEntryDocument
      let file: PhrasebookBundle.File
      if let matched {
        entry = matched.entry
        file = matched.file
      } else {
        // The same text twice in a group without codes: number the later ones.
        var id = "qianniu." + String(SHA256.hex(of: Array(key.utf8)).prefix(12))
        let base = id
        var copy = 1
        while usedIDs.contains(id) {
          copy += 1
          id = base + "-\(copy)"
        }
        entry = PhrasebookEntryDocument(id: id, intent: IntentID.unassigned.rawValue)
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
      if let position = files.firstIndex(where: { $0.file == file.file }) {
        files[position].entries.append(entry)
      } else {
        files.append(.init(file: file.file, group: file.group, entries: [entry]))
      }
    }
    return PhrasebookImport.Incoming(files: files, invalid: invalid)
  }
}
