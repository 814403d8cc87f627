import Foundation
import Testing

@testable import HuashuCore

/// The limits on PCRE2's work: per match (``MatchLimits``, sized for the JIT and the
/// interpreter apart) and per message (the budget after which the remaining patterns are
/// skipped), how skipped patterns are reported, and lint's check for patterns that match an
/// empty string.
struct PatternBudgetTests {
  /// 19 a's (one short of what `(.*a){20}` needs), then b's up to the 4,096-byte limit.
  static let hostile = String(repeating: "a", count: 19) + String(repeating: "b", count: 4_077)

  /// A rule file of `count` rules `costly.N` with `pattern`, then `tail`.
  static func rules(_ count: Int, _ pattern: String, tail: String = "") -> String {
    var text = "intent: costly\nrules:\n"
    for index in 1...count { text += "  - id: costly.\(index)\n    regex: ['\(pattern)']\n" }
    return text + tail
  }

  /// A cheap rule written after the costly ones.
  static let cheapTail = "  - id: costly.cheap\n    regex: ['a{3}']\n"

  /// Catastrophic patterns, each with a message it backtracks on without end.
  static let catastrophic: [(pattern: String, subject: String)] = [
    ("(.*a){20}", hostile),
    ("(a+)+$", String(repeating: "a", count: 4_095) + "!"),
    ("(a|a)*$", String(repeating: "a", count: 4_095) + "!"),
    (#"(\w+\s?)*$"#, String(repeating: "a ", count: 2_047) + "!"),
    (#"(a+)+c\d"#, String(repeating: String(repeating: "a", count: 15) + "c", count: 250)),
  ]

  @Test(arguments: catastrophic)
  func aCatastrophicPatternGivesUpUnderTheDefaultLimits(pattern: String, subject: String) throws {
    let regex = try CompiledRegex(pattern, options: [.caseInsensitive])
    var scratch = MatchScratch()
    #expect {
      _ = try regex.firstMatch(in: subject, using: &scratch)
    } throws: { error in
      (error as? MatchError)?.isLimitExceeded == true
    }
  }

  @Test func theJITAndTheInterpreterHaveTheirOwnMatchLimits() {
    #expect(MatchLimits.default.jitMatchLimit < MatchLimits.default.matchLimit)
    let single = MatchLimits(matchLimit: 1_000, depthLimit: 100)
    #expect(single.jitMatchLimit == 1_000)
    #expect(single.messageBudget == MatchLimits.default.messageBudget)
  }

  /// Six costly rules and a cheap one after them, on the hostile message: the first `budget`
  /// costly patterns give up, the rest are not run, and the cheap rule fires only when the
  /// budget lasts until it.
  @Test(arguments: [(4, 4, false), (1, 1, false), (6, 6, false), (7, 6, true), (10, 6, true)])
  func patternsAfterTheBudgetAreNotRun(budget: Int, gaveUp: Int, cheapFires: Bool) throws {
    let loaded = try TestSupport.load([
      "costly.yaml": Self.rules(6, "(.*a){20}", tail: Self.cheapTail)
    ])
    let matcher = Matcher(ruleSet: loaded.ruleSet)
    let limits = MatchLimits(
      matchLimit: 10_000, depthLimit: 1_000, jitMatchLimit: 1_000, messageBudget: budget)
    var scratch = MatchScratch(limits: limits)
    // Twice with one scratch: the budget is per message, not per scratch.
    for _ in 0..<2 {
      let classification = matcher.classify(Self.hostile, using: &scratch)
      let failures = classification.patternFailures
      #expect(failures.prefix(gaveUp).allSatisfy { $0.error.isLimitExceeded })
      #expect(failures.dropFirst(gaveUp).allSatisfy { $0.error.isBudgetExhausted })
      let skipped = (1...6).map { RuleID("costly.\($0)") } + (cheapFires ? [] : ["costly.cheap"])
      #expect(classification.skippedRuleIDs == skipped)
      #expect(classification.firedRuleIDs == (cheapFires ? ["costly.cheap"] : []))
    }
  }

  @Test func bothEnginesSkipTheSamePatterns() throws {
    let loaded = try TestSupport.load([
      "costly.yaml": Self.rules(6, "(.*a){20}", tail: Self.cheapTail)
    ])
    var ids: [[RuleID]] = []
    for engine in Matcher.Engine.allCases {
      var scratch = MatchScratch()
      ids.append(
        Matcher(ruleSet: loaded.ruleSet, engine: engine)
          .classify(Self.hostile, using: &scratch).skippedRuleIDs)
    }
    #expect(ids.count == 2 && ids[0] == ids[1] && ids[0].count == 7)
  }

  @Test func exampleChecksStartEachExampleWithAFreshBudget() throws {
    let loaded = try TestSupport.load([
      "costly.yaml": Self.rules(6, "(.*a){20}", tail: Self.cheapTail)
    ])
    let matcher = Matcher(ruleSet: loaded.ruleSet)
    var scratch = MatchScratch()
    _ = matcher.classify(Self.hostile, using: &scratch)  // spends the budget
    let cheap = try #require(loaded.ruleSet.rule("costly.cheap"))
    #expect(matcher.fires(cheap, on: "aaa", using: &scratch))
  }

  /// The shipped rules never come near the limits: not on their examples, nor on every example
  /// joined into messages of the full 4,096 bytes.
  @Test func theShippedRulesNeverGiveUp() throws {
    let directory = TestSupport.packageRoot.appendingPathComponent("rules").path
    let ruleSet = try RuleSetLoader().load(directory: directory).ruleSet
    let examples = ruleSet.allRules.flatMap { $0.examples.match + $0.examples.noMatch }
      .map(\.text)
    var long: [String] = []
    var current = ""
    for example in examples {
      if current.utf8.count + example.utf8.count > 4_000 {
        long.append(current)
        current = ""
      }
      current += example
    }
    long.append(current)
    for engine in Matcher.Engine.allCases {
      let matcher = Matcher(ruleSet: ruleSet, engine: engine)
      var scratch = MatchScratch()
      for message in examples + long {
        let failures = matcher.classify(message, using: &scratch).patternFailures
        #expect(failures.isEmpty, "\(failures.map(\.rule)) on \(message.prefix(40))")
        #expect(scratch.budgetRemaining == MatchLimits.default.messageBudget)
      }
    }
  }

  @Test func theLogWarnsOncePerRuleAtThePattern() throws {
    let file = MarkedText(
      """
      intent: costly
      rules:
        - id: costly.1
          regex: [1️⃣'(.*a){20}']
        - id: costly.2
          any: [bbb]
          regex: ['退款', 2️⃣'(.*a){20}']
        - id: costly.3
          regex: [3️⃣'a{3}']
      """)
    let loaded = try TestSupport.load(["costly.yaml": file.text])
    let matcher = Matcher(ruleSet: loaded.ruleSet)
    let limits = MatchLimits(
      matchLimit: 10_000, depthLimit: 1_000, jitMatchLimit: 1_000, messageBudget: 2)
    var scratch = MatchScratch(limits: limits)
    let log = SkippedPatternLog(ruleSet: loaded.ruleSet, limits: limits)
    let first = log.newWarnings(for: matcher.classify(Self.hostile, using: &scratch))
    let again = log.newWarnings(for: matcher.classify(Self.hostile, using: &scratch))
    #expect(again.isEmpty)
    try #require(first.count == 3)
    for (warning, marker) in zip(first, ["1️⃣", "2️⃣", "3️⃣"]) {
      let position = try #require(file.location(marker))
      #expect(warning.severity == .warning)
      #expect(warning.location?.line == position.line)
      #expect(warning.location?.column == position.column)
    }
    #expect(first[0].message.contains("regex '(.*a){20}' of rule 'costly.1' gave up"))
    #expect(first[1].message.contains("of rule 'costly.2' gave up"))
    #expect(first[2].message.contains("regex 'a{3}' of rule 'costly.3' was not run"))
    #expect(first[2].message.contains("2 other patterns had given up"))
    #expect(log.newWarnings(for: matcher.classify("你好", using: &scratch)).isEmpty)
  }

  /// `skipped` comes out between `truncated` and the end, as a list, and only when present.
  @Test(arguments: [nil, [], ["costly.1"], ["costly.1", "costly.cheap"]] as [[String]?])
  func suggestionRecordsWriteSkippedOnlyWhenPresent(skipped: [String]?) throws {
    var record = SuggestionRecord(line: 3, error: "x")
    record.error = nil
    record.intent = "costly"
    record.truncated = true
    record.skipped = skipped
    var json = JSONBuilder()
    record.write(to: &json)
    let list = skipped.map { "[" + $0.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
    let expected =
      #"{"line":3,"intent":"costly","truncated":true"#
      + (list.map { #","skipped":"# + $0 } ?? "") + "}"
    #expect(json.text == expected)
  }

  @Test(arguments: [
    ("", true), ("x*", true), ("(a|)", true), (#"\b"#, true), ("^", true), ("(退款)?", true),
    ("(?=退款)", true), ("退(款|钱)", false), ("a+", false), ("(?<=退)款", false),
    ("^(?=.{1,40}$)(好)*+$", false),
  ])
  func lintFindsPatternsThatMatchAnEmptyString(pattern: String, isError: Bool) throws {
    let file = MarkedText(
      """
      intent: empty
      rules:
        - id: empty.rule
          regex: [1️⃣'\(pattern)']
          examples:
            match: [我要退款]
      """)
    let loaded = try TestSupport.load(["empty.yaml": file.text])
    try #require(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    let findings = Linter(rules: loaded, phrasebook: nil).emptyMatchingPatterns()
    #expect(findings.count == (isError ? 1 : 0), "\(findings)")
    guard let finding = findings.first else { return }
    let position = try #require(file.location("1️⃣"))
    #expect(finding.severity == .error)
    #expect(finding.location?.line == position.line)
    #expect(finding.location?.column == position.column)
    #expect(finding.message.contains("regex '\(pattern)' of rule 'empty.rule' matches"))
  }

  @Test func theShippedRulesHaveNoPatternThatMatchesAnEmptyString() throws {
    let directory = TestSupport.packageRoot.appendingPathComponent("rules").path
    let loaded = try RuleSetLoader().load(directory: directory)
    #expect(Linter(rules: loaded, phrasebook: nil).emptyMatchingPatterns().isEmpty)
  }
}
