import Foundation
import Testing

@testable import HuashuCore

/// Each lint finding, produced by a small rule set (and phrasebook) with exactly that problem.
struct LinterTests {
  static let clean = """
    intent: bargain
    label: 议价
    rules:
      - id: bargain.cheaper
        any: [便宜]
        examples:
          match: [能便宜吗]
          no_match: [质量好吗]
    """

  static let cleanReplies = """
    group: 议价
    entries:
      - id: bargain.firm
        intent: bargain
        text: '{buyer|亲}，活动价了'
    """

  /// Lints rule files (and phrasebook files, when given) and returns the findings.
  static func lint(_ rules: [String: String], replies: [String: String]? = nil) throws
    -> [Diagnostic]
  {
    let loaded = try TestSupport.load(rules)
    let phrasebook = try replies.map { files in
      try PhrasebookLoader(knownIntents: Set(loaded.ruleSet.intents.map(\.id))).load(
        teamDirectory: try TestSupport.temporaryDirectory(files: files), personalDirectory: nil)
    }
    return Linter(rules: loaded, phrasebook: phrasebook).run()
  }

  @Test func cleanContentHasNoFindings() throws {
    #expect(
      try Self.lint(["bargain.yaml": Self.clean], replies: ["b.yaml": Self.cleanReplies]).isEmpty)
  }

  @Test func badRegexIsReportedWithEveryOtherProblem() throws {
    let findings = try Self.lint([
      "bargain.yaml": Self.clean + "\n  - id: bargain.bad\n    regex: ['(能']\n",
      "other.yaml":
        "intent: cod\nrules:\n  - id: cod.bad\n    regex: ['[到付']\n  - id: cod.ok\n    any: [到付]\n",
    ])
    #expect(findings.filter { $0.category == .invalidPattern }.count == 2)
    #expect(findings.contains { $0.category == .missingExamples })
  }

  @Test func keywordInTraditionalOrFullWidthForm() throws {
    let findings = try Self.lint([
      "cod.yaml": """
      intent: cod
      rules:
        - id: cod.a
          any: [貨到付款, ＣＯＤ]
          regex: ['到付！']
          examples: {match: [货到付款], no_match: [你好]}
      """
    ])
    let forms = findings.filter { $0.category == .nonNormalForm }
    #expect(forms.count == 3)
    #expect(forms.map { $0.location?.line } == [4, 4, 5])
    #expect(forms[0].hint?.contains("货到付款") == true)
    #expect(forms[2].message.contains("！"))
  }

  @Test func duplicateKeywordWithinAnIntent() throws {
    let findings = try Self.lint([
      "bargain.yaml": Self.clean + """

          - id: bargain.again
            any: [打折, 便宜]
            examples: {match: [打折吗], no_match: [你好]}
        """
    ])
    let duplicate = try #require(findings.first { $0.category == .duplicateKeyword })
    #expect(duplicate.location?.line == 10)
    #expect(duplicate.message.contains("bargain.cheaper"))
  }

  @Test func sameKeywordInTwoIntentsSaysWhichWins() throws {
    let findings = try Self.lint([
      "bargain.yaml": Self.clean,
      "refund.yaml": """
      intent: refund_return
      rules:
        - id: refund.cheap
          any: [便宜]
          weight: 0.5
          examples: {match: [便宜了退差价], no_match: [你好]}
      """,
    ])
    let conflict = try #require(findings.first { $0.category == .keywordConflict })
    #expect(conflict.message.contains("goes to bargain"))
  }

  @Test func ruleShadowedByAnotherIntent() throws {
    let findings = try Self.lint([
      "bargain.yaml": Self.clean,
      "refund.yaml": """
      intent: refund_return
      rules:
        - id: refund.price
          any: [价]
          examples: {match: [便宜点价格], no_match: [你好]}
      """,
    ])
    let shadowed = try #require(findings.first { $0.category == .shadowedRule })
    #expect(shadowed.message.contains("refund.price"))
    #expect(shadowed.message.contains("bargain.cheaper"))
  }

  @Test func ruleWithoutExamples() throws {
    let findings = try Self.lint([
      "cod.yaml": "intent: cod\nrules:\n  - id: cod.a\n    any: [货到付款]\n"
    ])
    let missing = try #require(findings.first { $0.category == .missingExamples })
    #expect(missing.message.contains("no match and no_match examples"))
    #expect(missing.location?.line == 3)
  }

  @Test func intentWithoutReplies() throws {
    let findings = try Self.lint(
      [
        "bargain.yaml": Self.clean,
        "cod.yaml": """
        intent: cod
        rules:
          - id: cod.a
            any: [货到付款]
            examples: {match: [货到付款吗], no_match: [你好]}
        """,
      ], replies: ["b.yaml": Self.cleanReplies])
    let noReplies = try #require(findings.first { $0.category == .noReplies })
    #expect(noReplies.message.contains("'cod'"))
  }

  @Test func templateWithAnUnknownVariable() throws {
    let findings = try Self.lint(
      ["bargain.yaml": Self.clean],
      replies: [
        "b.yaml": Self.cleanReplies.replacingOccurrences(of: "{buyer|亲}", with: "{byuer|亲}")
      ])
    let unknown = try #require(findings.first { $0.category == .unknownVariable })
    #expect(unknown.message.contains("{byuer}"))
  }

  @Test func hiddenOrOverriddenIDThatDoesNotExist() throws {
    let loaded = try TestSupport.load(["bargain.yaml": Self.clean])
    let phrasebook = try PhrasebookLoader(knownIntents: ["bargain"]).load(
      teamDirectory: try TestSupport.temporaryDirectory(files: ["b.yaml": Self.cleanReplies]),
      personalDirectory: try TestSupport.temporaryDirectory(files: [
        "mine.yaml": """
        entries:
          - id: bargain.frim
            text: '拼错了要覆盖的id'
        hide: [bargain.gone]
        """
      ]))
    let findings = Linter(rules: loaded, phrasebook: phrasebook).run()
      .filter { $0.category == .unknownReference }
    #expect(findings.count == 2)
    #expect(findings.contains { $0.severity == .error && $0.message.contains("overrides nothing") })
    #expect(findings.contains { $0.severity == .warning && $0.message.contains("bargain.gone") })
  }

  @Test func shippedContentLintsClean() throws {
    let loaded = try ShippedRulesTests.load()
    let phrasebook = try ShippedPhrasebookTests.load().1
    #expect(Linter(rules: loaded, phrasebook: phrasebook).run().map(\.description) == [])
  }
}
