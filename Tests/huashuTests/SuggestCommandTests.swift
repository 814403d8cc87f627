import Foundation
import TestScratch
import Testing

/// `huashu suggest`, `huashu accept` and the personal layer, run as an agent would.
struct SuggestCommandTests {
  static let rules = CLI.fixture("rules")
  static let phrasebooks = CLI.fixture("phrasebooks")

  /// A fresh huashu home, so no test sees another's usage counts.
  static func home() throws -> String {
    let url = Scratch.url("home")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  static func suggest(
    _ input: String, home: String, extra: [String] = [], json: Bool = true
  ) throws -> CLI.Result {
    try CLI.run(
      ["suggest", "--rules", rules, "--phrasebooks", phrasebooks] + extra
        + (json ? ["--format", "json"] : []),
      input: Data(input.utf8), environment: ["HUASHU_HOME": home])
  }

  static func records(_ result: CLI.Result) throws -> [[String: Any]] {
    try result.stdout.split(separator: "\n").map { line in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
      return try #require(object as? [String: Any])
    }
  }

  static func replyIDs(_ record: [String: Any]) -> [String] {
    (record["suggestions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
  }

  @Test func shippedContentAnswersBargainingAndShipping() throws {
    let result = try CLI.run(
      ["suggest", "--format", "json"], input: Data("老板能便宜点吗\n运费多少\n".utf8),
      currentDirectory: CLI.packageRoot, environment: ["HUASHU_HOME": try Self.home()])
    #expect(result.status == 0, "\(result.stderr)")
    let records = try Self.records(result)
    try #require(records.count == 2)
    #expect(records[0]["intent"] as? String == "bargain")
    #expect(Self.replyIDs(records[0]).count == 3)
    #expect(records[1]["intent"] as? String == "shipping_fee")
    #expect(!Self.replyIDs(records[1]).isEmpty)
  }

  @Test func regionFeeComesFromTheShopProfile() throws {
    let result = try Self.suggest(
      #"{"text":"到四川运费多少","region":"四川"}"# + "\n", home: try Self.home())
    let record = try #require(try Self.records(result).first)
    let first = try #require((record["suggestions"] as? [[String: Any]])?.first)
    #expect(first["id"] as? String == "shipping_fee.quote")
    #expect(first["text"] as? String == "亲，发到四川的运费是15元哦")
    #expect((first["missing_variables"] as? [String]) == [])
  }

  @Test func confirmFirstRegionAsksToConfirm() throws {
    let result = try Self.suggest(
      #"{"text":"到西藏运费多少","region":"西藏"}"# + "\n", home: try Self.home())
    let record = try #require(try Self.records(result).first)
    #expect(Self.replyIDs(record).first == "shipping_fee.confirm")
    let texts = (record["suggestions"] as? [[String: Any]] ?? []).compactMap {
      $0["text"] as? String
    }
    #expect(!texts.contains { $0.contains("{") || $0.contains("}") })
  }

  @Test func unknownRegionIsMissingNotGuessed() throws {
    let result = try Self.suggest(
      #"{"text":"运费多少","region":"火星"}"# + "\n", home: try Self.home())
    let record = try #require(try Self.records(result).first)
    #expect(Self.replyIDs(record).first == "shipping_fee.ask-region")
    let quote = (record["suggestions"] as? [[String: Any]] ?? []).first {
      $0["id"] as? String == "shipping_fee.quote"
    }
    if let quote {
      #expect((quote["missing_variables"] as? [String]) == ["shipping_fee"])
      #expect((quote["text"] as? String)?.contains("【shipping_fee】") == true)
    }
  }

  @Test func unfilledVariableIsListedAndShownWithoutBraces() throws {
    let result = try Self.suggest(#"{"text":"少发了一件"}"# + "\n", home: try Self.home())
    let record = try #require(try Self.records(result).first)
    let reship = try #require(
      (record["suggestions"] as? [[String: Any]])?.first {
        $0["id"] as? String == "missing_item.reship"
      })
    #expect(reship["missing_variables"] as? [String] == ["order_id"])
    #expect(reship["text"] as? String == "亲，核实后我们先给您补发，订单【order_id】")
  }

  @Test func personalEntryOverridesTeamWithoutTouchingTeamFiles() throws {
    let home = try Self.home()
    let personal = (home as NSString).appendingPathComponent("personal")
    try FileManager.default.createDirectory(atPath: personal, withIntermediateDirectories: true)
    try """
    group: 我的
    entries:
      - id: bargain.firm
        text: '亲，这是我的专属说法~'
    hide: [bargain.value]
    """.write(toFile: personal + "/mine.yaml", atomically: true, encoding: .utf8)
    let teamFile = Self.phrasebooks + "/team/bargain.yaml"
    let before = try Data(contentsOf: URL(fileURLWithPath: teamFile))
    let result = try Self.suggest("能便宜点吗\n", home: home)
    let record = try #require(try Self.records(result).first)
    let suggestions = record["suggestions"] as? [[String: Any]] ?? []
    #expect(suggestions.first?["text"] as? String == "亲，这是我的专属说法~")
    #expect(suggestions.first?["source"] as? String == "personal")
    #expect(!Self.replyIDs(record).contains("bargain.value"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: teamFile)) == before)
    // Another agent's home sees the team reply.
    let other = try Self.records(try Self.suggest("能便宜点吗\n", home: try Self.home())).first
    #expect(
      (other?["suggestions"] as? [[String: Any]])?.first?["text"] as? String
        == "亲，已经是活动价了哦~")
  }

  @Test func fiveAcceptancesMoveTheThirdReplyFirstForThatAgentOnly() throws {
    let home = try Self.home()
    let before = try Self.records(try Self.suggest("能便宜点吗\n", home: home)).first
    let initial = try #require(before)
    let third = try #require(Self.replyIDs(initial).dropFirst(2).first)
    let accepts = String(repeating: #"{"chat":"c1","accepted":"\#(third)"}"# + "\n", count: 5)
    let result = try Self.suggest(accepts + "能便宜点吗\n", home: home)
    let records = try Self.records(result)
    try #require(records.count == 6)
    #expect(records[4]["accepted_count"] as? Int == 5)
    #expect(Self.replyIDs(records[5]).first == third)
    // A later run of the same agent remembers; another agent is unaffected.
    let later = try Self.records(try Self.suggest("能便宜点吗\n", home: home)).first
    let laterRecord = try #require(later)
    #expect(Self.replyIDs(laterRecord).first == third)
    let other = try Self.records(try Self.suggest("能便宜点吗\n", home: try Self.home())).first
    let otherRecord = try #require(other)
    #expect(Self.replyIDs(otherRecord).first != third)
  }

  @Test func acceptCommandRecordsAndConcurrentProcessesDoNotLoseCounts() throws {
    let home = try Self.home()
    let arguments = ["accept", "--rules", Self.rules, "--phrasebooks", Self.phrasebooks]
    let group = DispatchGroup()
    let failures = DataBox()
    for _ in 0..<4 {
      group.enter()
      DispatchQueue.global().async {
        if let result = try? CLI.run(
          arguments + ["bargain.floor", "bargain.floor"], environment: ["HUASHU_HOME": home]),
          result.status != 0
        {
          failures.data.append(contentsOf: Data(result.stderr.utf8))
        }
        group.leave()
      }
    }
    group.wait()
    #expect(failures.data.isEmpty, "\(String(decoding: failures.data, as: UTF8.self))")
    let final = try CLI.run(arguments + ["bargain.floor"], environment: ["HUASHU_HOME": home])
    #expect(final.stdout == "bargain.floor: accepted 9 times\n")
    let unknown = try CLI.run(arguments + ["no.such-reply"], environment: ["HUASHU_HOME": home])
    #expect(unknown.status == 2)
  }

  @Test func belowTheFloorOrUnclaimedSaysNoSuggestionWithTheReason() throws {
    let record = try #require(
      try Self.records(try Self.suggest("今天天气不错\n", home: try Self.home())).first)
    #expect(Self.replyIDs(record).isEmpty)
    #expect(record["no_suggestion_reason"] as? String == "no rule matched the message")
  }

  @Test func everyInputLineGetsExactlyOneAnswer() throws {
    var input = Data()
    var expectedErrors = 0
    for index in 0..<10_000 {
      switch index % 10 {
      case 0: input.append(Data("{not json\n".utf8)); expectedErrors += 1
      case 1: input.append(Data("\n".utf8)); expectedErrors += 1
      case 2: input.append(contentsOf: [0xC3, 0x28, 0xFF, 0x0A]); expectedErrors += 1
      case 3: input.append(Data(#"{"chat":"c9"}"#.utf8 + [0x0A])); expectedErrors += 1
      case 4 where index == 4:
        input.append(Data(String(repeating: "便", count: 400_000).utf8 + [0x0A]))
        expectedErrors += 1
      case 5: input.append(Data(#"{"chat":"c1","text":"少发了一件","order_id":12345}"#.utf8 + [0x0A]))
      default: input.append(Data("老板能便宜点吗\n".utf8))
      }
    }
    let raw = try CLI.run(
      ["suggest", "--rules", Self.rules, "--phrasebooks", Self.phrasebooks, "--format", "json"],
      input: input, environment: ["HUASHU_HOME": try Self.home()])
    #expect(raw.status == 2)
    let records = try Self.records(raw)
    try #require(records.count == 10_000)
    #expect(records.map { $0["line"] as? Int } == (1...10_000).map { $0 })
    #expect(records.filter { $0["error"] != nil }.count == expectedErrors)
    let reship = records[5]["suggestions"] as? [[String: Any]] ?? []
    #expect(reship.contains { ($0["text"] as? String)?.contains("订单12345") == true })
  }

  /// A line or a `text` of white space only (full-width and other wide spaces too) has no
  /// message; anything visible, however it starts, has one.
  @Test func whiteSpaceAloneIsNoMessage() throws {
    let input =
      [
        "\u{3000}\u{3000}", " \u{2003}\t", #"{"text":"\u3000 "}"#, "\u{3000}少发了", " 在吗",
      ].joined(separator: "\n") + "\n"
    let records = try Self.records(try Self.suggest(input, home: try Self.home()))
    try #require(records.count == 5)
    #expect(records[0]["error"] as? String == "empty line: no message")
    #expect(records[1]["error"] as? String == "empty line: no message")
    #expect(records[2]["error"] as? String == #"JSON line has no "text" (nor "accepted")"#)
    #expect(records[3]["intent"] as? String == "missing_item")
    #expect(records[4]["error"] == nil)
  }

  @Test func textFormatNumbersRepliesAndNamesTheirSource() throws {
    let result = try Self.suggest("能便宜点吗\n", home: try Self.home(), json: false)
    #expect(result.status == 0)
    #expect(
      result.stdout.contains(
        "  1. 亲，已经是活动价了哦~  (team yj1, bargain.firm; a reply for bargain"))
  }

  @Test func jsonOutputMatchesGolden() throws {
    let input = """
      老板能便宜点吗
      {"chat":"c1","buyer":"小王","text":"到四川运费多少","region":"四川"}
      {"chat":"c2","text":"少發了一件！！！","order_id":"A100"}
      今天天气不错

      """
    let result = try Self.suggest(input, home: try Self.home())
    try CLI.assertGolden(result.stdout, "suggest-json.jsonl")
  }
}

/// `--jobs` changes how fast, never what.
struct JobsTests {
  @Test func classifyWithTwoJobsWritesTheSameLinesInOrder() throws {
    let input =
      (0..<1500).map { ["老板能便宜点吗", "少發了一件！！！", "你好呀", "运费多少"][$0 % 4] + "\($0)" }
      .joined(separator: "\n") + "\n"
    let arguments = ["classify", "--rules", CLI.fixture("rules"), "--format", "json"]
    let one = try CLI.run(arguments, stdin: input)
    let two = try CLI.run(arguments + ["--jobs", "2"], stdin: input)
    #expect(two.status == 0)
    #expect(two.stdout == one.stdout)
    #expect(one.stdout.split(separator: "\n").count == 1500)
  }

  @Test func suggestWithTwoJobsKeepsOrderAndAcceptedCounts() throws {
    var lines: [String] = []
    for index in 0..<1200 {
      lines.append(index % 100 == 50 ? #"{"accepted":"bargain.floor"}"# : "能便宜点吗\(index)")
    }
    lines.append("{bad json")
    let input = lines.joined(separator: "\n") + "\n"
    let arguments = [
      "suggest", "--rules", CLI.fixture("rules"), "--phrasebooks", CLI.fixture("phrasebooks"),
      "--format", "json",
    ]
    let one = try CLI.run(
      arguments, input: Data(input.utf8),
      environment: ["HUASHU_HOME": try SuggestCommandTests.home()])
    let two = try CLI.run(
      arguments + ["--jobs", "2"], input: Data(input.utf8),
      environment: ["HUASHU_HOME": try SuggestCommandTests.home()])
    #expect(two.status == 2)
    #expect(two.stdout == one.stdout)
    #expect(two.stdout.contains(#""accepted_count":12"#))
  }
}
