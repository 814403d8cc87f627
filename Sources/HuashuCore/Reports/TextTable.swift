/// A text table whose columns are aligned by display width, so Chinese (two columns a
/// character) lines up with ASCII.
struct TextTable {
  /// One column: its header and alignment.
  struct Column {
    var header: String
    var alignsRight: Bool

    init(_ header: String, right: Bool = false) {
      self.header = header
      self.alignsRight = right
    }
  }

  let columns: [Column]
  private var rows: [[String]] = []

  init(columns: [Column]) { self.columns = columns }

  /// Adds a row; it must have one cell per column.
  mutating func add(_ row: [String]) { rows.append(row) }

  /// The header and the rows, columns two spaces apart, the last column unpadded when it is
  /// left-aligned.
  func lines(indent: String, header: (String) -> String) -> [String] {
    let all = [columns.map(\.header)] + rows
    let widths = columns.indices.map { column in
      all.map { TextStyle.displayWidth(Substring($0[column])) }.max() ?? 0
    }
    return all.enumerated().map { number, row in
      let cells = row.enumerated().map { column, cell in
        let padding = String(
          repeating: " ", count: widths[column] - TextStyle.displayWidth(Substring(cell)))
        if columns[column].alignsRight { return padding + cell }
        return column == columns.count - 1 ? cell : cell + padding
      }
      let line = indent + cells.joined(separator: "  ")
      return number == 0 ? header(line) : line
    }
  }
}
