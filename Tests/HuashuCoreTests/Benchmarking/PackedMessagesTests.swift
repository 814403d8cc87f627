import Testing

@testable import HuashuCore

struct PackedMessagesTests {
  @Test func givesBackEveryMessageAsWritten() {
    let messages = ["你们少发了一件！！", "", "ＣＯＤ可以吗😊", "a", "[数字x]元包邮吗"]
    let packed = PackedMessages(messages)
    #expect(Array(packed) == messages)
    #expect(Array(packed.prefix(2)) == Array(messages.prefix(2)))
  }

  @Test func packedWorkloadIsTheSameAsTheListedOne() {
    let listed = SyntheticWorkload.messages(count: 200, seed: 7)
    #expect(Array(SyntheticWorkload.packedMessages(count: 200, seed: 7)) == listed)
    #expect(listed.allSatisfy { (10...80).contains($0.count) })
  }
}
