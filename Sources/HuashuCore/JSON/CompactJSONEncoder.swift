/// Encodes `Encodable` values as one line of compact JSON, fast.
///
/// Keys come in encoding order (for synthesized conformances, the order of declaration), nil
/// optionals are left out, and text is written as UTF-8: only `"`, `\` and control characters
/// are escaped, never Chinese (`\u` escapes are unreadable to agents). Numbers that are whole
/// are written without a fraction (`1`, not `1.0`), as Foundation's encoder does.
///
/// It exists because Foundation's `JSONEncoder` on Linux took longer to encode a suggestion
/// than huashu took to find it. The output is the same JSON; the Codable types stay the only
/// description of each format. It writes as it goes, with no tree in between: containers are
/// closed when their value's `encode(to:)` returns, or when their parent moves to its next
/// member.
public struct CompactJSONEncoder: Sendable {
  /// Creates an encoder.
  public init() {}

  /// The JSON text of `value`.
  ///
  /// - Throws: `EncodingError.invalidValue` for a non-finite number.
  public func encode(_ value: some Encodable) throws -> String {
    let writer = JSONWriter()
    try writer.encodeValue(value)
    return String(decoding: writer.output.array, as: UTF8.self)
  }
}

/// The output and the containers open in it, innermost last.
final class JSONWriter {
  struct Level {
    let isObject: Bool
    var count = 0
    /// The key of the member being written, for coding paths.
    var key: (any CodingKey)?
  }

  @exclusivity(unchecked) var output = ByteBuffer(capacity: 512)
  @exclusivity(unchecked) var stack: [Level] = []
  /// A member's key (or an array's comma) is written and its value is not yet.
  @exclusivity(unchecked) var awaitingValue = false

  init() {}

  func codingPath(depth: Int) -> [any CodingKey] {
    stack.prefix(depth).compactMap(\.key)
  }

  /// Encodes one value through its `encode(to:)`, then closes whatever it opened.
  func encodeValue(_ value: some Encodable) throws {
    let depth = stack.count
    awaitingValue = true
    try value.encode(to: StreamEncoder(writer: self, depth: depth))
    close(downTo: depth)
    if awaitingValue {
      // The value encoded nothing: an empty object, as Foundation writes it.
      output.append("{}")
      awaitingValue = false
    }
  }

  /// Opens a container at `depth` (or reuses the object already open there).
  func open(isObject: Bool, depth: Int) {
    if stack.count > depth, stack[depth].isObject == isObject, isObject { return }
    close(downTo: depth)
    output.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
    stack.append(Level(isObject: isObject))
    awaitingValue = false
  }

  /// Starts the next member of the container at `level`: closes deeper containers left open,
  /// writes the comma and, in an object, the key.
  func beginMember(at level: Int, key: (any CodingKey)?) {
    close(downTo: level + 1)
    if stack[level].count > 0 { output.append(UInt8(ascii: ",")) }
    stack[level].count += 1
    stack[level].key = key
    if let key {
      JSONBuilder.appendString(key.stringValue, to: &output)
      output.append(UInt8(ascii: ":"))
    }
    awaitingValue = true
  }

  /// Closes every container at `depth` or deeper.
  func close(downTo depth: Int) {
    while stack.count > depth {
      if awaitingValue {
        output.append("{}")
        awaitingValue = false
      }
      let level = stack.removeLast()
      output.append(level.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }
  }

  func writeNull() {
    output.append("null")
    awaitingValue = false
  }

  func write(_ value: Bool) {
    output.append(value ? "true" : "false")
    awaitingValue = false
  }

  func write(_ value: Int64) {
    JSONBuilder.appendInteger(value, to: &output)
    awaitingValue = false
  }

  func write(_ value: UInt64) {
    output.append(utf8: String(value))
    awaitingValue = false
  }

  func write(_ value: Double, depth: Int) throws {
    guard value.isFinite else {
      throw EncodingError.invalidValue(
        value, .init(codingPath: codingPath(depth: depth), debugDescription: "JSON has no \(value)")
      )
    }
    JSONBuilder.appendNumber(value, to: &output)
    awaitingValue = false
  }

  func write(_ value: String) {
    JSONBuilder.appendString(value, to: &output)
    awaitingValue = false
  }
}

/// The encoder handed to one value's `encode(to:)`; `depth` is where its container goes.
struct StreamEncoder: Encoder {
  let writer: JSONWriter
  let depth: Int
  var codingPath: [any CodingKey] { writer.codingPath(depth: depth) }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    writer.open(isObject: true, depth: depth)
    return KeyedEncodingContainer(KeyedContainer<Key>(writer: writer, level: depth))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    writer.open(isObject: false, depth: depth)
    return UnkeyedContainer(writer: writer, level: depth)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleValueContainer(writer: writer, depth: depth)
  }
}
