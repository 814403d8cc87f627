import Testing

@testable import HuashuCore

/// A fallback rule (`fallback: true`) decides a message only when no other intent rule fired.
struct FallbackRuleTests {
  static let rules = [
    "logistics.yaml": """
    intent: logistics
    label: 物流
    rules:
      - id: logistics.eta
        any: [几天到]
      - id: logistics.topic-word
        any: [快递]
        weight: 0.5
        fallback: true
    """,
    "refund_return.yaml": """
    intent: refund_return
    label: 退款
    rules:
      - id: refund_return.refund
        any: [退款]
        weight: 0.5
      - id: refund_return.topic-word
        any: [退]
        weight: 0.5
        fallback: true
    """,
  ]

  static func classify(_ text: String) throws -> Classification {
    let loaded = try TestSupport.load(rules)
    #expect(loaded.diagnostics.isEmpty)
    var scratch = MatchScratch()
    return Matcher(ruleSet: loaded.ruleSet).classify(text, using: &scratch)
  }

  @Test func aFallbackAloneDecides() throws {
    let classification = try Self.classify("我的快递呢")
    #expect(classification.intent == "logistics")
    #expect(abs(classification.confidence - 0.4) < 1e-9)  // 0.5 × L(2 characters) = 0.4
    #expect(classification.counts(try #require(classification.firedRules.first)))
  }

  @Test func aSpecificRuleSilencesEveryFallback() throws {
    // 快递 (fallback, 0.4) would beat 退款 (0.5 × 0.8 = 0.4) on the tie-break and add to
    // logistics' noisy-OR; as a fallback it counts for nothing beside a specific rule.
    let classification = try Self.classify("快递退款呢")
    #expect(classification.intent == "refund_return")
    #expect(classification.scores.map(\.intent) == ["refund_return"])
    #expect(abs(classification.confidence - 0.4) < 1e-9)
    let fallback = try #require(classification.firedRules.first { $0.rule.isFallback })
    #expect(!classification.counts(fallback))
    // The fallback of the winning intent does not add to it either (退 is inside 退款).
    #expect(classification.firedRules.map(\.id.rawValue).contains("refund_return.topic-word"))
  }

  @Test func fallbacksOfTwoIntentsCompeteAsUsual() throws {
    // 快递 (2 characters, 0.4) against 退 (1 character, 0.25).
    let classification = try Self.classify("快递退了")
    #expect(classification.intent == "logistics")
    #expect(classification.scores.map(\.intent) == ["logistics", "refund_return"])
  }

  @Test func anEmotionCueCannotBeAFallback() throws {
    let loaded = try TestSupport.load([
      "emotion.yaml": """
      label: 情绪
      rules:
        - id: emotion.x
          emotion: upset
          any: [着急]
          fallback: true
      """
    ])
    let messages = loaded.diagnostics.map(\.message)
    #expect(messages.contains { $0.contains("only intent rules can be a fallback") })
    #expect(loaded.ruleSet.allRules.isEmpty)
  }
}
