extension SuggestLine {
  /// What a body that is not a JSON object is told.
  public static let notAnObject =
    "invalid JSON: the body must be a JSON object such as {\"text\":\"…\"}"

  /// A request body as one suggest line, or why it cannot be one.
  ///
  /// JSON may put line breaks between its tokens, and a client that pretty-prints its bodies
  /// does; a line of `suggest` may not hold any, so those become spaces. A line break inside
  /// a string is invalid JSON (it must be written `\n`).
  public static func line(fromBody body: [UInt8])
    -> Result<LineReader.Line, SuggestRequest.JSONProblem>
  {
    let blank: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
    guard body.first(where: { !blank.contains($0) }) == UInt8(ascii: "{") else {
      return .failure(SuggestRequest.JSONProblem(message: notAnObject))
    }
    var bytes = body
    var inString = false
    var escaped = false
    for index in bytes.indices {
      let byte = bytes[index]
      if inString {
        if byte == 0x0A || byte == 0x0D {
          return .failure(
            SuggestRequest.JSONProblem(
              message: "invalid JSON: a line break inside a string (write it as \\n)"))
        } else if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
      } else if byte == UInt8(ascii: "\"") {
        inString = true
      } else if byte == 0x0A || byte == 0x0D {
        bytes[index] = 0x20
      }
    }
    return .success(
      LineReader.Line(
        number: 1, bytes: bytes, isOverlong: bytes.count > LineReader.defaultMaximumLength,
        length: bytes.count))
  }
}
