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

/// A scalar JSON value.
enum FlatJSONValue: Equatable {
  case string(String)
  /// A number, as written.
  case number(String)
  case bool(Bool)
  case null
}

/// Parses one JSON object of scalar values; fails on anything else, and on a string that is
/// not valid UTF-8.
struct FlatJSONParser {
  let bytes: [UInt8]
  private var position = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  /// Passes each member to `body` in order (repeated keys too); false when the bytes are not
  /// one flat object.
  mutating func members(_ body: (_ key: String, _ value: FlatJSONValue) -> Void) -> Bool {
    skipSpace()
    guard take(UInt8(ascii: "{")) else { return false }
    skipSpace()
    if take(UInt8(ascii: "}")) { return finished() }
    while true {
      skipSpace()
      guard let key = string() else { return false }
      skipSpace()
      guard take(UInt8(ascii: ":")) else { return false }
      skipSpace()
      guard let value = value() else { return false }
      body(key, value)
      skipSpace()
      if take(UInt8(ascii: ",")) { continue }
      guard take(UInt8(ascii: "}")) else { return false }
      return finished()
    }
  }

  private mutating func finished() -> Bool {
    skipSpace()
    return position == bytes.count
  }

  private mutating func value() -> FlatJSONValue? {
    guard position < bytes.count else { return nil }
    switch bytes[position] {
    case UInt8(ascii: "\""): return string().map(FlatJSONValue.string)
    case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
    case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
    case UInt8(ascii: "n"): return literal("null") ? .null : nil
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
    default: return nil
    }
  }

  private mutating func number() -> FlatJSONValue? {
    let start = position
    while position < bytes.count,
      case let byte = bytes[position],
      byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
        || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    {
      position += 1
    }
    let text = String(
      decoding: bytes[start..<position], as: UTF8.self)
    // Only what JSON allows: Double's parser accepts more (hex, "inf").
    guard Double(text) != nil, text.last.map({ $0.isNumber }) == true else { return nil }
    return .number(text)
  }

  private mutating func string() -> String? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    let start = position
    // The common case: no escapes, so the bytes are the string.
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let slice = bytes[start..<position]
        position += 1
        return String(validUTF8: slice)
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { return nil }
      position += 1
    }
    var utf8 = Array(bytes[start..<position])
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        return String(validUTF8: utf8)
      case UInt8(ascii: "\\"):
        guard position < bytes.count else { return nil }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
          guard let scalar = unicodeEscape() else { return nil }
          utf8.append(contentsOf: String(Character(scalar)).utf8)
        default: return nil
        }
      case 0..<0x20:
        return nil
      default:
        utf8.append(byte)
      }
    }
    return nil
  }

  /// The scalar of a `\uXXXX` escape (the `\u` already read), joining a surrogate pair.
  private mutating func unicodeEscape() -> Unicode.Scalar? {
    guard let high = hex4() else { return nil }
    if (0xD800..<0xDC00).contains(high) {
      guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(),
        (0xDC00..<0xE000).contains(low)
      else { return nil }
      return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }
    return Unicode.Scalar(high)
  }

  private mutating func hex4() -> UInt32? {
    guard position + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let digit = Character(Unicode.Scalar(bytes[position])).hexDigitValue else {
        return nil
      }
      value = value << 4 | UInt32(digit)
      position += 1
    }
    return value
  }

  private mutating func literal(_ word: String) -> Bool {
    let utf8 = word.utf8
    guard position + utf8.count <= bytes.count,
      bytes[position..<position + utf8.count].elementsEqual(utf8)
    else { return false }
    position += utf8.count
    return true
  }

  private mutating func take(_ byte: UInt8) -> Bool {
    guard position < bytes.count, bytes[position] == byte else { return false }
    position += 1
    return true
  }

  private mutating func skipSpace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }
}

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
