/// Encodes `Encodable` values as one line of compact JSON, fast.
///
/// Keys come in encoding order (for synthesized conformances, the order of declaration), nil
/// optionals are left out, and text is written as UTF-8: only `"`, `\` and control characters
/// are escaped, never Chinese (`\u` escapes are unreadable to agents). Numbers that are whole
/// are written without a fraction (`1`, not `1.0`), as Foundation's encoder does.
///
/// It exists because Foundation's `JSONEncoder` on Linux took longer to encode a suggestion
/// than huashu took to find it. The output is the same JSON; the Codable types stay the only
/// description of each format.
public struct CompactJSONEncoder: Sendable {
  /// Creates an encoder.
  public init() {}

  /// The JSON text of `value`.
  ///
  /// - Throws: `EncodingError.invalidValue` for a non-finite number.
  public func encode(_ value: some Encodable) throws -> String {
    let encoder = TreeEncoder(codingPath: [])
    try value.encode(to: encoder)
    var output: [UInt8] = []
    output.reserveCapacity(512)
    try encoder.node.write(to: &output, codingPath: [])
    return String(decoding: output, as: UTF8.self)
  }
}

/// A JSON value being built.
private enum JSONNode {
  case null
  case bool(Bool)
  case integer(Int64)
  case unsigned(UInt64)
  case double(Double)
  case string(String)
  case container(JSONContainer)

  func write(to output: inout [UInt8], codingPath: [any CodingKey]) throws {
    switch self {
    case .null: output += "null".utf8
    case .bool(let value): output += (value ? "true" : "false").utf8
    case .integer(let value): output += String(value).utf8
    case .unsigned(let value): output += String(value).utf8
    case .double(let value):
      guard value.isFinite else {
        throw EncodingError.invalidValue(
          value, .init(codingPath: codingPath, debugDescription: "JSON has no \(value)"))
      }
      if value.rounded() == value && abs(value) < 1e15 {
        output += String(Int64(value)).utf8
      } else {
        output += "\(value)".utf8
      }
    case .string(let value): JSONNode.writeString(value, to: &output)
    case .container(let container): try container.write(to: &output, codingPath: codingPath)
    }
  }

  static func writeString(_ value: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    defer { output.append(UInt8(ascii: "\"")) }
    var value = value
    let needsEscaping = value.withUTF8 { bytes in
      bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }
    guard needsEscaping else {
      output.append(contentsOf: value.utf8)
      return
    }
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): output += #"\""#.utf8
      case UInt8(ascii: "\\"): output += #"\\"#.utf8
      case UInt8(ascii: "\n"): output += #"\n"#.utf8
      case UInt8(ascii: "\r"): output += #"\r"#.utf8
      case UInt8(ascii: "\t"): output += #"\t"#.utf8
      case 0..<0x20:
        let digits = Array("0123456789abcdef".utf8)
        output += #"\u00"#.utf8
        output.append(digits[Int(byte >> 4)])
        output.append(digits[Int(byte & 0xF)])
      default:
        output.append(byte)
      }
    }
  }
}

/// An object or an array, filled in place by the containers that encode into it.
private final class JSONContainer {
  let isObject: Bool
  var keys: [String] = []
  var values: [JSONNode] = []

  init(isObject: Bool) { self.isObject = isObject }

  func write(to output: inout [UInt8], codingPath: [any CodingKey]) throws {
    output.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
    for index in values.indices {
      if index > 0 { output.append(UInt8(ascii: ",")) }
      if isObject {
        JSONNode.writeString(keys[index], to: &output)
        output.append(UInt8(ascii: ":"))
      }
      try values[index].write(to: &output, codingPath: codingPath)
    }
    output.append(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
  }
}

private final class TreeEncoder: Encoder {
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }
  var node: JSONNode = .null

