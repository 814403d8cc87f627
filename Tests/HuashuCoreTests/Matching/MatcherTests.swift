import Testing

@testable import HuashuCore

struct MatcherTests {
  static let intentRules = """
    intent: bargain
    label: 议价
    rules:
      - id: bargain.cheaper
        any: [便宜]
      - id: bargain.long
        any: [优惠一点]
        weight: 0.5
      - id: bargain.regex
        regex: ['(能|可以).{0,4}少']
      - id: bargain.all-only
        all: [价格, 再谈]
      - id: bargain.vetoed
        any: [打折]
        none: [不打折]
      - id: bargain.needs-all
        any: [抹零]
        all: [老板]
    """
  static let missingRules = """
    intent: missing_item
    label: 少发
    rules:
      - id: missing.short
        any: [少发]
        weight: 1.2
      - id: missing.one
        any: [漏]
    """
  static let emotionRules = """
    label: 情绪
    rules:
      - id: emotion.threat
        emotion: angry
        any: [投诉]
      - id: emotion.shout
        emotion: angry
        regex: ['!{3,}']
        weight: 0.45
      - id: emotion.sigh
        emotion: angry
        any: [唉唉唉]
        weight: 0.45
      - id: emotion.worry
        emotion: upset
        any: [着急]
    """

  static func classify(_ text: String, utf8Limit: Int = Normalizer.defaultUTF8Limit) throws
    -> Classification
  {
    let loaded = try TestSupport.load([
      "bargain.yaml": intentRules, "missing.yaml": missingRules, "emotion.yaml": emotionRules,
    ])
    #expect(loaded.diagnostics.isEmpty)
    var scratch = MatchScratch()
    return Matcher(ruleSet: loaded.ruleSet, utf8Limit: utf8Limit).classify(text, using: &scratch)
  }

  static func fired(_ classification: Classification) -> [String] {
    classification.firedRules.map(\.id.rawValue)
  }

  @Test(arguments: [
    ("便宜", 0.8),  // 2 characters: L = 0.8
    ("优惠一点", 0.5),  // 4 characters, weight 0.5
    ("漏了", 0.5),  // 1 character
    ("少发了", 0.96),  // weight 1.2 × 0.8
  ])
  func evidenceIsWeightTimesLengthFactor(_ text: String, expected: Double) throws {
    let classification = try Self.classify(text)
    #expect(abs(classification.confidence - expected) < 1e-9)
  }

  @Test func scoresCombineByNoisyOr() throws {
    let classification = try Self.classify("能少点吗，便宜一点")  // regex (能少, 2 chars) + 便宜
    #expect(Set(Self.fired(classification)) == ["bargain.cheaper", "bargain.regex"])
    #expect(abs(classification.confidence - (1 - 0.2 * 0.2)) < 1e-9)
  }

  @Test func winnerAndRunnerUp() throws {
    let classification = try Self.classify("少发了，便宜点")
    #expect(classification.intent == "missing_item")
    #expect(classification.runnerUp?.intent == "bargain")
    #expect(classification.scores.map(\.intent) == ["missing_item", "bargain"])
  }

  @Test func tieGoesToTheStrongerRuleWeight() throws {
    // 漏 (weight 1, 1 char → 0.5) against 优惠一点 (weight 0.5, 4 chars → 0.5).
    let classification = try Self.classify("优惠一点 漏")
    #expect(classification.scores.map(\.score) == [0.5, 0.5])
    #expect(classification.intent == "missing_item")
  }

  @Test func noneVetoesAndAllIsRequired() throws {
    #expect(Self.fired(try Self.classify("打折吗")) == ["bargain.vetoed"])
    #expect(Self.fired(try Self.classify("不打折吗")).isEmpty)
    #expect(Self.fired(try Self.classify("抹零吧")).isEmpty)
    #expect(Self.fired(try Self.classify("老板抹零吧")) == ["bargain.needs-all"])
    #expect(Self.fired(try Self.classify("价格能再谈吗")) == ["bargain.all-only"])
    #expect(Self.fired(try Self.classify("价格多少")).isEmpty)
  }

  @Test func nothingFiredIsOtherWithZeroConfidence() throws {
    let classification = try Self.classify("这个质量怎么样")
    #expect(classification.intent == .other)
    #expect(classification.confidence == 0)
    #expect(classification.scores.isEmpty)
  }

  @Test(arguments: [
    ("好的", Emotion.calm),
    ("!!!", .upset),  // one weak angry cue (0.45): below the anger threshold, upset overall
    ("唉唉唉!!!", .angry),  // two weak angry cues: 1 − 0.55² ≥ 0.5
    ("我要投诉", .angry),
    ("好着急", .upset),
  ])
  func emotionLevels(_ text: String, expected: Emotion) throws {
    #expect(try Self.classify(text).emotion.level == expected)
  }

