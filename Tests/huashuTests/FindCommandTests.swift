import Foundation
import TestScratch
import Testing

/// `huashu find` on the shipped rules and phrasebooks, run as an agent would.
struct FindCommandTests {
  static func find(
    _ arguments: [String], home: String? = nil, columns: String = "80"
  ) throws -> CLI.Result {
    try CLI.run(
      ["find"] + arguments, currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": try home ?? SuggestCommandTests.home(), "COLUMNS": columns])
  }

  static func records(_ result: CLI.Result) throws -> [[String: Any]] {
    try SuggestCommandTests.records(result)
  }

  @Test func exactCodeComesBeforeCodesItStarts() throws {
    let result = try Self.find(["yf1", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let records = try Self.records(result)
    #expect(records.first?["code"] as? String == "yf1")
    #expect(records.first?["matched"] as? String == "code")
    #expect(records.dropFirst().allSatisfy { $0["matched"] as? String == "code_prefix" })
    #expect(records.dropFirst().allSatisfy { ($0["code"] as? String)?.hasPrefix("yf1") == true })
  }

  @Test(arguments: [
    ("hdfk", "货到付款"), ("yj", "议价"), ("zlwt", "质量问题"), ("運費", "运费"), ("ＹＦ", "运费"),
  ])
  func findsGroupsByInitialsAndWords(_ query: String, group: String) throws {
    let result = try Self.find([query, "--format", "json", "--limit", "3"])
    #expect(result.status == 0, "\(result.stderr)")
    let records = try Self.records(result)
    #expect(records.count == 3)
    #expect(records.allSatisfy { $0["group"] as? String == group }, "\(query)")
  }

  @Test func textLinesFitTheTerminal() throws {
    for columns in ["80", "50"] {
      let result = try Self.find(["hdfk", "--limit", "5"], columns: columns)
      #expect(result.status == 0, "\(result.stderr)")
      let lines = result.stdout.split(separator: "\n")
      #expect(lines.count == 5)
      for line in lines {
        #expect(Self.displayWidth(line) <= Int(columns) ?? 0, "\(line)")
        #expect(line.hasPrefix("hd"))
        #expect(line.contains("cod."))
        #expect(line.contains("货到付款"))
      }
    }
  }

  @Test func acceptedRepliesComeFirstAmongEqualMatches() throws {
    let home = try SuggestCommandTests.home()
    let before = try Self.records(try Self.find(["hdfk", "--format", "json"], home: home))
    let last = try #require(before.last?["id"] as? String)
    let accepted = try CLI.run(
      ["accept", last], currentDirectory: CLI.packageRoot, environment: ["HUASHU_HOME": home])
    #expect(accepted.status == 0, "\(accepted.stderr)")
    let after = try Self.records(try Self.find(["hdfk", "--format", "json"], home: home))
    #expect(after.first?["id"] as? String == last)
    #expect(after.first?["accepted"] as? Int == 1)
  }

  @Test func noMatchExitsOneAndSaysSo() throws {
    let result = try Self.find(["qwertyuiop"])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("no reply matches"))
  }

  @Test(arguments: [["--limit", "0", "yf"], ["  "], []])
  func badUsageExits64(_ arguments: [String]) throws {
    let result = try Self.find(arguments)
    #expect(result.status == 64, "\(result.stderr)")
  }

  @Test func helpHasExamples() throws {
    let result = try Self.find(["--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("huashu find hdfk"))
    #expect(result.stdout.contains("JSON Lines"))
  }

  /// Terminal columns: CJK characters take two.
  static func displayWidth(_ text: Substring) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
      width
        + ((0x2E80...0x9FFF).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
          ? 2 : 1)
    }
  }
}
