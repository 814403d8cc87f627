/// The encoding containers of ``CompactJSONEncoder``: each writes straight to the shared
/// writer.
struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let writer: JSONWriter
  let level: Int
  var codingPath: [any CodingKey] { writer.codingPath(depth: level) }

  private func begin(_ key: Key) { writer.beginMember(at: level, key: key) }

  mutating func encodeNil(forKey key: Key) throws {
    begin(key)
    writer.writeNull()
  }
  mutating func encode(_ value: Bool, forKey key: Key) throws {
    begin(key)
    writer.write(value)
  }
  mutating func encode(_ value: String, forKey key: Key) throws {
    begin(key)
    writer.write(value)
  }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    begin(key)
    try writer.write(value, depth: level + 1)
  }
  mutating func encode(_ value: Float, forKey key: Key) throws {
    begin(key)
    try writer.write(Double(value), depth: level + 1)
  }
  mutating func encode(_ value: Int, forKey key: Key) throws {
    begin(key)
    writer.write(Int64(value))
  }
  mutating func encode(_ value: Int8, forKey key: Key) throws {
    begin(key)
    writer.write(Int64(value))
  }
  mutating func encode(_ value: Int16, forKey key: Key) throws {
    begin(key)
    writer.write(Int64(value))
  }
  mutating func encode(_ value: Int32, forKey key: Key) throws {
    begin(key)
    writer.write(Int64(value))
  }
  mutating func encode(_ value: Int64, forKey key: Key) throws {
    begin(key)
    writer.write(value)
  }
  mutating func encode(_ value: UInt, forKey key: Key) throws {
    begin(key)
    writer.write(UInt64(value))
  }
  mutating func encode(_ value: UInt8, forKey key: Key) throws {
    begin(key)
    writer.write(UInt64(value))
  }
  mutating func encode(_ value: UInt16, forKey key: Key) throws {
    begin(key)
    writer.write(UInt64(value))
  }
  mutating func encode(_ value: UInt32, forKey key: Key) throws {
    begin(key)
    writer.write(UInt64(value))
  }
  mutating func encode(_ value: UInt64, forKey key: Key) throws {
    begin(key)
    writer.write(value)
  }

  mutating func encode(_ value: some Encodable, forKey key: Key) throws {
    begin(key)
    try writer.encodeValue(value)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    begin(key)
    writer.open(isObject: true, depth: level + 1)
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(writer: writer, level: level + 1))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    begin(key)
    writer.open(isObject: false, depth: level + 1)
    return UnkeyedContainer(writer: writer, level: level + 1)
  }

  mutating func superEncoder() -> any Encoder {
    writer.beginMember(at: level, key: SuperKey())
    return StreamEncoder(writer: writer, depth: level + 1)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    begin(key)
    return StreamEncoder(writer: writer, depth: level + 1)
  }
}

struct SuperKey: CodingKey {
  var stringValue: String { "super" }
  var intValue: Int? { nil }
  init() {}
  init?(stringValue: String) { nil }
  init?(intValue: Int) { nil }
}

struct UnkeyedContainer: UnkeyedEncodingContainer {
  let writer: JSONWriter
  let level: Int
  var codingPath: [any CodingKey] { writer.codingPath(depth: level) }
  var count: Int { writer.stack.count > level ? writer.stack[level].count : 0 }

  private func begin() { writer.beginMember(at: level, key: nil) }

  mutating func encodeNil() throws {
    begin()
    writer.writeNull()
  }
  mutating func encode(_ value: String) throws {
    begin()
    writer.write(value)
  }
  mutating func encode(_ value: Bool) throws {
    begin()
    writer.write(value)
  }
  mutating func encode(_ value: Double) throws {
    begin()
    try writer.write(value, depth: level + 1)
  }
  mutating func encode(_ value: Int) throws {
    begin()
    writer.write(Int64(value))
  }

  mutating func encode(_ value: some Encodable) throws {
    begin()
    try writer.encodeValue(value)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    begin()
    writer.open(isObject: true, depth: level + 1)
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(writer: writer, level: level + 1))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    begin()
    writer.open(isObject: false, depth: level + 1)
    return UnkeyedContainer(writer: writer, level: level + 1)
  }

  mutating func superEncoder() -> any Encoder {
    begin()
    return StreamEncoder(writer: writer, depth: level + 1)
  }
}

struct SingleValueContainer: SingleValueEncodingContainer {
  let writer: JSONWriter
  let depth: Int
  var codingPath: [any CodingKey] { writer.codingPath(depth: depth) }

  mutating func encodeNil() throws { writer.writeNull() }
  mutating func encode(_ value: Bool) throws { writer.write(value) }
  mutating func encode(_ value: String) throws { writer.write(value) }
  mutating func encode(_ value: Double) throws { try writer.write(value, depth: depth) }
  mutating func encode(_ value: Float) throws { try writer.write(Double(value), depth: depth) }
  mutating func encode(_ value: Int) throws { writer.write(Int64(value)) }
  mutating func encode(_ value: Int8) throws { writer.write(Int64(value)) }
  mutating func encode(_ value: Int16) throws { writer.write(Int64(value)) }
  mutating func encode(_ value: Int32) throws { writer.write(Int64(value)) }
  mutating func encode(_ value: Int64) throws { writer.write(value) }
  mutating func encode(_ value: UInt) throws { writer.write(UInt64(value)) }
  mutating func encode(_ value: UInt8) throws { writer.write(UInt64(value)) }
  mutating func encode(_ value: UInt16) throws { writer.write(UInt64(value)) }
  mutating func encode(_ value: UInt32) throws { writer.write(UInt64(value)) }
  mutating func encode(_ value: UInt64) throws { writer.write(value) }

  mutating func encode(_ value: some Encodable) throws {
    // A wrapper encoding its wrapped value: the value goes in this container's place.
    try value.encode(to: StreamEncoder(writer: writer, depth: depth))
  }
}
