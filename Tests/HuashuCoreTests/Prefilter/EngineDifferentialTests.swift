import Testing

@testable import HuashuCore

/// The prefiltered engine must give exactly the naive engine's answers: the same fired rules
/// with the same spans, the same near misses, scores and emotion, on generated rule sets and
/// messages.
struct EngineDifferentialTests {
  static func ruleSet(count: Int, seed: UInt64) throws -> RuleSet {
    let files = SyntheticWorkload.ruleFiles(count: count, seed: seed)
    let loaded = try TestSupport.load(
      Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.yaml) }))
    #expect(
      !loaded.diagnostics.containsErrors, "\(loaded.diagnostics.prefix(3).map(\.description))")
    return loaded.ruleSet
  }

  struct Summary: Equatable {
    var intent: IntentID
    var confidence: Double
    var emotion: Emotion
    var fired: [String]
    var nearMisses: [String]
  }

  static func summary(_ classification: Classification) -> Summary {
    func describe(_ hit: RuleHit) -> String {
      "\(hit.id)@" + hit.spans.map { "\($0.normalizedUTF8)" }.joined(separator: ",")
        + "=\(hit.evidence)"
    }
    return Summary(
      intent: classification.intent, confidence: classification.confidence,
      emotion: classification.emotion.level,
      fired: (classification.firedRules + classification.emotion.cues).map(describe),
      nearMisses: classification.nearMisses.map {
        "\($0.rule.id):" + $0.triggers.map { "\($0.normalizedUTF8)" }.joined(separator: ",")
      })
  }

  @Test(arguments: [(40, 1), (120, 2), (300, 3), (60, 4), (200, 5)] as [(Int, UInt64)])
  func prefilteredEqualsNaive(rules count: Int, seed: UInt64) throws {
    let ruleSet = try Self.ruleSet(count: count, seed: seed)
    let naive = Matcher(ruleSet: ruleSet, engine: .naive)
    let fast = Matcher(ruleSet: ruleSet, engine: .prefiltered)
    var scratch = MatchScratch()
    var firedSomething = 0
    for message in SyntheticWorkload.messages(count: 400, seed: seed) {
      let expected = Self.summary(naive.classify(message, using: &scratch))
      let actual = Self.summary(fast.classify(message, using: &scratch))
      #expect(actual == expected, "\(message)")
      if !expected.fired.isEmpty { firedSomething += 1 }
    }
    #expect(firedSomething > 100, "the workload should exercise the rules")
  }

  /// Rules with more `any` keywords than the prefilter tracks in its per-rule mask (64) are
  /// looked at slot by slot; both kinds must agree with the naive engine.
  @Test func rulesWithManyKeywordsAgree() throws {
    let messages = SyntheticWorkload.messages(count: 400, seed: 6)
    // Two-character words that occur in the messages, so the rules fire.
    var words: [String] = []
    for message in messages {
      let characters = Array(message).filter { $0.unicodeScalars.first!.value >= 0x4E00 }
      for pair in zip(characters, characters.dropFirst()) where words.count < 200 {
        let word = String([pair.0, pair.1])
        if !words.contains(word) { words.append(word) }
      }
    }
    try #require(words.count == 200)
    func list(_ slice: ArraySlice<String>) -> String { "[" + slice.joined(separator: ", ") + "]" }
    let yaml = """
      intent: wide
      rules:
        - id: wide.masked
          any: \(list(words[0..<64]))
        - id: wide.unmasked
          any: \(list(words[64..<134]))
          none: \(list(words[134..<136]))
        - id: wide.both
          any: \(list(words[100..<165]))
          all: \(list(words[165..<166]))
      """
    let loaded = try TestSupport.load(["wide.yaml": yaml])
    #expect(!loaded.diagnostics.containsErrors, "\(loaded.diagnostics.prefix(3))")
    let naive = Matcher(ruleSet: loaded.ruleSet, engine: .naive)
    let fast = Matcher(ruleSet: loaded.ruleSet)
    var scratch = MatchScratch()
    var fired: Set<String> = []
    for message in messages {
      let expected = Self.summary(naive.classify(message, using: &scratch))
      #expect(Self.summary(fast.classify(message, using: &scratch)) == expected, "\(message)")
      fired.formUnion(expected.fired.map { String($0.prefix { $0 != "@" }) })
    }
    #expect(fired.isSuperset(of: ["wide.masked", "wide.unmasked"]))
  }

  @Test func shippedRulesAgreeOnTheirExamples() throws {
    let ruleSet = try ShippedRulesTests.load().ruleSet
    let naive = Matcher(ruleSet: ruleSet, engine: .naive)
    let fast = Matcher(ruleSet: ruleSet)
    var scratch = MatchScratch()
    let examples = ruleSet.allRules.flatMap { $0.examples.match + $0.examples.noMatch }
    let shouting = ["快点发货!!!", "什么意思???", "搞什么?!", "发货发货发货", "少2件!?!?"]
    // Letters caseless matching equates with s and k, which gated patterns must still see.
    let folded = ["支持POS机吗", "支持\u{17F}\u{17F}刷卡", "可以PO\u{17F}吗", "能用\u{212A}卡吗", "能ＰＯＳ吗"]
    #expect(fast.classify("支持PO\u{17F}吗", using: &scratch).firedRuleIDs.contains("cod.card"))
    for text in examples.map(\.text) + shouting + folded
      + SyntheticWorkload.messages(count: 1000, seed: 3)
    {
      #expect(
        Self.summary(fast.classify(text, using: &scratch))
          == Self.summary(naive.classify(text, using: &scratch)), "\(text)")
    }
  }

  @Test func mostGeneratedPatternsAreDecidedOrGatedByLiterals() throws {
    let ruleSet = try Self.ruleSet(count: 300, seed: 9)
    let prefilter = try #require(Matcher(ruleSet: ruleSet).prefilter)
    let total = prefilter.exactPatterns + prefilter.gatedPatterns + prefilter.ungatedPatterns
    #expect(total > 200)
    #expect(prefilter.ungatedPatterns * 5 < total)
  }
}
