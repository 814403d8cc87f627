/// Reads one flat JSON object (every value a string, number, boolean or null) straight from
/// its bytes, fast: the shape of a `huashu suggest` input line.
///
/// Anything else (nested objects or arrays, invalid JSON or UTF-8) is not handled: the reader
/// says so and the caller falls back to Foundation's `JSONDecoder`, which decodes it or says
/// what is wrong with it. The Codable types stay the only description of each format; a test
/// checks that both paths agree.
///
/// It exists because Foundation's decoder took longer to read a line than huashu took to answer
/// it.
public struct FlatJSONDecoder: Sendable {
  /// Creates a decoder.
  public init() {}

  /// A JSON number as `SuggestRequest` reads it through Foundation: as an `Int` when it is
  /// one (`3`, `-0.5e1`, `2.0`), else as a `Double`.
  static func text(ofNumber number: String) -> String? {
    if let integer = Int(number) { return String(integer) }
    guard let double = Double(number) else { return nil }
    if double.rounded() == double, let integer = Int(exactly: double) { return String(integer) }
    return String(double)
  }

  /// Passes each member of the flat JSON object in `bytes` to `body` as text; false (after
  /// passing some, maybe) when the bytes are not a flat JSON object of valid UTF-8.
  ///
  /// Strings are kept as they are, numbers are written as Swift writes an `Int` (or else a
  /// `Double`) read from them, booleans as `true` and `false`; `null` members are left out.
  /// A repeated key is passed each time: to read as Foundation's decoder does, keep the first.
  public func forEachScalarField(
    inUTF8 bytes: [UInt8], _ body: (_ key: String, _ value: String) -> Void
  ) -> Bool {
    var parser = FlatJSONParser(bytes: bytes)
    return parser.members { key, value in
      switch value {
      case .string(let string): body(key, string)
      case .number(let number):
        if let text = Self.text(ofNumber: number) { body(key, text) }
      case .bool(let flag): body(key, flag ? "true" : "false")
      case .null: break
      }
    }
  }
}
