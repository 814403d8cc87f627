import Testing

@testable import HuashuCore

/// The rule-file keys that carry more than matching: `handoff` on an emotion cue and
/// `counts_as` on an intent file.
struct RuleFileKeysTests {
  /// A `closing` intent file that counts as `target`.
  static func closing(countsAs target: String) throws -> RuleSetLoader.Result {
    try TestSupport.load([
      "closing.yaml": """
      intent: closing
      counts_as: \(target)
      rules:
        - id: closing.thanks
          any: [谢谢]
      """
    ])
  }

  @Test func aHandoffCueCarriesItsReason() throws {
    let loaded = try TestSupport.load([
      "handoff.yaml": """
      rules:
        - id: handoff.manager
          emotion: angry
          handoff: the buyer asks for a manager
          any: [找你们领导]
      """
    ])
    #expect(loaded.diagnostics.isEmpty)
    let cue = try #require(loaded.ruleSet.rule(RuleID("handoff.manager")))
    #expect(cue.handoffReason == "the buyer asks for a manager")
  }

  @Test func anIntentRuleCannotHandOff() throws {
    let loaded = try TestSupport.load([
      "review.yaml": """
      intent: review
      rules:
        - id: review.bad
          handoff: bad review
          any: [差评]
      """
    ])
    #expect(loaded.diagnostics.map(\.message).contains { $0.contains("only emotion cues hand") })
    #expect(loaded.ruleSet.rules.isEmpty)
  }

  @Test func anEmptyHandoffReasonIsAnError() throws {
    let loaded = try TestSupport.load([
      "handoff.yaml": """
      rules:
        - id: handoff.x
          emotion: angry
          handoff: ' '
          any: [投诉]
      """
    ])
    #expect(loaded.diagnostics.map(\.message).contains { $0.contains("reason") })
  }

  @Test func countsAsNamesTheCorpusIntent() throws {
    let loaded = try Self.closing(countsAs: "other")
    #expect(loaded.diagnostics.isEmpty)
    #expect(loaded.ruleSet.intent(IntentID("closing"))?.countsAs == .other)
  }

  @Test func countsAsAnUndeclaredIntentIsAnError() throws {
    let loaded = try Self.closing(countsAs: "thanks")
    #expect(
      loaded.diagnostics.map(\.message).contains { $0.contains("counts as 'thanks'") })
  }

  @Test func aClosingIsScoredAsOtherOnACorpus() throws {
    let loaded = try Self.closing(countsAs: "other")
    let report = CorpusEvaluation(matcher: Matcher(ruleSet: loaded.ruleSet)).run([
      (1, LabeledMessage(id: "a", text: "好的谢谢", intent: "other", emotion: nil))
    ])
    #expect(report.accuracy == 1)
  }
}
