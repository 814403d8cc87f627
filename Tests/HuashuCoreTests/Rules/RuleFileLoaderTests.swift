import Foundation
import Testing

@testable import HuashuCore

/// One test per kind of rule-file problem: each names its category, severity, file, line and
/// column (marked in the fixture text with 1️⃣…).
struct RuleFileLoaderTests {
  struct Expected {
    let category: DiagnosticCategory
    let marker: String
    let message: String
  }

  /// Loads the marked file `bad.yaml` (plus `others`) and checks its diagnostics.
  func check(
    _ marked: String, others: [String: String] = [:], expect expected: [Expected],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws -> RuleSetLoader.Result {
    let file = MarkedText(marked)
    var files = others
    files["bad.yaml"] = file.text
    let result = try TestSupport.load(files)
    let diagnostics = result.diagnostics.filter { $0.location?.path.hasSuffix("bad.yaml") ?? false }
    #expect(
      diagnostics.count == expected.count, "\(result.diagnostics.map(\.description))",
      sourceLocation: sourceLocation)
    for (diagnostic, expectation) in zip(diagnostics, expected) {
      let position = try #require(file.location(expectation.marker))
      #expect(diagnostic.category == expectation.category, sourceLocation: sourceLocation)
      #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
      #expect(diagnostic.location?.line == position.line, sourceLocation: sourceLocation)
      #expect(diagnostic.location?.column == position.column, sourceLocation: sourceLocation)
      #expect(
        diagnostic.description.contains(expectation.message), "\(diagnostic)",
        sourceLocation: sourceLocation)
    }
    return result
  }

  @Test func malformedYAML() throws {
    _ = try check(
      """
      intent: bargain
      rules:
        - id: bargain.a
          any: [便宜
      1️⃣
      """, expect: [Expected(category: .malformedYAML, marker: "1️⃣", message: "malformed YAML")])
  }

  @Test func unknownKeySuggestsTheNearestKnownKey() throws {
    let result = try check(
      """
      intent: bargain
      rules:
        - id: bargain.a
          1️⃣ani: [便宜]
          any: [优惠]
          examples:
            match: [优惠吗]
            2️⃣no-match: [你好]
      """,
      expect: [
        Expected(category: .unknownKey, marker: "1️⃣", message: "did you mean `any`?"),
        Expected(category: .unknownKey, marker: "2️⃣", message: "did you mean `no_match`?"),
      ])
    #expect(result.ruleSet.rules.count == 1)  // the rule itself still loads
  }

  @Test func missingID() throws {
    _ = try check(
      """
      intent: bargain
      rules:
        - 1️⃣any: [便宜]
      """, expect: [Expected(category: .missingField, marker: "1️⃣", message: "rule has no `id`")])
  }

  @Test func duplicateIDAcrossFilesNamesTheFirstDefinition() throws {
    let result = try check(
      """
      intent: refund_return
      rules:
        - 1️⃣id: shared.id
          any: [退款]
      """,
      others: ["a.yaml": "intent: bargain\nrules:\n  - id: shared.id\n    any: [便宜]\n"],
      expect: [Expected(category: .duplicateID, marker: "1️⃣", message: "a.yaml:3:5")])
    #expect(result.ruleSet.rules.map(\.id) == ["shared.id"])
    #expect(result.ruleSet.rules.first?.target == .intent("bargain"))
  }

  @Test func badRegexNamesPCRE2sMessageAndTheOffset() throws {
    let result = try check(
      """
      intent: bargain
      rules:
        - id: bargain.a
          regex: ['(能|可以1️⃣']
      """,
      expect: [
        Expected(
          category: .invalidPattern, marker: "1️⃣",
          message: "missing closing parenthesis at pattern offset 11 (character 5)")
      ])
    let excerpt = try #require(result.diagnostics.first?.excerpt)
    #expect(excerpt.pattern == "(能|可以")
    #expect(excerpt.characterOffset == 5)
  }

  @Test func emptyRule() throws {
    _ = try check(
      """
      intent: bargain
      rules:
        - 1️⃣id: bargain.empty
          none: [不]
          weight: 2
      """, expect: [Expected(category: .emptyRule, marker: "1️⃣", message: "can never fire")])
  }

  @Test func wrongValueType() throws {
    _ = try check(
      """
      intent: bargain
      rules:
        - id: bargain.a
          any: [便宜]
          weight: 1️⃣heavy
      """,
      expect: [
        Expected(category: .invalidValue, marker: "1️⃣", message: "`weight` should be a number")
      ])
  }

  @Test func badEmotionLevel() throws {
    _ = try check(
      """
      label: 情绪
      rules:
        - id: emotion.x
          emotion: 1️⃣furious
          any: [气死]
      """,
      expect: [Expected(category: .invalidValue, marker: "1️⃣", message: "use `upset` or `angry`")])
  }

  @Test func emptyKeyword() throws {
    _ = try check(
      """
      intent: bargain
      rules:
        - id: bargain.a
          any: [便宜, 1️⃣'  ']
      """,
      expect: [Expected(category: .emptyKeyword, marker: "1️⃣", message: "empty after normalization")]
    )
  }

  @Test func noRulesList() throws {
    _ = try check(
      """
      1️⃣intent: bargain
      label: 议价
      """, expect: [Expected(category: .missingField, marker: "1️⃣", message: "no `rules:` list")])
  }

  @Test func reservedIntentOther() throws {
    _ = try check(
      """
      intent: 1️⃣other
      rules:
        - id: other.a
          any: [嗯]
      """, expect: [Expected(category: .invalidValue, marker: "1️⃣", message: "reserved")])
  }

  @Test func everyProblemIsReportedInOneLoadAndGoodRulesStillLoad() throws {
    let result = try check(
      """
      intent: bargain
      rules:
        - id: bargain.bad
          regex: ['[少1️⃣']
        - id: bargain.good
          any: [便宜]
        - 2️⃣any: [优惠]
      """,
      expect: [
        Expected(category: .invalidPattern, marker: "1️⃣", message: "bargain.bad"),
        Expected(category: .missingField, marker: "2️⃣", message: "no `id`"),
      ])
    #expect(result.ruleSet.rules.map(\.id) == ["bargain.good"])
  }

  @Test func keywordsAreNormalizedLikeMessages() throws {
    let result = try TestSupport.load([
      "cod.yaml": "intent: cod\nrules:\n  - id: cod.a\n    any: [貨到付款, ＣＯＤ, '12315']\n"
    ])
    #expect(result.ruleSet.rules.first?.any.map(\.normalized) == ["货到付款", "cod", "12315"])
  }

  @Test func unreadableDirectoryThrows() {
    #expect(throws: RuleDirectoryError.self) {
      try RuleSetLoader().load(directory: "/nonexistent/rules")
    }
  }
}
