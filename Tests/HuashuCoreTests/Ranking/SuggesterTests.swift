import Testing

@testable import HuashuCore

struct SuggesterTests {
  static let rules = """
    intent: bargain
    label: 议价
    rules:
      - id: bargain.cheaper
        any: [便宜]
    """
  static let shippingRules = """
    intent: shipping_fee
    label: 运费
    rules:
      - id: shipping_fee.amount
        any: [运费]
      - id: shipping_fee.weak
        any: [邮]
        weight: 0.5
    """

  static func entry(
    _ id: String, intent: String = "bargain", text: String, step: Int? = nil,
    tags: [String] = [], group: String = "议价", layer: PhrasebookEntry.Layer = .team
  ) throws -> PhrasebookEntry {
    PhrasebookEntry(
      id: ReplyID(id), intent: IntentID(intent), code: nil, template: try ReplyTemplate(text),
      step: step, tags: tags, images: [], group: group, layer: layer,
      location: SourceLocation(path: "t.yaml", line: 1, column: 1))
  }

  static func classify(_ text: String) throws -> Classification {
    let loaded = try TestSupport.load(["bargain.yaml": rules, "shipping.yaml": shippingRules])
    var scratch = MatchScratch()
    return Matcher(ruleSet: loaded.ruleSet).classify(text, using: &scratch)
  }

  static func ids(_ result: SuggestionResult) -> [String] {
    result.suggestions.map(\.entry.id.rawValue)
  }

  @Test func ranksByStepThenPhrasebookOrderAndStopsAtTheLimit() throws {
    let book = Phrasebook(entries: [
      try Self.entry("late", text: "最低价了，真的不能再低", step: 4),
      try Self.entry("first", text: "已经是活动价了", step: 1),
      try Self.entry("second", text: "质量有保证，一分钱一分货", step: 1),
      try Self.entry("plain", text: "可以看看买家秀"),
    ])
    let result = Suggester(phrasebook: book).suggestions(
      for: try Self.classify("便宜点"), context: ReplyContext(), limit: 3)
    #expect(Self.ids(result) == ["first", "second", "plain"])
    let suggester = Suggester(phrasebook: book)
    let late = suggester.score(
      0, intentScore: 0.5,
      context: Suggester.ScoringContext(ReplyContext(), index: suggester.index), usage: 0)
    #expect(abs(late.score - 0.5 * 0.7) < 1e-9)
  }

  @Test func nearDuplicatesInOneGroupAreNotBothSuggested() throws {
    let book = Phrasebook(entries: [
      try Self.entry("a", text: "亲，我们已经是活动价了，质量有保证的哦"),
      try Self.entry("b", text: "亲，我们已经是活动价了，质量有保证的呢"),
      try Self.entry("c", text: "送您一个小礼物吧"),
      try Self.entry("d", text: "亲，我们已经是活动价了，质量有保证的哦", group: "别组"),
    ])
    let result = Suggester(phrasebook: book).suggestions(
      for: try Self.classify("便宜"), context: ReplyContext(), limit: 3)
    #expect(Self.ids(result) == ["a", "c", "d"])
  }

  @Test func personalRepliesAndLearnedUsageRankHigher() throws {
    let book = Phrasebook(entries: [
      try Self.entry("one", text: "活动价了"),
      try Self.entry("two", text: "送个小礼物"),
      try Self.entry("mine", text: "我自己的话术", layer: .personal),
    ])
    let classification = try Self.classify("便宜")
    let suggester = Suggester(phrasebook: book)
    #expect(
      Self.ids(suggester.suggestions(for: classification, context: ReplyContext()))
        == ["mine", "one", "two"])
    let learned = suggester.suggestions(
      for: classification, context: ReplyContext(), usage: ["two": 5])
    #expect(Self.ids(learned) == ["two", "mine", "one"])
    #expect(learned.suggestions[0].parts.acceptedCount == 5)
  }

  @Test func situationTagsPickTheReplyThatFitsTheRegion() throws {
    let book = Phrasebook(entries: [
      try Self.entry(
        "quote", intent: "shipping_fee", text: "到{region}运费{shipping_fee}", tags: ["fee-quote"],
        group: "运费"),
      try Self.entry(
        "confirm", intent: "shipping_fee", text: "偏远地区先确认运费", tags: ["fee-confirm"],
        group: "运费"),
      try Self.entry(
        "ask", intent: "shipping_fee", text: "请问您是哪个省的", tags: ["ask-region"], group: "运费"),
    ])
    let profile = ShopProfileTests.profile
    let suggester = Suggester(phrasebook: book)
    let classification = try Self.classify("运费多少")
    func ids(_ region: String?) -> [String] {
      let fields = region.map { ["region": $0] } ?? [:]
      return Self.ids(
        suggester.suggestions(
          for: classification, context: .forMessage(fields: fields, profile: profile)))
    }
    #expect(ids("四川") == ["quote"])
    #expect(ids("西藏") == ["confirm"])
    #expect(ids(nil) == ["ask"])
    let quoted = suggester.suggestions(
      for: classification, context: .forMessage(fields: ["region": "四川"], profile: profile))
    #expect(quoted.suggestions[0].reply.text == "到四川运费15元")
  }

  @Test func noSuggestionForOtherBelowTheFloorOrWithoutReplies() throws {
    let book = Phrasebook(entries: [try Self.entry("one", text: "活动价了")])
    let suggester = Suggester(phrasebook: book)
    let other = suggester.suggestions(for: try Self.classify("你好"), context: ReplyContext())
    #expect(other.suggestions.isEmpty)
    #expect(other.noSuggestionReason == "no rule matched the message")

    let weak = suggester.suggestions(for: try Self.classify("邮"), context: ReplyContext())
    #expect(weak.suggestions.isEmpty)
    #expect(weak.noSuggestionReason?.contains("below the floor 0.3") == true)

    let missing = suggester.suggestions(for: try Self.classify("运费"), context: ReplyContext())
    #expect(missing.noSuggestionReason == "the phrasebooks have no reply for intent shipping_fee")
  }

  @Test func closeRunnerUpAddsItsReplies() throws {
    let book = Phrasebook(entries: [
      try Self.entry("cheap", text: "活动价了"),
      try Self.entry("fee", intent: "shipping_fee", text: "运费10元", group: "运费"),
    ])
    let result = Suggester(phrasebook: book).suggestions(
      for: try Self.classify("便宜点运费呢"), context: ReplyContext())
    #expect(Set(Self.ids(result)) == ["cheap", "fee"])
  }
}
