/// A set of positions in a phrasebook's entries, one bit each: the replies a chat was already
/// given, tested once per candidate of a ranking.
struct PositionSet: Sendable {
  private var words: [UInt64]

  /// An empty set for a phrasebook of `count` entries.
  init(count: Int) {
    words = [UInt64](repeating: 0, count: (count + 63) / 64)
  }

  /// Adds `position` (less than the count the set was made for).
  mutating func insert(_ position: Int) {
    words[position >> 6] |= 1 << UInt64(position & 63)
  }

  /// Whether `position` is in the set.
  @inline(__always)
  func contains(_ position: Int) -> Bool {
    words[position >> 6] & 1 << UInt64(position & 63) != 0
  }
}
