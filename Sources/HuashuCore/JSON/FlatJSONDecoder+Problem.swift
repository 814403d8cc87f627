extension FlatJSONDecoder {
  /// What is wrong with a JSON text, when Foundation's `JSONDecoder` would say it badly or not
  /// at all: it reads a string's escapes only when the string is decoded, so a field that
  /// may be of several types is silently dropped, and it calls deep nesting "not valid JSON".
  public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
    /// A `\u` escape of half a UTF-16 surrogate pair without the other half (as written, such
    /// as `\ud800`), in the top-level member `field` (nil: in a key).
    case loneSurrogate(escape: String, field: String?)
    /// An escape JSON does not have (`\x`, `\u12G4`), as written, in the top-level member
    /// `field` (nil: in a key).
    case invalidEscape(escape: String, field: String?)
    /// Objects and arrays nested more than `limit` deep.
    case nestedTooDeep(limit: Int)

    public var description: String {
      switch self {
      case .loneSurrogate(let escape, let field):
        "invalid \\u escape (lone surrogate \(escape)) \(Self.place(field))"
      case .invalidEscape(let escape, let field):
        "invalid escape \(escape) \(Self.place(field))"
      case .nestedTooDeep(let limit):
        "JSON nested more than \(limit) levels deep"
      }
    }

    private static func place(_ field: String?) -> String {
      field.map { "in field \"\($0)\"" } ?? "in a key"
    }
  }

  /// The deepest nesting of objects and arrays that Foundation's `JSONDecoder` reads.
  public static let maximumDepth = 512

  /// The first ``Problem`` of the JSON text in `bytes`, or nil.
  ///
  /// Only what Foundation reports badly is looked for; any other error is left to it. Cheap
  /// enough for the lines the flat reader gives up on, not meant for every line.
  public func problem(inUTF8 bytes: [UInt8]) -> Problem? {
    var scanner = JSONEscapeScanner(bytes: bytes)
    return scanner.firstProblem()
  }
}

/// Walks a JSON text's structure and string escapes, without building values: the member each
/// string belongs to, how deep it is nested, and whether every escape is a character.
private struct JSONEscapeScanner {
  let bytes: [UInt8]
  private var position = 0
  /// Objects and arrays open around the current position.
  private var depth = 0
  /// At depth 1 in an object: whether the next string is a key.
  private var expectsKey = false
  /// The top-level member being read, once its key is known.
  private var field: String?

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func firstProblem() -> FlatJSONDecoder.Problem? {
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        if depth > FlatJSONDecoder.maximumDepth {
          return .nestedTooDeep(limit: FlatJSONDecoder.maximumDepth)
        }
        if depth == 1 { expectsKey = byte == UInt8(ascii: "{") }
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
      case UInt8(ascii: ","):
        if depth == 1 { expectsKey = true }
      case UInt8(ascii: ":"):
        if depth == 1 { expectsKey = false }
      case UInt8(ascii: "\""):
        let isKey = depth == 1 && expectsKey
        let start = position
        if let problem = string(isKey: isKey) { return problem }
        if isKey {
          field = String(
            decoding: bytes[start..<position - 1], as: UTF8.self)
        }
      default:
        break
      }
    }
    return nil
  }

  /// Reads a string (the opening quote already read) up to its closing quote.
  private mutating func string(isKey: Bool) -> FlatJSONDecoder.Problem? {
    let member = isKey ? nil : field
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      if byte == UInt8(ascii: "\"") { return nil }
      guard byte == UInt8(ascii: "\\"), position < bytes.count else { continue }
      let escapeStart = position - 1
      let escape = bytes[position]
      position += 1
      switch escape {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
        UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
        continue
      case UInt8(ascii: "u"):
        guard let unit = hex4() else {
          return .invalidEscape(escape: written(from: escapeStart, count: 6), field: member)
        }
        switch unit {
        case 0xD800..<0xDC00:
          // A high surrogate must be followed by a `\u` escape of a low one.
          let pairStart = position
          if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
            bytes[position + 1] == UInt8(ascii: "u")
          {
            position += 2
            if let low = hex4(), (0xDC00..<0xE000).contains(low) { continue }
          }
          position = pairStart
          return .loneSurrogate(escape: written(from: escapeStart, count: 6), field: member)
        case 0xDC00..<0xE000:
          return .loneSurrogate(escape: written(from: escapeStart, count: 6), field: member)
        default:
          continue
        }
      default:
        return .invalidEscape(escape: written(from: escapeStart, count: 2), field: member)
      }
    }
    return nil
  }

  /// Four hex digits at the position, read; nil (and the position kept) otherwise.
  private mutating func hex4() -> UInt32? {
    guard position + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for offset in 0..<4 {
      guard let digit = Self.hexValue(bytes[position + offset]) else { return nil }
      value = value << 4 | digit
    }
    position += 4
    return value
  }

  private static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// Up to `count` bytes of the text from `start`, as written (for the error message).
  private func written(from start: Int, count: Int) -> String {
    let end = Swift.min(start + count, bytes.count)
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
