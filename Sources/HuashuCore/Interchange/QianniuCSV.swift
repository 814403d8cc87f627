/// Qianniu's quick-phrase CSV (千牛快捷短语): the header `快捷短语编码,快捷短语,快捷短语分组`
/// (code, text, group; an empty group is the top level), one reply per row.
///
/// Exported as UTF-8 with a byte-order mark (spreadsheet programs need it to see UTF-8), with
/// cells that a spreadsheet would run as formulas neutralized (``neutralized(_:)``).
/// Imported rows match the layer's entries by group and code (or text, for a row without a
/// code), so the fields the CSV cannot carry (id, intent, step, tags, images) are kept; a new
/// row gets a stable id from its group and code (or text) and its group's intent (see
/// ``groupIntents(of:)``), or `intent: unassigned` when no layer knows the group. Reading is
/// linear in the number of rows.
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
        rows.append([entry.code ?? "", entry.text ?? "", file.group ?? ""].map(neutralized))
      }
    }
    return "\u{FEFF}" + CSVTable.text(of: rows)
  }

  /// The entries of CSV `text` (already decoded), matched against the layer's `current` files.
  ///
  /// Cells a spreadsheet would run as formulas are imported as written, each reported in
  /// ``PhrasebookImport/Incoming/warnings``; the `'` that ``export(_:)`` put before such a
  /// cell is dropped.
  ///
  /// - Throws: ``Failure`` for an empty file, a wrong header or an unclosed quote.
  ///
  /// - Parameter groupIntents: For a new reply (one no reply of `current` matches), the intent
  ///   of its group when a known layer names the group (the team's groups, for a personal
  ///   import); otherwise the group's intent in `current`, else `unassigned`.
  public static func read(
    _ text: String, current: [PhrasebookBundle.File], groupIntents: [String: String] = [:]
  ) throws(Failure) -> PhrasebookImport.Incoming {
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
    var matcher = QianniuRowMatcher(current: current, groupIntents: groupIntents)
    var invalid: [PhrasebookImport.Problem] = []
    var warnings: [PhrasebookImport.Problem] = []
    var codeRows: [String: Int] = [:]
    for (index, row) in rows.dropFirst().enumerated() {
      let number = index + 2
      let place = "row \(number) (line \(row.line))"
      guard row.fields.count == 3 else {
        invalid.append(
          .init(place: place, message: "\(row.fields.count) fields, expected 3 (code,text,group)"))
        continue
      }
      for (column, cell) in row.fields.enumerated() where startsLikeAFormula(cell) {
        warnings.append(formulaWarning(cell, place: place, column: column))
      }
      let code = unneutralized(row.fields[0]).trimmingSpaces()
      let text = unneutralized(row.fields[1])
      let group = unneutralized(row.fields[2]).trimmingSpaces()
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
      matcher.add(code: code, text: text, group: group)
    }
    return PhrasebookImport.Incoming(files: matcher.files, invalid: invalid, warnings: warnings)
  }

  private static func formulaWarning(_ cell: String, place: String, column: Int)
    -> PhrasebookImport.Problem
  {
    let first = cell.unicodeScalars.first.map { scalar in
      switch scalar {
      case "\t": "a tab"
      case "\r": "a carriage return"
      default: "'\(scalar)'"
      }
    }
    return PhrasebookImport.Problem(
      place: "\(place), column \(column + 1) (\(header[column]))",
      message: "the cell starts with \(first ?? ""), which a spreadsheet may run as a formula; "
        + "imported as written (export writes it with a leading ')",
      kind: .spreadsheetFormula)
  }
}

extension QianniuCSV {
  /// Each group's intent in `files`: the intent most of its replies have (`any` and
  /// `unassigned` do not count); ties go to the intent met first.
  public static func groupIntents(of files: [PhrasebookBundle.File]) -> [String: String] {
    var counts: [String: [(intent: String, count: Int)]] = [:]
    for file in files {
      let group = file.group ?? ""
      for entry in file.entries {
        guard let intent = entry.intent, intent != IntentID.any.rawValue,
          intent != IntentID.unassigned.rawValue
        else { continue }
        if let index = counts[group]?.firstIndex(where: { $0.intent == intent }) {
          counts[group]?[index].count += 1
        } else {
          counts[group, default: []].append((intent, 1))
        }
      }
    }
    return counts.compactMapValues { tallies in
      tallies.enumerated().max { left, right in
        left.element.count != right.element.count
          ? left.element.count < right.element.count : left.offset > right.offset
      }?.element.intent
    }
  }
}
