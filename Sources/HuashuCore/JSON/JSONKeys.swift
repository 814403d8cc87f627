/// A coding key whose JSON form (`"name":`) is worked out once for its type, so a builder
/// writes a key with one copy instead of going through its `stringValue` every time.
public protocol JSONCodingKey: CodingKey, CaseIterable, Equatable, Sendable
where AllCases == [Self] {
  /// The type's keys in JSON form: `static let jsonKeys = JSONKeys<Self>()`.
  static var jsonKeys: JSONKeys<Self> { get }
}

/// Every key of a ``JSONCodingKey`` type, written out once as `"name":`.
public struct JSONKeys<Key: JSONCodingKey>: Sendable {
  private let keys: [Key]
  /// Key `i` is `bytes[starts[i] ..< starts[i + 1]]`.
  private let bytes: [UInt8]
  private let starts: [Int]

  /// Writes out every key of `Key`, escaped as any JSON string.
  public init() {
    keys = Key.allCases
    var buffer = ByteBuffer()
    var starts = [0]
    for key in keys {
      JSONBuilder.appendString(key.stringValue, to: &buffer)
      buffer.append(UInt8(ascii: ":"))
      starts.append(buffer.count)
    }
    self.bytes = buffer.array
    self.starts = starts
  }

  /// Appends `key` in JSON form, with its colon.
  @inline(__always)
  func append(_ key: Key, to output: inout ByteBuffer) {
    // A dozen keys at most: comparing cases is cheaper than hashing one.
    guard let index = keys.firstIndex(of: key) else { return }
    output.append(contentsOf: bytes[starts[index]..<starts[index + 1]])
  }
}

/// A value ``JSONBuilder`` writes as one JSON scalar.
public protocol JSONScalar {
  /// Writes the value.
  func write(to json: inout JSONBuilder)
}

extension String: JSONScalar {
  public func write(to json: inout JSONBuilder) { json.value(self) }
}

extension Int: JSONScalar {
  public func write(to json: inout JSONBuilder) { json.value(self) }
}

extension Bool: JSONScalar {
  public func write(to json: inout JSONBuilder) { json.value(self) }
}

extension Double: JSONScalar {
  public func write(to json: inout JSONBuilder) { json.value(self) }
}
