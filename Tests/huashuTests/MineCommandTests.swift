import Foundation
import Testing

/// `huashu mine`, run as a phrasebook editor would, on `Fixtures/rules` and `Fixtures/mining`.
///
/// The corpus: bargain lines 2 and 3 (包邮吗亲, 可以包邮吗) and missing_item lines 6 and 7
/// (少了一个配件, 少了一个赠品) are missed; 了一 is also in line 5 (少发了一件, rightly
/// missing_item through `missing_item.short`).
struct MineCommandTests {
  static let rules = CLI.fixture("rules")
  static let corpus = CLI.fixture("mining/corpus.jsonl")
  static let messages = CLI.fixture("mining/messages.txt")

  @Test func labelledTextReport() throws {
    let result = try CLI.run(["mine", "--rules", Self.rules, "--corpus", Self.corpus])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
    #expect(
      lines.first
        == "9 labelled messages; candidates need support ≥ 2 and precision ≥ 0.60, top 10")
    #expect(lines.contains("missing_item 少发漏发: 3 messages, 1 classified right, 2 missed"))
    #expect(lines.contains("    line 6 m06: → other  [订单x]少了一个配件"))
    #expect(lines.contains("  candidate  support  matches  precision  would break  overlap"))
    #expect(
      lines.contains("  了一             2        3       1.00            0  missing_item.short 1"))
    #expect(lines.contains("shipping_fee 运费: 2 messages, 1 classified right, 1 missed"))
    #expect(lines.contains("  no candidate reaches the thresholds"))
  }

  @Test func labelledJSONIsOneDocumentWithChineseUnescaped() throws {
    let result = try CLI.run([
      "mine", "--rules", Self.rules, "--corpus", Self.corpus, "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains(#""label":"少发漏发""#))
    #expect(!result.stdout.contains("\\u"))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["mode"] as? String == "labelled")
    let intents = try #require(object["intents"] as? [[String: Any]])
    #expect(
      intents.compactMap { $0["intent"] as? String } == ["bargain", "missing_item", "shipping_fee"])
    let candidates = try #require(intents[1]["candidates"] as? [[String: Any]])
    let second = try #require(candidates.dropFirst().first)
    #expect(second["text"] as? String == "了一")
    #expect(second["matches"] as? Int == 3)
    #expect(second["would_break"] as? Int == 0)
    try CLI.assertGolden(result.stdout, "mine-corpus.json")
  }

  @Test func unlabelledReportFromAFileOrStandardInput() throws {
    let fromFile = try CLI.run(["mine", "--rules", Self.rules, Self.messages])
    #expect(fromFile.status == 0, "\(fromFile.stderr)")
    let lines = fromFile.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "7 messages; the rules claim 2 (28.6%), 5 unclaimed (71.4%)")
    #expect(lines.contains("bargain       议价                1  14.3%"))
    #expect(lines.contains("other         (unclaimed)         5  71.4%"))
    // Line 3 is a JSON line: its text, 可以包邮吗, counts.
    #expect(lines.contains("  包邮        3        3  line 2: 包邮吗亲"))
    let text = try String(contentsOfFile: Self.messages, encoding: .utf8)
    let fromStandardInput = try CLI.run(["mine", "--rules", Self.rules, "-"], stdin: text)
    #expect(fromStandardInput.stdout == fromFile.stdout)

    let json = try CLI.run(["mine", "--rules", Self.rules, Self.messages, "--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let unclaimed = try #require(object["unclaimed"] as? [String: Any])
    #expect(unclaimed["messages"] as? Int == 5)
    #expect(unclaimed["share"] as? Double == 0.714)
    #expect(json.stdout.contains(#""text":"包邮吗亲""#))
  }

  @Test func badCorpusLineExitsTwoWithItsNumber() throws {
    let path = CLI.fixture("mining/bad-corpus.jsonl")
    let result = try CLI.run(["mine", "--rules", Self.rules, "--corpus", path])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("\(path):2:1: error: not a labelled message"))
  }

  @Test func badUnlabelledLinesExitTwoWithTheirNumbers() throws {
    let path = CLI.fixture("mining/bad-messages.txt")
    let result = try CLI.run(["mine", "--rules", Self.rules, path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("\(path):2:1: error: a line starting with { must be"))
    #expect(result.stderr.contains("\(path):3:1: error"))
    #expect(!result.stderr.contains("\(path):1:1"))
    let binary = try CLI.run(
      ["mine", "--rules", Self.rules, "-"], input: Data([0x61, 0x0A, 0xFF, 0xFE, 0x0A]))
    #expect(binary.status == 2)
    #expect(binary.stderr.contains("<stdin>:2:1: error: not UTF-8 text"))
  }

  @Test(arguments: [
    (["mine"], "give a FILE of messages or --corpus FILE.jsonl"),
    (["mine", "a.txt", "--corpus", "b.jsonl"], "give either FILE or --corpus, not both"),
    (["mine", "a.txt", "--intent", "bargain"], "--intent needs --corpus"),
    (["mine", "a.txt", "--min-precision", "0.5"], "--min-precision needs --corpus"),
    (["mine", "a.txt", "--top", "0"], "--top must be at least 1"),
    (["mine", "--corpus", "b.jsonl", "--min-precision", "2"], "between 0 and 1"),
    (["mine", "a.txt", "--emotion", "upset"], "--emotion needs --corpus"),
    (["mine", "--corpus", "b.jsonl", "--emotion", "calm"], "--emotion must be upset or angry"),
    (
      ["mine", "--corpus", "b.jsonl", "--emotion", "upset", "--intent", "bargain"],
      "give either --intent or --emotion, not both"
    ),
  ])
  func badUsageExitsSixtyFour(_ arguments: [String], message: String) throws {
    let result = try CLI.run(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.contains(message))
  }

  @Test func unknownIntentExitsSixtyFourNamingTheKnownOnes() throws {
    let arguments = ["mine", "--rules", Self.rules, "--corpus", Self.corpus]
    let unknown = try CLI.run(arguments + ["--intent", "nosuch"])
    #expect(unknown.status == 64)
    #expect(
      unknown.stderr.contains(
        "unknown intent 'nosuch'; known: bargain, missing_item, shipping_fee"))
    let other = try CLI.run(arguments + ["--intent", "other"])
    #expect(other.status == 64)
    let one = try CLI.run(arguments + ["--intent", "bargain"])
    #expect(one.status == 0)
    #expect(!one.stdout.contains("missing_item"))
  }

  /// The three missing_item lines are labelled upset and no cue of `Fixtures/rules` fires on
  /// them: 了一 is in all three and nowhere else.
  @Test func emotionReport() throws {
    let arguments = ["mine", "--rules", Self.rules, "--corpus", Self.corpus, "--emotion", "upset"]
    let result = try CLI.run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("upset: 3 messages, 0 read right, 3 read calmer"))
    #expect(lines.contains("    line 6 m06: → calm  [订单x]少了一个配件"))
    #expect(lines.contains("  了一             3        3       1.00            0  -"))
    let json = try CLI.run(arguments + ["--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["intents"] == nil)
    let emotions = try #require(object["emotions"] as? [[String: Any]])
    #expect(emotions.first?["emotion"] as? String == "upset")
    #expect(emotions.first?["missed"] as? Int == 3)
    let unlabelled = try CLI.run([
      "mine", "--rules", Self.rules, "--corpus", CLI.fixture("mining/no-emotion.jsonl"),
      "--emotion", "upset",
    ])
    #expect(unlabelled.status == 64)
    #expect(unlabelled.stderr.contains(#"no message of the corpus has an "emotion" label"#))
  }

  @Test func helpMatchesGolden() throws {
    let result = try CLI.run(["mine", "--help"], stdin: "")
    try CLI.assertGolden(result.stdout, "mine-help.txt")
  }
}