  init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    let container: JSONContainer
    if case .container(let existing) = node, existing.isObject {
      container = existing
    } else {
      container = JSONContainer(isObject: true)
      node = .container(container)
    }
    return KeyedEncodingContainer(KeyedContainer<Key>(container: container, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    let container = JSONContainer(isObject: false)
    node = .container(container)
    return UnkeyedContainer(container: container, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleValueContainer(encoder: self)
  }

  /// The node of a nested value, through its own encoder. (No `as?` casts to find
  /// primitives: the typed overloads already catch them, and dynamic casts cost a protocol
  /// conformance lookup per value.)
  static func node(of value: some Encodable, codingPath: [any CodingKey]) throws -> JSONNode {
    let encoder = TreeEncoder(codingPath: codingPath)
    try value.encode(to: encoder)
    return encoder.node
  }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let container: JSONContainer
  let codingPath: [any CodingKey]

  private func add(_ node: JSONNode, _ key: Key) {
    container.keys.append(key.stringValue)
    container.values.append(node)
  }

  mutating func encodeNil(forKey key: Key) throws { add(.null, key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { add(.bool(value), key) }
  mutating func encode(_ value: String, forKey key: Key) throws { add(.string(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) throws { add(.double(value), key) }
  mutating func encode(_ value: Float, forKey key: Key) throws { add(.double(Double(value)), key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { add(.integer(Int64(value)), key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { add(.integer(Int64(value)), key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { add(.integer(Int64(value)), key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { add(.integer(Int64(value)), key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { add(.integer(value), key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { add(.unsigned(UInt64(value)), key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws {
    add(.unsigned(UInt64(value)), key)
  }
  mutating func encode(_ value: UInt16, forKey key: Key) throws {
    add(.unsigned(UInt64(value)), key)
  }
  mutating func encode(_ value: UInt32, forKey key: Key) throws {
    add(.unsigned(UInt64(value)), key)
  }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { add(.unsigned(value), key) }

  mutating func encode(_ value: some Encodable, forKey key: Key) throws {
    add(try TreeEncoder.node(of: value, codingPath: codingPath + [key]), key)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let nested = JSONContainer(isObject: true)
    add(.container(nested), key)
    return KeyedEncodingContainer(
      KeyedContainer<NestedKey>(container: nested, codingPath: codingPath + [key]))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let nested = JSONContainer(isObject: false)
    add(.container(nested), key)
    return UnkeyedContainer(container: nested, codingPath: codingPath + [key])
  }

  mutating func superEncoder() -> any Encoder { TreeEncoder(codingPath: codingPath) }
  mutating func superEncoder(forKey key: Key) -> any Encoder {
    TreeEncoder(codingPath: codingPath + [key])
  }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
  let container: JSONContainer
  let codingPath: [any CodingKey]
  var count: Int { container.values.count }

  mutating func encodeNil() throws { container.values.append(.null) }
  mutating func encode(_ value: String) throws { container.values.append(.string(value)) }
  mutating func encode(_ value: Bool) throws { container.values.append(.bool(value)) }
  mutating func encode(_ value: Double) throws { container.values.append(.double(value)) }
  mutating func encode(_ value: Int) throws { container.values.append(.integer(Int64(value))) }

  mutating func encode(_ value: some Encodable) throws {
    container.values.append(try TreeEncoder.node(of: value, codingPath: codingPath))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let nested = JSONContainer(isObject: true)
    container.values.append(.container(nested))
    return KeyedEncodingContainer(
      KeyedContainer<NestedKey>(container: nested, codingPath: codingPath))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let nested = JSONContainer(isObject: false)
    container.values.append(.container(nested))
    return UnkeyedContainer(container: nested, codingPath: codingPath)
  }

  mutating func superEncoder() -> any Encoder { TreeEncoder(codingPath: codingPath) }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
  let encoder: TreeEncoder
  var codingPath: [any CodingKey] { encoder.codingPath }

  mutating func encodeNil() throws { encoder.node = .null }
  mutating func encode(_ value: Bool) throws { encoder.node = .bool(value) }
  mutating func encode(_ value: String) throws { encoder.node = .string(value) }
  mutating func encode(_ value: Double) throws { encoder.node = .double(value) }
  mutating func encode(_ value: Float) throws { encoder.node = .double(Double(value)) }
  mutating func encode(_ value: Int) throws { encoder.node = .integer(Int64(value)) }
  mutating func encode(_ value: Int8) throws { encoder.node = .integer(Int64(value)) }
  mutating func encode(_ value: Int16) throws { encoder.node = .integer(Int64(value)) }
  mutating func encode(_ value: Int32) throws { encoder.node = .integer(Int64(value)) }
  mutating func encode(_ value: Int64) throws { encoder.node = .integer(value) }
  mutating func encode(_ value: UInt) throws { encoder.node = .unsigned(UInt64(value)) }
  mutating func encode(_ value: UInt8) throws { encoder.node = .unsigned(UInt64(value)) }
  mutating func encode(_ value: UInt16) throws { encoder.node = .unsigned(UInt64(value)) }
  mutating func encode(_ value: UInt32) throws { encoder.node = .unsigned(UInt64(value)) }
  mutating func encode(_ value: UInt64) throws { encoder.node = .unsigned(value) }

  mutating func encode(_ value: some Encodable) throws {
    encoder.node = try TreeEncoder.node(of: value, codingPath: codingPath)
  }
}
