/// Decodes `Decodable` values from one flat JSON object (every value a string, number, boolean
/// or null), fast: the shape of a `huashu suggest` input line.
///
/// Anything else (nested objects or arrays, invalid JSON) is not handled: ``decode(_:from:)``
/// returns nil and the caller falls back to Foundation's `JSONDecoder`, which decodes it or says
/// what is wrong with it. The Codable types stay the only description of each format.
///
/// It exists because Foundation's decoder took longer to read a line than huashu took to answer
/// it.
public struct FlatJSONDecoder: Sendable {
  /// Creates a decoder.
  public init() {}

  /// Decodes `type` from `text`, or returns nil when `text` is not a flat JSON object.
  ///
  /// - Throws: The decoding errors of `type` itself (a missing key, a wrong type).
  public func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T? {
    var text = text
    let parsed = text.withUTF8 { bytes in
      var parser = FlatJSONParser(bytes: bytes)
      return parser.object()
    }
    guard let object = parsed else { return nil }
    return try T(from: FlatObjectDecoder(object: object))
  }

  /// The members of a flat JSON object as text, or nil when `text` is not one.
  ///
  /// Strings are kept as they are, numbers are written as Swift writes an `Int` (or else a
  /// `Double`) read from them, booleans as `true` and `false`; `null` members are left out.
  /// The first of repeated keys wins, as in Foundation's decoder. The shape of a
  /// `huashu suggest` line, read without a `Decoder` in between.
  public func scalarFields(of text: String) -> [String: String]? {
    var text = text
    let parsed = text.withUTF8 { bytes in
      var parser = FlatJSONParser(bytes: bytes)
      return parser.object()
    }
    guard let object = parsed else { return nil }
    var fields: [String: String] = Dictionary(minimumCapacity: object.count)
    for (key, value) in object where fields[key] == nil {
      switch value {
      case .string(let string): fields[key] = string
      case .number(let number):
        fields[key] = Int(number).map { String($0) } ?? Double(number).map { String($0) }
      case .bool(let flag): fields[key] = flag ? "true" : "false"
      case .null: break
      }
    }
    return fields
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

/// Parses one JSON object of scalar values; nil for anything else.
///
/// The bytes are a `String`'s, so valid UTF-8: a string value between two quotes is too.
struct FlatJSONParser {
  let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  mutating func object() -> [(key: String, value: FlatJSONValue)]? {
    var members: [(key: String, value: FlatJSONValue)] = []
    members.reserveCapacity(4)
    skipSpace()
    guard take(UInt8(ascii: "{")) else { return nil }
    skipSpace()
    if take(UInt8(ascii: "}")) { return finished() ? members : nil }
    while true {
      skipSpace()
      guard let key = string() else { return nil }
      skipSpace()
      guard take(UInt8(ascii: ":")) else { return nil }
      skipSpace()
      guard let value = value() else { return nil }
      members.append((key, value))
      skipSpace()
      if take(UInt8(ascii: ",")) { continue }
      guard take(UInt8(ascii: "}")) else { return nil }
      return finished() ? members : nil
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
      decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
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
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
        position += 1
        // The bytes of a String between two ASCII quotes are valid UTF-8.
        return String(decoding: slice, as: UTF8.self)
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
        return String(validating: utf8, as: UTF8.self)
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

  private mutating func literal(_ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard position + count <= bytes.count else { return false }
    for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] {
      return false
    }
    position += count
    return true
  }

  private mutating func take(_ byte: UInt8) -> Bool {
    guard position < bytes.count, bytes[position] == byte else { return false }
    position += 1
    return true
  }

  private mutating func skipSpace() {
    while position < bytes.count,
      [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position])
    {
      position += 1
    }
  }
}

/// A `Decoder` over one parsed flat object.
private struct FlatObjectDecoder: Decoder {
  let object: [(key: String, value: FlatJSONValue)]
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
    KeyedDecodingContainer(FlatKeyedContainer<Key>(object: object))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    throw DecodingError.typeMismatch(
      [Any].self, .init(codingPath: [], debugDescription: "expected an array, found an object"))
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    throw DecodingError.typeMismatch(
      String.self, .init(codingPath: [], debugDescription: "expected a value, found an object"))
  }
}

private struct FlatKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let object: [(key: String, value: FlatJSONValue)]
  var codingPath: [any CodingKey] { [] }

  var allKeys: [Key] { object.compactMap { Key(stringValue: $0.key) } }

  func contains(_ key: Key) -> Bool { object.contains { $0.key == key.stringValue } }

  private func value(_ key: Key) throws -> FlatJSONValue {
    // The first occurrence wins, as in Foundation's decoder.
    guard let member = object.first(where: { $0.key == key.stringValue }) else {
      throw DecodingError.keyNotFound(
        key, .init(codingPath: [], debugDescription: "no value for key \(key.stringValue)"))
    }
    return member.value
  }

  private func mismatch<T>(_ type: T.Type, _ key: Key) -> DecodingError {
    .typeMismatch(
      type, .init(codingPath: [key], debugDescription: "expected \(type) for \(key.stringValue)"))
  }

  private func number<T: LosslessStringConvertible>(_ type: T.Type, _ key: Key) throws -> T {
    guard case .number(let text) = try value(key), let number = T(text) else {
      throw mismatch(type, key)
    }
    return number
  }

  func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }

  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
    guard case .bool(let flag) = try value(key) else { throw mismatch(type, key) }
    return flag
  }

  func decode(_ type: String.Type, forKey key: Key) throws -> String {
    guard case .string(let string) = try value(key) else { throw mismatch(type, key) }
    return string
  }

  func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try number(type, key) }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try number(type, key) }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try number(type, key) }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try number(type, key) }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try number(type, key) }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try number(type, key) }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try number(type, key) }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try number(type, key) }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try number(type, key) }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try number(type, key) }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try number(type, key) }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try number(type, key) }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    // Flat objects hold scalars only; a nested type cannot come from one.
    throw mismatch(type, key)
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type, forKey key: Key
  ) throws -> KeyedDecodingContainer<NestedKey> {
    throw mismatch([String: Any].self, key)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    throw mismatch([Any].self, key)
  }

  func superDecoder() throws -> any Decoder { FlatObjectDecoder(object: object) }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    throw mismatch([String: Any].self, key)
  }
}
