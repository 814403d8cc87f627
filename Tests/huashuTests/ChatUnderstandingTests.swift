import Foundation
import Testing

/// Multi-turn chats through the real `huashu suggest --format json` on the shipped content.
///
/// Places and prices in the buyer's words, offers against a floor, the chat's topic, scripts
/// that follow the buyer, closings, hand-off and the seeds' situations. One fixture per
/// behaviour, named by what it shows.
struct ChatUnderstandingTests {
  typealias Record = [String: Any]

  static func replay(_ fixture: String, extra: [String] = []) throws -> [Record] {
    try ConversationCommandTests.suggest(
      try ConversationCommandTests.chat("\(fixture).jsonl"), extra: extra)
  }

  static func ids(_ record: Record) -> [String] { SuggestCommandTests.replyIDs(record) }

  static func texts(_ record: Record) -> [String] {
    ConversationCommandTests.suggestions(record).compactMap { $0["text"] as? String }
  }

  static func step(_ record: Record) -> String? {
    ConversationCommandTests.state(record)["deescalation"] as? String
  }

  @Test func aPlaceInTheMessageGivesItsProvinceAndFee() throws {
    let records = try Self.replay("region-named-in-the-message")
    try #require(records.count == 5)
    let regions = records.map { $0["region"] as? String }
    #expect(regions == ["新疆", "黑龙江哈尔滨", "西藏拉萨", "香港", "广东深圳"])
    #expect(Self.texts(records[0]).first?.contains("15元") == true, "\(Self.texts(records[0]))")
    #expect(Self.texts(records[1]).first?.contains("15元") == true)
    #expect(Self.texts(records[4]).first?.contains("12元") == true)
    // 西藏 and places outside the fee table are confirmed first, never quoted.
    for record in [records[2], records[3]] {
      #expect(
        Self.ids(record).first?.hasPrefix("shipping_fee.confirm") == true, "\(Self.ids(record))")
      #expect(!Self.texts(record).joined().contains("元"), "\(Self.texts(record))")
    }
  }

  @Test func aPlaceNamedInALaterTurnAnswersTheFeeQuestion() throws {
    let records = try Self.replay("region-named-in-a-later-turn")
    try #require(records.count == 4)
    #expect(Self.ids(records[0]).first == "shipping_fee.ask-region")
    // 我在成都 has no need of its own: answered for the chat's topic, with the fee.
    #expect(records[1]["intent"] as? String == "shipping_fee")
    #expect(records[1]["intent_source"] as? String == "chat")
    #expect(records[1]["region"] as? String == "四川成都")
    #expect(Self.texts(records[1]).first?.contains("15元") == true, "\(Self.texts(records[1]))")
    // 那寄到深圳呢: a broad word and a new place; the fee question goes on, for 深圳.
    #expect(records[2]["intent"] as? String == "shipping_fee")
    #expect(Self.texts(records[2]).first?.contains("12元") == true, "\(Self.texts(records[2]))")
    // The thanks gets a closing; the region is remembered.
    #expect(records[3]["intent"] as? String == "closing")
    #expect(records[3]["region"] as? String == "广东深圳")
    #expect(Self.ids(records[3]).allSatisfy { $0.hasPrefix("closing.") })
  }

  @Test func offersAreReadInChineseNumeralsAndMeasuredAgainstTheFloor() throws {
    let records = try Self.replay("offers-against-the-floor")
    try #require(records.count == 4)
    #expect(records.map { $0["intent"] as? String } == Array(repeating: "bargain", count: 4))
    #expect(records.map { $0["offer"] as? Double } == [30, 150, 200, 160])
    #expect(records.map { ($0["amounts"] as? [Double]) ?? [] } == [[30], [150], [200], [160]])
    // Below the floor: the ladder's step, naming the offer; at the floor: taken.
    #expect(records[0]["offer_acceptable"] as? Bool == false)
    #expect(Self.texts(records[0]).first?.hasPrefix("亲，30元") == true)
    #expect(records[1]["offer_acceptable"] as? Bool == true)
    #expect(Self.ids(records[1]).first == "bargain.offer-accept")
    #expect(Self.texts(records[1]).first?.contains("150元") == true)
    #expect(ConversationCommandTests.firstWhy(records[1]).contains("at or above the floor 150"))
    // No floor known: no verdict, and no reply saying the price cannot be done.
    #expect(records[2]["offer_acceptable"] == nil)
    #expect(
      !Self.ids(records[2]).contains {
        $0.hasPrefix("bargain.offer-below") || $0.hasPrefix("bargain.offer-accept")
      })
    // Only the price: the shop profile's floor_ratio (0.9 × 168 = 151.2) makes 160 acceptable.
    #expect(records[3]["offer_acceptable"] as? Bool == true)
    #expect(Self.ids(records[3]).first == "bargain.offer-accept")
  }

  @Test func aTurnWithoutItsOwnIntentIsAnsweredAndReportedForTheTopic() throws {
    let records = try Self.replay("topic-carries-a-turn-without-intent")
    try #require(records.count == 2)
    #expect(records[0]["intent_source"] as? String == "message")
    #expect(records[1]["intent"] as? String == "quality")
    #expect(records[1]["intent_source"] as? String == "chat")
    #expect(Self.ids(records[1]).allSatisfy { $0.hasPrefix("quality.") }, "\(Self.ids(records[1]))")
  }

  @Test func theTopicFadesAfterThreeTurnsWithoutANeedOfTheBuyersOwn() throws {
    let records = try Self.replay("topic-fades-after-three-turns")
    try #require(records.count == 5)
    #expect(
      records.map { $0["intent_source"] as? String } == [
        "message", "message", "chat", "chat", "message",
      ])
    #expect(records[3]["intent"] as? String == "shipping_fee")
    #expect(records[4]["intent"] as? String == "other")
    #expect(Self.ids(records[4]).isEmpty)
  }

  @Test func deescalationStaysWithTheEmotionUntilTheBuyerMoves() throws {
    let records = try Self.replay("angry-buyer-who-stays-angry")
    try #require(records.count == 5)
    #expect(records[1]["emotion"] as? String == "angry")  // 我不要听道歉，你说怎么办！
    #expect(
      records.map(Self.step) == ["acknowledge", "apologize", "apologize", "solve", "follow-up"])
    // Still angry on the third turn: a second apology, not the first again; and a human.
    #expect(Self.ids(records[2]).first != Self.ids(records[1]).first)
    #expect(records[2]["handoff"] as? Bool == true)
    // Nothing claims photos were received: none were sent.
    for record in records {
      for text in Self.texts(record) {
        #expect(!text.contains("照片我们看到了") && !text.contains("收到您的照片"), "\(text)")
      }
    }
  }

  @Test func thanksAndGoodbyeGetClosingsAndAGreetingOnlyGreetings() throws {
    let records = try Self.replay("closings-and-greetings")
    try #require(records.count == 4)
    for record in records.prefix(3) {
      #expect(record["intent"] as? String == "closing")
      #expect(!Self.ids(record).isEmpty && Self.ids(record).allSatisfy { $0.hasPrefix("closing.") })
    }
    #expect(Self.ids(records[3]).count == 3)
    #expect(
      Self.ids(records[3]).allSatisfy { $0.hasPrefix("greeting.") }, "\(Self.ids(records[3]))")
  }

  @Test func threatsThePlatformAndAManagerHandOffAHarshWordDoesNot() throws {
    let records = try Self.replay("handoff-cues")
    try #require(records.count == 5)
    for record in records.prefix(4) {
      #expect(record["handoff"] as? Bool == true, "\(record["chat"] ?? "")")
    }
    #expect((records[0]["handoff_reason"] as? String)?.contains("bad review") == true)
    #expect((records[1]["handoff_reason"] as? String)?.contains("platform") == true)
    #expect((records[2]["handoff_reason"] as? String)?.contains("manager") == true)
    // 什么垃圾质量！ is angry and starts de-escalation, without a hand-off.
    #expect(records[4]["handoff"] == nil)
    #expect(records[4]["emotion"] as? String == "angry")
    #expect(records[4]["intent"] as? String == "quality")
    #expect(Self.step(records[4]) == "acknowledge")
  }

  @Test func theSeedsSituationsEachGetTheirReplies() throws {
    let records = try Self.replay("seed-situations")
    try #require(records.count == 6)
    let expected: [(intent: String, tag: String)] = [
      ("wrong_item", "extra"), ("logistics", "extend-receipt"), ("product_info", "payment"),
      ("missing_item", "accessory"), ("missing_item", "counted"), ("shipping_fee", "express"),
    ]
    for (record, want) in zip(records, expected) {
      #expect(record["intent"] as? String == want.intent, "\(record["chat"] ?? "")")
      #expect(
        Self.ids(record).first?.contains(want.tag) == true,
        "\(record["chat"] ?? ""): \(Self.ids(record))")
    }
  }

  @Test func repliesAreRankedByTheMessagesWords() throws {
    let records = try ConversationCommandTests.suggest("衣服质量怎么样\n")
    let texts = Self.texts(try #require(records.first))
    #expect(texts.count == 3)
    #expect(texts.allSatisfy { $0.contains("质量") }, "\(texts)")
  }

  /// Every fixture at once, interleaved: two jobs answer as one does, and a run split in two
  /// with `--state` answers as one run does.
  @Test func theSameHoldsWithTwoJobsAndAcrossRuns() throws {
    let fixtures = [
      "region-named-in-a-later-turn", "offers-against-the-floor",
      "topic-carries-a-turn-without-intent", "angry-buyer-who-stays-angry",
    ]
    let chats = try fixtures.map {
      try ConversationCommandTests.chat("\($0).jsonl").split(separator: "\n").map(String.init)
    }
    var lines: [String] = []
    for turn in 0..<5 {
      for chat in chats where turn < chat.count { lines.append(chat[turn]) }
    }
    let input = lines.joined(separator: "\n") + "\n"
    let one = try ConversationCommandTests.suggest(input)
    let two = try ConversationCommandTests.suggest(input, extra: ["--jobs", "2"])
    #expect(
      ConversationCommandTests.withoutLines(two) == ConversationCommandTests.withoutLines(one))
    let stateFile = try SuggestCommandTests.home() + "/chats.json"
    let first = try ConversationCommandTests.suggest(
      lines.prefix(6).joined(separator: "\n") + "\n", extra: ["--state", stateFile])
    let second = try ConversationCommandTests.suggest(
      lines.dropFirst(6).joined(separator: "\n") + "\n", extra: ["--state", stateFile])
    #expect(
      ConversationCommandTests.withoutLines(first + second)
        == ConversationCommandTests.withoutLines(one))
  }

  @Test func explainChatShowsTheFactsTopicAndWhyTheScriptIsOnItsStep() throws {
    for (fixture, expected) in [
      (
        "region-named-in-a-later-turn",
        ["region 四川成都 (from the message)", "answered for the chat's topic: shipping_fee"]
      ),
      (
        "offers-against-the-floor",
        ["amounts 30", "offer 30 against the floor 38: below the floor"]
      ),
      (
        "angry-buyer-who-stays-angry",
        [
          "the buyer is still angry: stay with the emotion", "the buyer took the solution",
          "topic quality",
        ]
      ),
    ] {
      let result = try CLI.run(
        [
          "explain", "--chat", CLI.fixture("chats/\(fixture).jsonl"), "--now",
          ConversationCommandTests.now,
        ],
        currentDirectory: CLI.packageRoot,
        environment: ["HUASHU_HOME": try SuggestCommandTests.home()])
      #expect(result.status == 0, "\(result.stderr)")
      for text in expected {
        #expect(result.stdout.contains(text), "\(fixture): \(text)\n\(result.stdout)")
      }
    }
  }
}
