/// Writes compact JSON straight into a byte buffer, for the few records written once per input
/// line, where going through `Encodable` cost more than finding the answer.
///
/// The output is what ``CompactJSONEncoder`` writes for the same value: keys in the order they
/// are written, text as UTF-8 with only `"`, `\` and control characters escaped, whole numbers
/// without a fraction. A type that writes itself with a builder still describes its format with
/// its `CodingKeys` (the builder takes the keys from there), and a test checks both writers
/// agree on it.
///
/// Not copyable: it owns its buffer.
public struct JSONBuilder: ~Copyable {
  /// The JSON written so far.
  private var output: ByteBuffer
  /// Per open container (innermost in the lowest bit), whether it has no member yet.
  private var isEmpty: UInt64 = 0

  /// Creates an empty builder with room for `capacity` bytes.
  public init(capacity: Int = 1024) {
    output = ByteBuffer(capacity: capacity)
  }

  /// The JSON written so far.
  public var bytes: [UInt8] { output.array }

  /// The JSON written so far, as text.
  public var text: String { String(decoding: output.array, as: UTF8.self) }

  /// Opens an object (as a value: after a key, in an array, or at the top).
  public mutating func beginObject() { open(UInt8(ascii: "{")) }
  /// Closes the innermost object.
  public mutating func endObject() { close(UInt8(ascii: "}")) }
  /// Opens an array.
  public mutating func beginArray() { open(UInt8(ascii: "[")) }
  /// Closes the innermost array.
  public mutating func endArray() { close(UInt8(ascii: "]")) }

  /// Writes the key of the next member of the innermost object; its value comes next.
  public mutating func key<Key: JSONCodingKey>(_ key: Key) {
    separate()
    Key.jsonKeys.append(key, to: &output)
  }

  /// Writes the comma before an array element (before its ``value(_:)``).
  public mutating func element() { separate() }

  /// Writes a string value.
  public mutating func value(_ value: String) { Self.appendString(value, to: &output) }
  /// Writes an integer value.
  public mutating func value(_ value: Int) { Self.appendInteger(Int64(value), to: &output) }
  /// Writes a boolean value.
  public mutating func value(_ value: Bool) { output.append(value ? "true" : "false") }
  /// Writes a finite number (a non-finite one is written as `null`; JSON has no other way).
  public mutating func value(_ value: Double) { Self.appendNumber(value, to: &output) }

  /// Writes a member with a scalar value.
  public mutating func member(_ key: some JSONCodingKey, _ value: some JSONScalar) {
    self.key(key)
    value.write(to: &self)
  }
  /// Writes a member with an array of strings.
  public mutating func member(_ key: some JSONCodingKey, _ values: [String]) {
    self.key(key)
    beginArray()
    for value in values {
      element()
      self.value(value)
    }
    endArray()
  }
  /// Writes a member only when its value is present, as `Encodable`'s `encodeIfPresent` does.
  public mutating func member<Value: JSONScalar>(
    _ key: some JSONCodingKey, ifPresent value: Value?
  ) {
    if let value { member(key, value) }
  }

  private mutating func open(_ bracket: UInt8) {
    output.append(bracket)
    isEmpty = isEmpty << 1 | 1
  }

  private mutating func close(_ bracket: UInt8) {
    output.append(bracket)
    isEmpty >>= 1
  }

  /// A comma unless this is the container's first member.
  private mutating func separate() {
    if isEmpty & 1 == 0 { output.append(UInt8(ascii: ",")) }
    isEmpty &= ~1
  }
}
