import Testing

@testable import HuashuCore

/// The ranking's bit sets hold exactly what was inserted, across word boundaries.
struct BitSetTests {
  @Test(arguments: [1, 64, 65, 1_024, 1_025, 5_000])
  func holdsExactlyTheInsertedMembers(count: Int) {
    var random = SyntheticWorkload.Generator(seed: UInt64(count))
    var set = BitSet(count: count)
    var expected: Set<Int> = []
    for _ in 0..<(count / 3 + 1) {
      let member = Int.random(in: 0..<count, using: &random)
      set.insert(member)
      expected.insert(member)
    }
    set.insert(count - 1)
    expected.insert(count - 1)
    #expect((0..<count).filter(set.contains) == expected.sorted())
  }
}
