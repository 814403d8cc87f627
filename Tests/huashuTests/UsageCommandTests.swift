import Foundation
import Testing

/// `huashu accept` by code, the agent in the usage store and `huashu usage`, run as agents
/// would.
struct UsageCommandTests {
  static let rules = CLI.fixture("rules")
  static let phrasebooks = CLI.fixture("phrasebooks")
  static let sources = ["--rules", rules, "--phrasebooks", phrasebooks]

  static func accept(_ replies: [String], home: String, agent: [String] = []) throws
    -> CLI.Result
  {
    try CLI.run(
      ["accept"] + sources + agent + replies,
      environment: ["HUASHU_HOME": home, "HUASHU_AGENT": ""])
  }

  static func usage(_ extra: [String], home: String) throws -> CLI.Result {
    try CLI.run(["usage"] + sources + extra, environment: ["HUASHU_HOME": home])
  }

  static func json(_ result: CLI.Result) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return try #require(object as? [String: Any])
  }

  @Test func acceptTakesACodeInAnyCaseAndIDsFirst() throws {
    let home = try SuggestCommandTests.home()
    let result = try Self.accept(["yj4", "YJ4", "bargain.firm"], home: home)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout
        == "bargain.floor: accepted 2 times\nbargain.floor: accepted 2 times\n"
        + "bargain.firm: accepted 1 times\n")
    let unknown = try Self.accept(["zz9"], home: home)
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("no reply with id or code 'zz9'"))
  }

  @Test func suggestAcceptsACodeAndRecordsTheAgent() throws {
    let home = try SuggestCommandTests.home()
    let input =
      #"{"chat":"c1","accepted":"yj4"}"# + "\n" + #"{"chat":"c1","accepted":"nope"}"# + "\n"
    let result = try CLI.run(
      ["suggest", "--format", "json"] + Self.sources, input: Data(input.utf8),
      environment: ["HUASHU_HOME": home, "HUASHU_AGENT": "小美"])
    #expect(result.status == 2)
    let records = try SuggestCommandTests.records(result)
    try #require(records.count == 2)
    #expect(records[0]["accepted"] as? String == "bargain.floor")
    #expect(records[0]["accepted_count"] as? Int == 1)
    #expect((records[1]["error"] as? String)?.contains("no reply with id or code 'nope'") == true)
    let report = try Self.json(try Self.usage(["--format", "json"], home: home))
    let agents = report["agents"] as? [[String: Any]] ?? []
    #expect(agents.map { $0["agent"] as? String } == ["小美"])
  }

  @Test func usageReportsTwoAgentsAsTextJSONAndCSV() throws {
    let home = try SuggestCommandTests.home()
    #expect(
      try Self.accept(["yj4", "yj4", "yj1"], home: home, agent: ["--agent", "alice"]).status == 0)
    let bob = try CLI.run(
      ["accept"] + Self.sources + ["sf1"],
      environment: ["HUASHU_HOME": home, "HUASHU_AGENT": "bob"])
    #expect(bob.status == 0, "\(bob.stderr)")

    let text = try Self.usage([], home: home)
    #expect(text.status == 0, "\(text.stderr)")
    let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
    #expect(lines[0] == "4 acceptances of 3 replies")
    #expect(lines[1].hasPrefix("code  id"))
    #expect(lines[2].hasPrefix("yj4   bargain.floor"))
    #expect(lines[2].contains("  2  20"))
    #expect(lines.contains("alice: 3 acceptances"))
    #expect(lines.contains("bob: 1 acceptance"))

    let json = try Self.json(try Self.usage(["--format", "json"], home: home))
    #expect(json["accepted"] as? Int == 4)
    let replies = json["replies"] as? [[String: Any]] ?? []
    // A tie in count goes to the later acceptance: bob's came last.
    #expect(replies.map { $0["code"] as? String } == ["yj4", "sf1", "yj1"])
    #expect(replies.first?["id"] as? String == "bargain.floor")
    #expect(replies.first?["group"] as? String == "议价")
    #expect((replies.first?["last_accepted"] as? String)?.hasSuffix("Z") == true)
    let agents = json["agents"] as? [[String: Any]] ?? []
    #expect(agents.map { $0["agent"] as? String } == ["alice", "bob"])
    #expect(agents.map { $0["accepted"] as? Int } == [3, 1])

    let csv = try Self.usage(["--format", "csv"], home: home)
    let records = csv.stdout.split(separator: "\r\n").map(String.init)
    #expect(records.first == "agent,code,id,group,accepted,last_accepted")
    #expect(records.count == 1 + 3 + 3)
    #expect(records[1].hasPrefix("(all),yj4,bargain.floor,议价,2,20"))
    #expect(records.contains { $0.hasPrefix("bob,sf1,") })

    // Nothing was accepted after this moment.
    let future = try Self.usage(["--since", "2999-01-01", "--format", "json"], home: home)
    #expect(try Self.json(future)["accepted"] as? Int == 0)
  }

  @Test func noStoreYetIsAnEmptyReportAndExitZero() throws {
    let home = try SuggestCommandTests.home()
    let text = try Self.usage([], home: home)
    #expect(text.status == 0)
    #expect(text.stdout == "no acceptances recorded\n")
    #expect(text.stderr.contains("no usage database yet"))
    #expect(!FileManager.default.fileExists(atPath: home + "/usage.sqlite"))
    let json = try Self.usage(["--format", "json"], home: home)
    #expect(json.stdout == #"{"accepted":0,"replies":[],"agents":[]}"# + "\n")
  }

  @Test func badSinceIsAUsageError() throws {
    let result = try Self.usage(["--since", "last week"], home: try SuggestCommandTests.home())
    #expect(result.status == 64)
    #expect(result.stderr.contains("--since 'last week'"))
  }

  @Test func helpHasExamples() throws {
    let result = try CLI.run(["usage", "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("huashu usage --since 2026-03-01"))
    #expect(result.stdout.contains("--format <format>"))
  }
}
