import Foundation
import TestScratch
import Testing

/// `huashu test` and `huashu lint`, run as a phrasebook editor would.
struct TestAndLintCommandTests {
  /// A copy of the fixture rules in a temporary directory, to break on purpose.
  static func copyOfFixtureRules() throws -> String {
    let directory = Scratch.url("rules")
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: CLI.fixture("rules")), to: directory)
    return directory.path
  }

  static func corpus(_ lines: [String]) throws -> String {
    let path = Scratch.url("corpus", extension: "jsonl").path
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func passingExamplesExitZero() throws {
    let result = try CLI.run(["test", "--rules", CLI.fixture("rules")], stdin: "")
    #expect(result.status == 0)
    #expect(result.stdout.contains("examples: 10/10 pass"))
  }

  @Test func deletingAKeywordAnExampleNeedsFailsNamingRuleExampleAndLocation() throws {
    let rules = try Self.copyOfFixtureRules()
    let file = rules + "/missing_item.yaml"
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try text.replacingOccurrences(of: "any: [少发, 漏发]", with: "any: [漏发]")
      .write(toFile: file, atomically: true, encoding: .utf8)
    let result = try CLI.run(["test", "--rules", rules], stdin: "")
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "\(file):8:15: error: [failing-example] example '少發了一件' does not fire rule "
          + "'missing_item.short'"))
  }

  @Test func corpusReportAndMacroF1Gate() throws {
    let corpus = try Self.corpus([
      #"{"text":"能便宜点吗","intent":"bargain","emotion":"calm"}"#,
      #"{"text":"少发了一件!!!我要投诉","intent":"missing_item","emotion":"angry"}"#,
      #"{"text":"运费多少","intent":"shipping_fee","emotion":"calm"}"#,
      #"{"text":"什么时候发货","intent":"logistics","emotion":"upset"}"#,
    ])
    let arguments = ["test", "--rules", CLI.fixture("rules"), "--corpus", corpus]
    let passing = try CLI.run(arguments + ["--min-macro-f1", "0.7"], stdin: "")
    #expect(passing.status == 0, "\(passing.stdout)")
    #expect(passing.stdout.contains("corpus: 4 messages, accuracy 0.750"))
    #expect(passing.stdout.contains("logistics              1   0.00    0.00   0.00  other 1"))
    #expect(passing.stdout.contains("line 4: logistics → other 0.00"))
    let failing = try CLI.run(arguments + ["--min-macro-f1", "0.9"], stdin: "")
    #expect(failing.status == 1)
    #expect(failing.stdout.contains("gate: macro-F1 0.750 ≥ 0.900: FAIL"))

    let json = try CLI.run(arguments + ["--format", "json"], stdin: "")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let corpora = try #require(object["corpora"] as? [[String: Any]])
    #expect(corpora.count == 1)
    #expect(corpora.first?["file"] as? String == corpus)
    let report = try #require(corpora.first?["report"] as? [String: Any])
    #expect(report["macro_f1"] as? Double == 0.75)
    #expect((report["emotions"] as? [[String: Any]])?.last?["recall"] as? Double == 1)
  }

  @Test func accuracyGateFailsBelowItsMinimumEvenWhenMacroF1Passes() throws {
    let corpus = try Self.corpus([
      #"{"text":"能便宜点吗","intent":"bargain","emotion":"calm"}"#,
      #"{"text":"少发了一件!!!我要投诉","intent":"missing_item","emotion":"angry"}"#,
      #"{"text":"运费多少","intent":"shipping_fee","emotion":"calm"}"#,
      #"{"text":"什么时候发货","intent":"logistics","emotion":"upset"}"#,
    ])
    let arguments = [
      "test", "--rules", CLI.fixture("rules"), "--corpus", corpus, "--min-macro-f1", "0.7",
    ]
    let passing = try CLI.run(arguments + ["--min-accuracy", "0.75"], stdin: "")
    #expect(passing.status == 0, "\(passing.stdout)")
    #expect(passing.stdout.contains("gate: accuracy 0.750 ≥ 0.750: pass"))
    let failing = try CLI.run(arguments + ["--min-accuracy", "0.8"], stdin: "")
    #expect(failing.status == 1)
    #expect(failing.stdout.contains("gate: macro-F1 0.750 ≥ 0.700: pass"))
    #expect(failing.stdout.contains("gate: accuracy 0.750 ≥ 0.800: FAIL"))
    let usage = try CLI.run(["test", "--rules", CLI.fixture("rules"), "--min-accuracy", "0.8"])
    #expect(usage.status == 64)
    #expect(usage.stderr.contains("--min-accuracy needs --corpus"))
  }

  @Test func severalCorporaSideBySideEachWithItsOwnMinimums() throws {
    let tuned = try Self.corpus([
      #"{"text":"能便宜点吗","intent":"bargain","emotion":"calm"}"#,
      #"{"text":"运费多少","intent":"shipping_fee","emotion":"calm"}"#,
    ])
    let check = try Self.corpus([
      #"{"text":"少发了一件!!!我要投诉","intent":"missing_item","emotion":"upset"}"#,
      #"{"text":"什么时候发货","intent":"logistics","emotion":"upset"}"#,
    ])
    let arguments = [
      "test", "--rules", CLI.fixture("rules"), "--corpus", tuned, "--corpus", check,
      "--min-accuracy", "0.9", "--min-accuracy", "0.5",
    ]
    let passing = try CLI.run(arguments, stdin: "")
    #expect(passing.status == 0, "\(passing.stdout)")
    #expect(passing.stdout.contains("gate: accuracy 1.000 ≥ 0.900: pass  (\(tuned))"))
    #expect(passing.stdout.contains("gate: accuracy 0.500 ≥ 0.500: pass  (\(check))"))
    // The summary: one line per corpus with accuracy, macro-F1 and upset precision/recall (the
    // missing item is read as angry, not upset, so upset recall is 0 on the check file).
    let tunedName = (tuned as NSString).lastPathComponent
    let checkName = (check as NSString).lastPathComponent
    let summary = passing.stdout.split(separator: "\n").map(String.init)
    let tunedLine = try #require(summary.last { $0.hasPrefix(tunedName) })
    let checkLine = try #require(summary.last { $0.hasPrefix(checkName) })
    #expect(tunedLine.contains("1.000") && tunedLine.hasSuffix("pass"))
    #expect(checkLine.contains("0.500") && checkLine.contains("0.00/0.00"))

    let upsetGate = try CLI.run(arguments + ["--min-upset-recall", "0.5"], stdin: "")
    #expect(upsetGate.status == 1)
    #expect(upsetGate.stdout.contains("gate: upset recall 0.000 ≥ 0.500: FAIL  (\(check))"))
    let miscounted = try CLI.run(
      arguments + ["--min-macro-f1", "0.1", "--min-macro-f1", "0.2", "--min-macro-f1", "0.3"])
    #expect(miscounted.status == 64)
    #expect(miscounted.stderr.contains("--min-macro-f1 is given 3 times for 2 corpora"))
  }

  @Test func junitReportForCI() throws {
    let corpus = try Self.corpus([#"{"text":"能便宜点吗","intent":"bargain"}"#])
    let path = Scratch.url("junit", extension: "xml").path
    let result = try CLI.run(
      [
        "test", "--rules", CLI.fixture("rules"), "--corpus", corpus, "--junit", path,
        "--min-macro-f1", "0.5",
      ], stdin: "")
    #expect(result.status == 0)
    let xml = try String(contentsOfFile: path, encoding: .utf8)
    #expect(xml.contains(#"<testsuites name="huashu" tests="3" failures="0">"#))
    #expect(xml.contains(#"<testcase classname="gate" name="macro-F1">"#))
  }

  @Test func badCorpusLinesExitTwoWithTheirNumbers() throws {
    let corpus = try Self.corpus([
      #"{"text":"好"}"#, "not json", #"{"text":"能便宜吗","intent":"bargain"}"#,
    ])
    let result = try CLI.run(
      ["test", "--rules", CLI.fixture("rules"), "--corpus", corpus], stdin: "")
    #expect(result.status == 2)
    #expect(result.stderr.contains("\(corpus):1:1: error"))
    #expect(result.stderr.contains("\(corpus):2:1: error"))
  }

  @Test func lintExitCodes() throws {
    let rules = try Self.copyOfFixtureRules()
    let arguments = ["lint", "--rules", rules, "--phrasebooks", CLI.fixture("phrasebooks")]
    let clean = try CLI.run(arguments, stdin: "")
    #expect(clean.status == 0, "\(clean.stderr)")
    #expect(clean.stderr.contains("lint: no problems"))

    try "intent: cod\nrules:\n  - id: cod.a\n    any: [貨到付款]\n"
      .write(toFile: rules + "/cod.yaml", atomically: true, encoding: .utf8)
    let warnings = try CLI.run(arguments, stdin: "")
    #expect(warnings.status == 0)
    #expect(warnings.stderr.contains("\(rules)/cod.yaml:4:11: warning: [non-normal-form]"))
    #expect(warnings.stderr.contains("[missing-examples]"))
    #expect(warnings.stderr.contains("[no-replies]"))
    #expect(try CLI.run(arguments + ["--strict"], stdin: "").status == 1)

    try "intent: cod\nrules:\n  - id: cod.a\n    regex: ['(到付']\n"
      .write(toFile: rules + "/cod.yaml", atomically: true, encoding: .utf8)
    let errors = try CLI.run(arguments, stdin: "")
    #expect(errors.status == 1)
    #expect(errors.stderr.contains("[invalid-pattern]"))
  }

  @Test func shippedContentLintsCleanStrictly() throws {
    let result = try CLI.run(["lint", "--strict"], currentDirectory: CLI.packageRoot)
    #expect(result.status == 0, "\(result.stderr)")
  }

  @Test(arguments: ["test", "lint"])
  func helpMatchesGolden(_ subcommand: String) throws {
    let result = try CLI.run([subcommand, "--help"], stdin: "")
    try CLI.assertGolden(result.stdout, "\(subcommand)-help.txt")
  }
}
