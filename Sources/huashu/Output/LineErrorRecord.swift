/// The JSON answer to a bad input line: `{"line":3,"error":"…"}`, the form `suggest` uses.
struct LineErrorRecord: Encodable {
  /// The 1-based line number.
  var line: Int
  /// What is wrong with the line.
  var error: String
}
