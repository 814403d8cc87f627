/// Comma-separated values as RFC 4180 writes them: one small reader and writer, so that a
/// field with commas, quotes or line breaks survives a round trip through a spreadsheet.
public enum CSVTable {
  /// One record, with the 1-based line of the file it starts on.
  public struct Row: Hashable, Sendable {
    /// The fields, unquoted.
    public var fields: [String]
    /// The line the record starts on (a quoted field may span several lines).
    public var line: Int
  }

  /// A quote left open at the end of the text.
  public struct UnterminatedQuote: Error, Hashable, Sendable {
    /// The line the quoted field starts on.
    public var line: Int
  }

  /// The records of `text`.
  ///
  /// Line ends may be `\n`, `\r\n` or a lone `\r` (old Mac spreadsheets); a `"` inside a
  /// quoted field is written `""`; a final
  /// line end is optional. Blank lines are skipped.
  public static func rows(of text: String) throws(UnterminatedQuote) -> [Row] {
    var rows: [Row] = []
    var fields: [String] = []
    var field = ""
    var line = 1
    var rowLine = 1
    var inQuotes = false
    var quoteLine = 1
    var fieldWasQuoted = false
    var scalars = text.unicodeScalars.makeIterator()
    var lookahead: Unicode.Scalar? = scalars.next()
    func endRow() {
      fields.append(field)
      if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
        rows.append(Row(fields: fields, line: rowLine))
      }
      fields = []
      field = ""
      fieldWasQuoted = false
    }
    while let scalar = lookahead {
      lookahead = scalars.next()
      if inQuotes {
        if scalar == "\"" {
          if lookahead == "\"" {
            field.unicodeScalars.append("\"")
            lookahead = scalars.next()
          } else {
            inQuotes = false
          }
        } else {
          if scalar == "\n" || (scalar == "\r" && lookahead != "\n") { line += 1 }
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"" where field.isEmpty && !fieldWasQuoted:
        inQuotes = true
        fieldWasQuoted = true
        quoteLine = line
      case ",":
        fields.append(field)
        field = ""
        fieldWasQuoted = false
      case "\r" where lookahead == "\n":
        continue
      case "\n", "\r":
        endRow()
        line += 1
        rowLine = line
      default:
        field.unicodeScalars.append(scalar)
      }
    }
    if inQuotes { throw UnterminatedQuote(line: quoteLine) }
    if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRow() }
    return rows
  }

  /// The CSV text of `rows`, each ending in `\r\n` (what spreadsheet programs write); a field
  /// is quoted when it holds a comma, a quote, a line break or leading/trailing space.
  public static func text(of rows: [[String]]) -> String {
    rows.map { fields in
      fields.map { field in
        let needsQuotes =
          field.unicodeScalars.contains { ["," as Unicode.Scalar, "\"", "\n", "\r"].contains($0) }
          || field.unicodeScalars.first == " " || field.unicodeScalars.last == " "
        guard needsQuotes else { return field }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in field.unicodeScalars {
          quoted.append(scalar)
          if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
      }.joined(separator: ",") + "\r\n"
    }.joined()
  }
}
