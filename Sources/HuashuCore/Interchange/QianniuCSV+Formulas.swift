extension QianniuCSV {
  /// The first characters that make a spreadsheet read a cell as a formula (OWASP's list for
  /// CSV injection): `=`, `+`, `-`, `@`, a tab and a carriage return.
  public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// Whether a spreadsheet would read `cell` as a formula.
  public static func startsLikeAFormula(_ cell: String) -> Bool {
    cell.unicodeScalars.first.map(formulaStarts.contains) ?? false
  }

  /// Whether `cell` starts with the `'` that ``neutralized(_:)`` adds: a `'` followed by a
  /// formula character or by another `'`.
  static func looksNeutralized(_ cell: String) -> Bool {
    var scalars = cell.unicodeScalars.makeIterator()
    guard scalars.next() == "'", let second = scalars.next() else { return false }
    return second == "'" || formulaStarts.contains(second)
  }

  /// `cell` as exported: with a leading `'` when a spreadsheet would run it as a formula
  /// (`=cmd|' /C calc'!A0` → `'=cmd|' /C calc'!A0`), or when it already starts like a
  /// neutralized cell (`'=x` → `''=x`), so that ``unneutralized(_:)`` gives back every text.
  ///
  /// Spreadsheets show a leading `'` as a text marker and do not run the cell; Qianniu shows
  /// it as part of the phrase, which is the price of opening the file safely.
  public static func neutralized(_ cell: String) -> String {
    startsLikeAFormula(cell) || looksNeutralized(cell) ? "'" + cell : cell
  }

  /// `cell` as imported: without the leading `'` of ``neutralized(_:)``.
  ///
  /// A `'` before any other character is the text's own and is kept.
  public static func unneutralized(_ cell: String) -> String {
    guard looksNeutralized(cell) else { return cell }
    var scalars = cell.unicodeScalars
    scalars.removeFirst()
    return String(scalars)
  }
}
