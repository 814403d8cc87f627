/// A set of small non-negative integers, one bit each, tested once per candidate of a ranking:
/// the phrasebook positions of the replies a chat was already given, the topic numbers of the
/// rules that fired.
struct BitSet: Sendable {
  private var words: [UInt64]

  /// An empty set for the integers below `count`.
  init(count: Int) {
    words = [UInt64](repeating: 0, count: (count + 63) / 64)
  }

  /// Adds `member` (less than the count the set was made for).
  mutating func insert(_ member: Int) {
    words[member >> 6] |= 1 << UInt64(member & 63)
  }

  /// Whether `member` (less than the count the set was made for) is in the set.
  @inline(__always)
  func contains(_ member: Int) -> Bool {
    words[member >> 6] & 1 << UInt64(member & 63) != 0
  }
}
