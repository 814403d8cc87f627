import Foundation
import TestScratch
import Testing

/// Costly and empty-matching patterns, through the built binary: a rule set whose patterns give
/// up on a hostile message still answers it, names the rules it skipped (in JSON, and once per
/// rule on standard error), and lint rejects patterns that match an empty string, with their
/// positions.
///
/// How fast the hostile message is answered is measured in README's Speed section, not here:
/// these tests only need the command to finish.
struct CostlyPatternTests {
  /// Ten rules with `(.*a){20}` and then 200 with `(a+)+`, as a fuzz run wrote them.
  static let catastrophicRules = CLI.fixture("costly/catastrophic")
  static let catastrophicPhrasebooks = CLI.fixture("costly/catastrophic-phrasebooks")
  static let emptyRules = CLI.fixture("costly/empty")
  static let emptyPhrasebooks = CLI.fixture("costly/empty-phrasebooks")

  /// 19 a's, one short of what `(.*a){20}` needs, then b's to the normalizer's 4,096-byte limit:
  /// the pattern tries every way of placing the a's before it fails (6 s for the ten rules
  /// before match limits were sized for the JIT).
  static let hostile = String(repeating: "a", count: 19) + String(repeating: "b", count: 4_077)

  static let starRules = (1...10).map { "costly.star-" + ($0 < 10 ? "0\($0)" : "\($0)") }

  static func records(_ stdout: String) throws -> [[String: Any]] {
    try stdout.split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  /// How many times standard error names `rule` in a warning.
  static func warnings(about rule: String, in stderr: String) -> Int {
    stderr.components(separatedBy: "of rule '\(rule)' ").count - 1
  }

  /// `path:line:column` of the pattern written right after `- id: <rule>` in `file`: the
  /// column of the quote that opens it, as the loader reports a pattern's position.
  static func patternLocation(ofRule rule: String, in file: String) throws -> String {
    let lines = try String(contentsOfFile: file, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
    let idLine = try #require(lines.firstIndex { $0.hasSuffix("- id: \(rule)") })
    let patternLine = lines[idLine + 1]
    let quote = try #require(patternLine.firstIndex(of: "'"))
    let column =
      patternLine.unicodeScalars.distance(
        from: patternLine.unicodeScalars.startIndex, to: quote) + 1
    return "\(file):\(idLine + 2):\(column)"
  }

  @Test(arguments: [1, 2])
  func classifyNamesTheSkippedRulesAndWarnsOncePerRule(jobs: Int) throws {
    let result = try CLI.run(
      ["classify", "--format", "json", "--jobs", "\(jobs)", "--rules", Self.catastrophicRules],
      stdin: Self.hostile + "\n" + Self.hostile + "\n" + "aaa\n")
    #expect(result.status == 0, "\(result.stderr.prefix(2_000))")
    let records = try Self.records(result.stdout)
    try #require(records.count == 3)
    // Nothing is skipped on an ordinary message, and `skipped` is left out; (a+)+ fires on it.
    #expect(records[2]["skipped"] == nil)
    #expect(records[2]["intent"] as? String == "costly")
    for record in records.prefix(2) {
      let skipped = try #require(record["skipped"] as? [String])
      // Every (.*a){20} rule is skipped: four give up at the match limit, which spends the
      // message's budget, and the rest are not run. So are the (a+)+ rules after them.
      #expect(Array(skipped.prefix(10)) == Self.starRules)
      #expect(skipped.count == 210)
      #expect(Set(skipped).count == skipped.count)
    }
    // Two hostile messages, one warning per rule.
    let file = Self.catastrophicRules + "/costly.yaml"
    for rule in Self.starRules + ["costly.nested-001", "costly.nested-200"] {
      #expect(Self.warnings(about: rule, in: result.stderr) == 1, "\(rule)")
    }
    let first = try Self.patternLocation(ofRule: "costly.star-01", in: file)
    #expect(
      result.stderr.contains(
        "\(first): warning: [invalid-pattern] regex '(.*a){20}' of rule 'costly.star-01' gave up"))
    let skippedForBudget = try Self.patternLocation(ofRule: "costly.star-05", in: file)
    #expect(
      result.stderr.contains(
        "\(skippedForBudget): warning: [invalid-pattern] regex '(.*a){20}' of rule "
          + "'costly.star-05' was not run"))
    #expect(result.stderr.contains("fix: rewrite it so it cannot backtrack without end"))
  }

  @Test(arguments: [1, 2])
  func suggestNamesTheSkippedRules(jobs: Int) throws {
    let home = Scratch.url("home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    let input = #"{"chat":"c1","text":"\#(Self.hostile)"}"# + "\n" + #"{"chat":"c1","text":"你好"}"#
    let result = try CLI.run(
      [
        "suggest", "--format", "json", "--jobs", "\(jobs)", "--rules", Self.catastrophicRules,
        "--phrasebooks", Self.catastrophicPhrasebooks,
      ], input: Data((input + "\n").utf8), environment: ["HUASHU_HOME": home.path])
    #expect(result.status == 0, "\(result.stderr.prefix(2_000))")
    let records = try Self.records(result.stdout)
    try #require(records.count == 2)
    let skipped = try #require(records[0]["skipped"] as? [String])
    #expect(Array(skipped.prefix(10)) == Self.starRules)
    #expect(records[1]["skipped"] == nil)
    #expect(Self.warnings(about: "costly.star-01", in: result.stderr) == 1)
  }

  @Test func lintRejectsPatternsThatMatchAnEmptyString() throws {
    let result = try CLI.run(
      ["lint", "--rules", Self.emptyRules, "--phrasebooks", Self.emptyPhrasebooks], stdin: "")
    #expect(result.status == 1, "\(result.stderr)")
    let file = Self.emptyRules + "/empty.yaml"
    let expected = [
      ("empty.nothing", "''", "matches the empty string, so the rule fires on every message"),
      ("empty.star", "'x*'", "matches the empty string"),
      ("empty.alternative", "'(a|)'", "matches the empty string"),
      ("empty.boundary", #"'\b'"#, "matches an empty string (in 'a')"),
      ("empty.lookahead", "'(?=退款)'", "matches an empty string (in example '我要退款')"),
    ]
    for (rule, pattern, message) in expected {
      let location = try Self.patternLocation(ofRule: rule, in: file)
      #expect(
        result.stderr.contains(
          "\(location): error: [invalid-pattern] regex \(pattern) of rule '\(rule)' \(message)"),
        "\(rule)")
    }
    #expect(result.stderr.contains("lint: 5 error(s)"))
    // `(?=.{1,40}$)` rules the empty match out, so PCRE2's "might match empty" is not enough.
    for rule in ["empty.guarded", "empty.fine"] {
      #expect(!result.stderr.contains("of rule '\(rule)' matches"))
    }
  }
}
