import Foundation
import TestScratch
import Testing

/// Chats replayed through `huashu suggest` on the shipped rules, scripts and phrasebooks:
/// de-escalation, the bargaining ladder, COD, hand-off, and chat state across runs.
struct ConversationCommandTests {
  static let now = "2026-11-23T10:00:00+08:00"

  static func chat(_ name: String) throws -> String {
    try String(contentsOfFile: CLI.fixture("chats/\(name)"), encoding: .utf8)
  }

  /// `huashu suggest --format json` on the shipped content, in a fresh home.
  static func suggest(_ input: String, extra: [String] = []) throws -> [[String: Any]] {
    let result = try CLI.run(
      ["suggest", "--format", "json", "--now", now] + extra, input: Data(input.utf8),
      currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": try SuggestCommandTests.home()])
    #expect(result.status == 0, "\(result.stderr)")
    return try SuggestCommandTests.records(result)
  }

  static func suggestions(_ record: [String: Any]) -> [[String: Any]] {
    record["suggestions"] as? [[String: Any]] ?? []
  }

  static func firstWhy(_ record: [String: Any]) -> String {
    suggestions(record).first?["why"] as? String ?? ""
  }

  static func state(_ record: [String: Any]) -> [String: Any] {
    record["chat_state"] as? [String: Any] ?? [:]
  }

  /// The records without their line numbers, to compare runs that number lines differently.
  static func withoutLines(_ records: [[String: Any]]) -> [NSDictionary] {
    records.map { record in
      var record = record
      record["line"] = nil
      return record as NSDictionary
    }
  }

  @Test func angryBuyerGetsAcknowledgementThenApologyThenSolutionThenFollowUp() throws {
    let records = try Self.suggest(try Self.chat("angry-missing-item.jsonl"))
    try #require(records.count == 4)
    let ids = records.map(SuggestCommandTests.replyIDs)

    #expect(Self.firstWhy(records[0]).hasPrefix("de-escalation step 1 of 4: acknowledge"))
    #expect(ids[0].dropFirst().contains { $0.hasPrefix("missing_item.") }, "\(ids[0])")

    #expect(Self.firstWhy(records[1]).hasPrefix("de-escalation step 2 of 4: apologize"))
    #expect(ids[1].first != ids[0].first)

    #expect(Self.firstWhy(records[2]).hasPrefix("de-escalation step 3 of 4: solve"))
    #expect(ids[2].first?.hasPrefix("missing_item.") == true, "\(ids[2])")

    #expect(Self.firstWhy(records[3]).hasPrefix("de-escalation step 4 of 4: follow-up"))
    #expect(Self.state(records[3])["deescalation"] as? String == "follow-up")
    // No reply is suggested twice in the chat while others fit.
    let all = ids.flatMap { $0 }
    #expect(Set(all).count == all.count, "\(all)")
  }

  @Test func bargainingFourTimesClimbsTheLadderInOrder() throws {
    let records = try Self.suggest(try Self.chat("bargain-four-rounds.jsonl"))
    try #require(records.count == 4)
    for (index, record) in records.enumerated() {
      #expect(Self.state(record)["bargaining_round"] as? Int == index + 1)
      #expect(Self.firstWhy(record).hasPrefix("bargaining round \(index + 1) of 4"))
    }
    let floor = Self.suggestions(records[3]).first?["text"] as? String ?? ""
    #expect(floor.contains("实在不能再低了"))
    let earlier = records.prefix(3).compactMap { Self.suggestions($0).first?["text"] as? String }
    #expect(earlier.allSatisfy { !$0.contains("实在不能再低了") })
  }

  @Test func aNamedPriceIsAnsweredAtTheCurrentRoundNotTheFloor() throws {
    let records = try Self.suggest(try Self.chat("bargain-names-price.jsonl"))
    try #require(records.count == 2)
    #expect(Self.state(records[1])["bargaining_round"] as? Int == 2)
    #expect(Self.firstWhy(records[1]).hasPrefix("bargaining round 2 of 4"))
    let text = Self.suggestions(records[1]).first?["text"] as? String ?? ""
    #expect(!text.contains("实在不能再低了"))
  }

  @Test func codIsAskedThenTheAnswerGetsItsReply() throws {
    let records = try Self.suggest(try Self.chat("cod.jsonl"))
    try #require(records.count == 4)
    #expect(Self.firstWhy(records[0]).hasPrefix("COD: tell the buyer"))
    #expect(Self.state(records[0])["cod_pending"] as? Bool == true)
    #expect(Self.firstWhy(records[1]).hasPrefix("COD: the buyer accepted"))
    #expect(Self.state(records[1])["cod_pending"] as? Bool == false)
    #expect(Self.firstWhy(records[2]).hasPrefix("COD: tell the buyer"))
    #expect(Self.firstWhy(records[3]).hasPrefix("COD: the buyer declined"))
  }

  @Test func aComplaintThreatHandsOffWithItsReason() throws {
    let records = try Self.suggest(#"{"chat":"h","text":"再不处理我就打12315"}"# + "\n")
    let record = try #require(records.first)
    #expect(record["handoff"] as? Bool == true)
    #expect((record["handoff_reason"] as? String)?.contains("12315") == true)
    #expect(!Self.suggestions(record).isEmpty)
    let calm = try Self.suggest(#"{"chat":"h","text":"请问什么时候发货"}"# + "\n")
    #expect(calm.first?["handoff"] == nil)
  }

  @Test func interleavedChatsKeepSeparateStates() throws {
    let together = try Self.suggest(try Self.chat("interleaved.jsonl"))
    let lines = try Self.chat("interleaved.jsonl").split(separator: "\n")
    for chat in ["a", "b"] {
      let alone = try Self.suggest(
        lines.filter { $0.contains("\"chat\":\"\(chat)\"") }.joined(separator: "\n") + "\n")
      #expect(
        Self.withoutLines(together.filter { $0["chat"] as? String == chat })
          == Self.withoutLines(alone))
    }
  }

  @Test func stateFileAcrossTwoRunsGivesTheSameAnswersAsOneRun() throws {
    let home = try SuggestCommandTests.home()
    let stateFile = home + "/chats.json"
    let lines = try Self.chat("interleaved.jsonl").split(separator: "\n").map(String.init)
    let oneRun = try Self.suggest(lines.joined(separator: "\n") + "\n")
    let first = try Self.suggest(
      lines.prefix(3).joined(separator: "\n") + "\n", extra: ["--state", stateFile])
    let second = try Self.suggest(
      lines.dropFirst(3).joined(separator: "\n") + "\n", extra: ["--state", stateFile])
    #expect(Self.withoutLines(first + second) == Self.withoutLines(oneRun))
    #expect(FileManager.default.fileExists(atPath: stateFile))
  }

  /// With `--jobs`, chats are answered in parallel; every chat's turns still come in order,
  /// so the answers and the saved state are those of one job.
  @Test func twoJobsAnswerManyChatsAsOneJobDoes() throws {
    let scripts = try ["angry-missing-item.jsonl", "bargain-four-rounds.jsonl", "cod.jsonl"]
      .map { try Self.chat($0).split(separator: "\n").map(String.init) }
    var lines: [String] = []
    for turn in 0..<6 {
      for chat in 0..<90 {
        let script = scripts[chat % scripts.count]
        guard turn < script.count else { continue }
        // Each chat of the same script gets its own id.
        lines.append(
          script[turn].replacingOccurrences(
            of: #"{"chat":""#, with: #"{"chat":"n\#(chat)-"#))
      }
      if turn == 2 { lines.append(#"{"chat":"n0-a","accepted":"bargain.gift-with-order"}"#) }
    }
    let input = lines.joined(separator: "\n") + "\n"
    var outputs: [String] = []
    var states: [String] = []
    for jobs in ["1", "2"] {
      let home = try SuggestCommandTests.home()
      let result = try CLI.run(
        [
          "suggest", "--format", "json", "--now", Self.now, "--jobs", jobs, "--state",
          home + "/chats.json",
        ],
        input: Data(input.utf8), currentDirectory: CLI.packageRoot,
        environment: ["HUASHU_HOME": home])
      #expect(result.status == 0, "\(result.stderr)")
      outputs.append(result.stdout)
      states.append(try String(contentsOfFile: home + "/chats.json", encoding: .utf8))
    }
    #expect(outputs[0].split(separator: "\n").count == lines.count)
    #expect(outputs[1] == outputs[0])
    #expect(states[1] == states[0])
    #expect(outputs[0].contains(#""deescalation":"follow-up""#))
  }

  @Test func aChatIdleLongerThanTheIdleTimeStartsOver() throws {
    let home = try SuggestCommandTests.home()
    let stateFile = home + "/chats.json"
    let line = #"{"chat":"i","text":"老板能便宜点吗"}"# + "\n"
    _ = try Self.suggest(line, extra: ["--state", stateFile])
    let soon = try CLI.run(
      ["suggest", "--format", "json", "--state", stateFile, "--now", "2026-11-23T20:00:00+08:00"],
      input: Data(line.utf8), currentDirectory: CLI.packageRoot, environment: ["HUASHU_HOME": home])
    #expect(try SuggestCommandTests.records(soon).first.map(Self.state)?["turn"] as? Int == 2)
    let later = try CLI.run(
      [
        "suggest", "--format", "json", "--state", stateFile, "--idle-hours", "24",
        "--now", "2026-11-25T10:00:00+08:00",
      ],
      input: Data(line.utf8), currentDirectory: CLI.packageRoot, environment: ["HUASHU_HOME": home])
    #expect(try SuggestCommandTests.records(later).first.map(Self.state)?["turn"] as? Int == 1)
  }

  @Test func aBrokenStateFileIsReportedAndLeftAlone() throws {
    let home = try SuggestCommandTests.home()
    let stateFile = home + "/chats.json"
    try "{not json".write(toFile: stateFile, atomically: true, encoding: .utf8)
    let result = try CLI.run(
      ["suggest", "--state", stateFile], input: Data("老板能便宜点吗\n".utf8),
      currentDirectory: CLI.packageRoot, environment: ["HUASHU_HOME": home])
    #expect(result.status == 2)
    #expect(result.stderr.contains(stateFile))
    #expect(try String(contentsOfFile: stateFile, encoding: .utf8) == "{not json")
  }

  @Test func explainReplaysAChatWithItsStateAfterEachTurn() throws {
    let result = try CLI.run(
      ["explain", "--chat", CLI.fixture("chats/angry-missing-item.jsonl"), "--now", Self.now],
      currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": try SuggestCommandTests.home()])
    #expect(result.status == 0, "\(result.stderr)")
    for expected in [
      "turn 1", "de-escalation step 1 of 4: acknowledge", "de-escalation step 2 of 4: apologize",
      "de-escalation step 3 of 4: solve", "topic missing_item",
    ] {
      #expect(result.stdout.contains(expected), "\(expected)")
    }
  }

  @Test func lintReportsABrokenScriptWithItsPosition() throws {
    let directory = Scratch.url("rules")
    try FileManager.default.copyItem(
      at: CLI.packageRoot.appendingPathComponent("rules"), to: directory)
    try """
    script: deescalation
    steps:
      - name: acknowledge
        tag: acknowledge
        colour: red
    handoff:
      cues: {emotion.nothing: no such rule}
      angry_turns: 0
    """.write(
      to: directory.appendingPathComponent("deescalation.yaml"), atomically: true,
      encoding: .utf8)
    let result = try CLI.run(
      ["lint", "--rules", directory.path], currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": try SuggestCommandTests.home()])
    #expect(result.status == 1)
    #expect(result.stderr.contains("deescalation.yaml:5:"), "\(result.stderr)")
    // The old place of hand-off cues points to the new one; a bad count is named.
    #expect(result.stderr.contains("deescalation.yaml:7:"), "\(result.stderr)")
    #expect(result.stderr.contains("hand-off cues are no longer listed"), "\(result.stderr)")
    #expect(result.stderr.contains("angry_turns must be at least 1"), "\(result.stderr)")
  }
}
