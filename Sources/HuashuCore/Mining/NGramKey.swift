/// An n-gram of two to six units, packed as their ids (two 32-bit ids per word, 0 past the
/// end), so hashing one costs three words rather than a string's bytes.
///
/// Unit ids come from ``NGramAlphabet`` and start at 1, so a key's length is the number of
/// ids that are not 0.
struct NGramKey: Hashable, Sendable {
  /// The longest n-gram, in units.
  static let maximumLength = 6
  /// The shortest n-gram, in units.
  static let minimumLength = 2

  private var low: UInt64 = 0
  private var middle: UInt64 = 0
  private var high: UInt64 = 0

  /// The empty key, to be extended with ``set(_:at:)``.
  init() {}

  /// The key of `units` (at most ``maximumLength`` ids, none of them 0).
  init(_ units: some Collection<UInt32>) {
    for (position, unit) in units.enumerated() { set(unit, at: position) }
  }

  /// Puts `unit` at `position` (0-based), extending the key by one unit.
  mutating func set(_ unit: UInt32, at position: Int) {
    let value = UInt64(unit) << (position % 2 == 0 ? 0 : 32)
    switch position / 2 {
    case 0: low |= value
    case 1: middle |= value
    default: high |= value
    }
  }
}
