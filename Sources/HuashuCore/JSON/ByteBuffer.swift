/// A growable run of bytes written through a pointer: the JSON writers append a few bytes at a
/// time, dozens of times per record, where an `Array` checks its uniqueness on every append.
///
/// Owns its memory and frees it once; not copyable, so two owners can never share it.
struct ByteBuffer: ~Copyable {
  private var start: UnsafeMutablePointer<UInt8>
  /// How many bytes are written.
  private(set) var count = 0
  private var capacity: Int

  /// An empty buffer with room for `capacity` bytes.
  init(capacity: Int = 512) {
    self.capacity = max(capacity, 16)
    start = .allocate(capacity: self.capacity)
  }

  deinit { start.deallocate() }

  /// The bytes written, copied into an array.
  var array: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

  /// Makes room for `extra` more bytes.
  @inline(__always)
  mutating func reserve(_ extra: Int) {
    if capacity - count < extra { grow(to: count + extra) }
  }

  private mutating func grow(to needed: Int) {
    let newCapacity = max(needed, capacity * 2)
    let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStart.update(from: start, count: count)
    start.deallocate()
    start = newStart
    capacity = newCapacity
  }

  @inline(__always)
  mutating func append(_ byte: UInt8) {
    reserve(1)
    start[count] = byte
    count += 1
  }

  @inline(__always)
  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    reserve(bytes.count)
    (start + count).update(from: source, count: bytes.count)
    count += bytes.count
  }

  /// Appends `bytes[range]`.
  @inline(__always)
  mutating func append(_ bytes: [UInt8], _ range: Range<Int>) {
    bytes.withUnsafeBufferPointer { append(UnsafeBufferPointer(rebasing: $0[range])) }
  }

  /// Appends the UTF-8 of a literal.
  @inline(__always)
  mutating func append(_ text: StaticString) {
    append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Appends the UTF-8 of `text` as it is.
  mutating func append(utf8 text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }
}
