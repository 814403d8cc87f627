/// The bytes a JSON writer has written so far: an array grown a few bytes at a time, with room
/// reserved up front for the text of a value, so that appending rarely reallocates.
struct ByteBuffer {
  /// The bytes written.
  private(set) var array: [UInt8]

  /// An empty buffer with room for `capacity` bytes.
  init(capacity: Int = 512) {
    array = []
    array.reserveCapacity(max(capacity, 16))
  }

  /// How many bytes are written.
  var count: Int { array.count }

  /// Makes room for `extra` more bytes.
  @inline(__always)
  mutating func reserve(_ extra: Int) {
    let needed = array.count + extra
    if array.capacity < needed { array.reserveCapacity(max(needed, 2 * array.capacity)) }
  }

  @inline(__always)
  mutating func append(_ byte: UInt8) { array.append(byte) }

  /// Appends `bytes` (a slice of a text's UTF-8, a key's bytes).
  @inline(__always)
  mutating func append(contentsOf bytes: some Collection<UInt8>) {
    array.append(contentsOf: bytes)
  }

  /// Appends the UTF-8 of a literal.
  @inline(__always)
  mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { array.append(contentsOf: $0) }
  }

  /// Appends the UTF-8 of `text` as it is.
  mutating func append(utf8 text: String) { array.append(contentsOf: text.utf8) }

  /// Reverses the bytes written from `start` on (digits are produced last one first).
  mutating func reverseBytes(from start: Int) { array[start...].reverse() }
}
