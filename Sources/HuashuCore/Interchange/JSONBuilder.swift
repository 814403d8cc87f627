/// Writes compact JSON straight into a byte buffer, for the few records written once per input
/// line, where going through `Encodable` cost more than finding the answer.
///
/// The output is what ``CompactJSONEncoder`` writes for the same value: keys in the order they
/// are written, text as UTF-8 with only `"`, `\` and control characters escaped, whole numbers
/// without a fraction. A type that writes itself with a builder still describes its format with
/// its `CodingKeys` (the builder takes the keys from there), and a test checks both writers
/// agree on it.
public struct JSONBuilder: Sendable {
  /// The JSON written so far.
  public private(set) var bytes: [UInt8] = []
  /// Per open container (innermost in the lowest bit), whether it has no member yet.
  private var isEmpty: UInt64 = 0

  /// Creates an empty builder with room for `capacity` bytes.
  public init(capacity: Int = 1024) {
    bytes.reserveCapacity(capacity)
  }

  /// The JSON written so far, as text.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Forgets what was written, keeping the buffer's capacity.
  public mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    isEmpty = 0
  }

  /// Opens an object (as a value: after a key, in an array, or at the top).
  public mutating func beginObject() { open(UInt8(ascii: "{")) }
  /// Closes the innermost object.
  public mutating func endObject() { close(UInt8(ascii: "}")) }
  /// Opens an array.
  public mutating func beginArray() { open(UInt8(ascii: "[")) }
  /// Closes the innermost array.
  public mutating func endArray() { close(UInt8(ascii: "]")) }

  /// Writes the key of the next member of the innermost object; its value comes next.
  public mutating func key(_ key: some CodingKey) {
    separate()
    Self.appendString(key.stringValue, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
  }

  /// Writes the comma before an array element (before its ``value(_:)``).
  public mutating func element() { separate() }

  /// Writes a string value.
  public mutating func value(_ value: String) { Self.appendString(value, to: &bytes) }
  /// Writes an integer value.
  public mutating func value(_ value: Int) { Self.appendInteger(Int64(value), to: &bytes) }
  /// Writes a boolean value.
  public mutating func value(_ value: Bool) { bytes += (value ? "true" : "false").utf8 }
  /// Writes a finite number (a non-finite one is written as `null`; JSON has no other way).
  public mutating func value(_ value: Double) { Self.appendNumber(value, to: &bytes) }

  /// Writes a member with a scalar value.
  public mutating func member(_ key: some CodingKey, _ value: some JSONScalar) {
    self.key(key)
    value.write(to: &self)
  }
  /// Writes a member with an array of strings.
  public mutating func member(_ key: some CodingKey, _ values: [String]) {
    self.key(key)
    beginArray()
    for value in values {
      element()
      self.value(value)
    }
    endArray()
  }
  /// Writes a member only when its value is present, as `Encodable`'s `encodeIfPresent` does.
  public mutating func member<Value: JSONScalar>(_ key: some CodingKey, ifPresent value: Value?) {
    if let value { member(key, value) }
  }

  private mutating func open(_ bracket: UInt8) {
    bytes.append(bracket)
    isEmpty = isEmpty << 1 | 1
  }

  private mutating func close(_ bracket: UInt8) {
    bytes.append(bracket)
    isEmpty >>= 1
  }

  /// A comma unless this is the container's first member.
  private mutating func separate() {
    if isEmpty & 1 == 0 { bytes.append(UInt8(ascii: ",")) }
    isEmpty &= ~1
  }

  // MARK: - Values, shared with CompactJSONEncoder

  /// Appends `value` as a JSON string: UTF-8, escaping only `"`, `\` and control characters.
  static func appendString(_ value: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { utf8 in
      let raw = UnsafeRawBufferPointer(utf8)
      var clean = 0
      var index = 0
      while index < utf8.count {
        // Eight bytes at a time while none needs escaping: most text never does.
        if index + 8 <= utf8.count,
          !needsEscaping(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        {
          index += 8
          continue
        }
        let byte = utf8[index]
        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
          output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
          appendEscape(byte, to: &output)
          clean = index + 1
        }
        index += 1
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
    }
    output.append(UInt8(ascii: "\""))
  }

  /// Whether any of the eight bytes in `word` is a control character, `"` or `\`, tested on
  /// all eight at once (the "has a zero byte" and "has a byte below n" bit tricks).
  @inline(__always)
  static func needsEscaping(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
    // Bytes of 0x80 and above (all of Chinese) are excluded by `~word`.
    let belowSpace = (word &- ones &* 0x20) & ~word & highs != 0
    return belowSpace || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
  }

  private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
    switch byte {
    case UInt8(ascii: "\""): output += #"\""#.utf8
    case UInt8(ascii: "\\"): output += #"\\"#.utf8
    case UInt8(ascii: "\n"): output += #"\n"#.utf8
    case UInt8(ascii: "\r"): output += #"\r"#.utf8
    case UInt8(ascii: "\t"): output += #"\t"#.utf8
    default:
      let digits = Array("0123456789abcdef".utf8)
      output += #"\u00"#.utf8
      output.append(digits[Int(byte >> 4)])
      output.append(digits[Int(byte & 0xF)])
    }
  }

  /// Appends an integer in decimal, without going through `String`.
  static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
    if value < 0 { output.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits
    withUnsafeMutableBytes(of: &digits) { buffer in
      var position = buffer.count
      repeat {
        position -= 1
        buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      output.append(contentsOf: buffer[position...])
    }
  }

  /// Appends a finite number as Swift describes it (the shortest text that reads back the same),
  /// a whole number without a fraction; `null` for infinity and NaN.
  static func appendNumber(_ value: Double, to output: inout [UInt8]) {
    guard value.isFinite else {
      output += "null".utf8
      return
    }
    if value.rounded() == value && abs(value) < 1e15 {
      appendInteger(Int64(value), to: &output)
    } else {
      output += value.description.utf8
    }
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
