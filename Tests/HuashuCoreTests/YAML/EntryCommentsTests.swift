import Testing

@testable import HuashuCore

/// Comment lines survive a file written again from its entries.
struct EntryCommentsTests {
  static let old = """
    # the bargaining replies
    group: 议价
    entries:
      # step 1: hold the price
      - id: firm
        intent: bargain
        text: 亲，已经是活动价了
      # step 2: a gift instead
      - id: gift
        intent: bargain
        text: 送您一个小礼品
      - id: 'coupon'
        intent: bargain
        text: 领券更划算
    # end of the file

    """

  @Test func commentsStayInFrontOfTheirEntries() {
    let new = """
      group: 议价
      entries:
      - id: firm
        intent: bargain
        text: 亲，这个价格已经是最低了
      - id: gift
        intent: bargain
        text: 送您一个小礼品
      - id: coupon
        intent: bargain
        text: 领券更划算

      """
    let carried = EntryComments.carry(from: Self.old, into: new)
    #expect(
      carried == """
        # the bargaining replies
        group: 议价
        entries:
        # step 1: hold the price
        - id: firm
          intent: bargain
          text: 亲，这个价格已经是最低了
        # step 2: a gift instead
        - id: gift
          intent: bargain
          text: 送您一个小礼品
        - id: coupon
          intent: bargain
          text: 领券更划算
        # end of the file

        """)
  }

  @Test func aRemovedEntrysCommentGoesWithTheNextEntry() {
    let new = """
      group: 议价
      entries:
        - id: firm
          text: 亲
        - id: coupon
          text: 领券

      """
    let carried = EntryComments.carry(from: Self.old, into: new)
    #expect(carried.contains("  # step 2: a gift instead\n  - id: coupon"))
    #expect(carried.hasPrefix("# the bargaining replies\n"))
  }

  @Test func aFileWithoutCommentsIsWrittenAsGenerated() {
    let new = "group: x\nentries:\n- id: a\n  text: b\n"
    #expect(EntryComments.carry(from: new, into: new) == new)
  }
}