  @Test func emotionIsIndependentOfIntent() throws {
    let classification = try Self.classify("你们少發了一件！！！我要投诉")
    #expect(classification.intent == "missing_item")
    #expect(classification.emotion.level == .angry)
    #expect(
      Set(classification.emotion.cues.map(\.id.rawValue)) == ["emotion.threat", "emotion.shout"])
  }

  @Test func spansPointIntoTheOriginalText() throws {
    let classification = try Self.classify("你们少發了一件！！！")
    let message = classification.message.original
    let short = try #require(classification.firedRules.first?.spans.first)
    #expect(message[short.original] == "少發")
    #expect(short.source == "少发")
    let shout = try #require(classification.emotion.cues.first?.spans.first)
    #expect(message[shout.original] == "！！！")
    #expect(shout.isPattern)
  }

  @Test func keywordsWrittenInTraditionalOrFullWidthStillMatch() throws {
    let loaded = try TestSupport.load([
      "cod.yaml": "intent: cod\nrules:\n  - id: cod.a\n    any: [貨到付款, ＣＯＤ]\n"
    ])
    var scratch = MatchScratch()
    let matcher = Matcher(ruleSet: loaded.ruleSet)
    #expect(matcher.classify("货到付款吗", using: &scratch).intent == "cod")
    #expect(matcher.classify("cod可以吗", using: &scratch).intent == "cod")
  }

  @Test func longMessageIsMatchedOnItsPrefixAndSaysSo() throws {
    let text = "便宜点" + String(repeating: "好", count: 2000) + "少发了"
    let classification = try Self.classify(text, utf8Limit: 300)
    #expect(classification.message.isTruncated)
    #expect(classification.intent == "bargain")
    #expect(!Self.fired(classification).contains("missing.short"))
  }

  @Test func emptyMessageIsOther() throws {
    let classification = try Self.classify("")
    #expect(classification.intent == .other)
    #expect(classification.emotion.level == .calm)
  }

  @Test func equalScoresAndWeightsGoToTheIntentDeclaredFirst() throws {
    // a.yaml declares zeta before b.yaml declares alpha: declaration order, not the alphabet.
    let loaded = try TestSupport.load([
      "a.yaml": "intent: zeta\nrules:\n  - id: zeta.a\n    any: [好]\n",
      "b.yaml": "intent: alpha\nrules:\n  - id: alpha.a\n    any: [行]\n",
    ])
    var scratch = MatchScratch()
    let matcher = Matcher(ruleSet: loaded.ruleSet)
    for text in ["好行", "行好"] {
      let classification = matcher.classify(text, using: &scratch)
      #expect(classification.scores.map(\.score) == [0.5, 0.5])
      #expect(classification.intent == "zeta")
      #expect(classification.runnerUp?.intent == "alpha")
    }
  }

  @Test func regexEvidenceUsesTheMatchedLengthAndIsCappedBelowOne() throws {
    let classification = try Self.classify("可以少点吗")  // 可以少: 3 characters → min(0.99, 1 × 1.0)
    let hit = try #require(classification.firedRules.first)
    #expect(Self.fired(classification) == ["bargain.regex"])
    #expect(hit.evidence == 0.99)
    let span = try #require(hit.spans.first)
    #expect(span.isPattern)
    #expect(span.source == "(能|可以).{0,4}少")
    #expect(classification.message.original[span.original] == "可以少")
  }

  @Test func allOnlyRuleScoresItsLongestAllKeyword() throws {
    let loaded = try TestSupport.load([
      "cod.yaml": "intent: cod\nrules:\n  - id: cod.all\n    all: [到, 付款吗]\n    weight: 0.5\n"
    ])
    var scratch = MatchScratch()
    let classification = Matcher(ruleSet: loaded.ruleSet).classify("到了付款吗", using: &scratch)
    #expect(classification.intent == "cod")
    #expect(abs(classification.confidence - 0.5) < 1e-9)  // 0.5 × L(3), not 0.5 × L(1)
    #expect(classification.firedRules.first?.spans.map(\.source) == ["到", "付款吗"])
  }

  @Test func emotionScoresAreNoisyOrsOfTheCues() throws {
    let emotion = try Self.classify("唉唉唉!!! 好着急").emotion
    #expect(abs(emotion.angerScore - (1 - 0.55 * 0.55)) < 1e-9)
    #expect(abs(emotion.upsetScore - (1 - 0.55 * 0.55 * 0.2)) < 1e-9)  // 着急: 1 × 0.8
    #expect(emotion.level == .angry)
  }

  @Test func aPatternAtTheMatchLimitCountsAsNotMatchingAndIsReported() throws {
    let loaded = try TestSupport.load([
      "slow.yaml": """
      intent: slow
      rules:
        - id: slow.pattern
          regex: ['(a+)+$']
        - id: slow.keyword
          any: [aaa]
      """
    ])
    var scratch = MatchScratch(limits: MatchLimits(matchLimit: 1000, depthLimit: 100))
    let classification = Matcher(ruleSet: loaded.ruleSet)
      .classify(String(repeating: "a", count: 40) + "b", using: &scratch)
    #expect(classification.patternFailures.map(\.rule) == ["slow.pattern"])
    #expect(classification.patternFailures.first?.error.isLimitExceeded == true)
    #expect(Self.fired(classification) == ["slow.keyword"])
  }
}
