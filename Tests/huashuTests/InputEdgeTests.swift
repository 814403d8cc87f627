import Foundation
import TestScratch
import Testing

/// Input at the edges, each with a clear error at its place.
///
/// Over-long and damaged lines, JSON that Foundation reads badly, and rule or phrasebook paths
/// that are not plain UTF-8 files.
struct InputEdgeTests {
  static let rules = CLI.fixture("rules")
  static let phrasebooks = CLI.fixture("phrasebooks")

  /// A fresh huashu home, so no test sees another's usage counts.
  static func home() throws -> String { try SuggestCommandTests.home() }

  static func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  static func suggest(_ input: String) throws -> CLI.Result {
    try CLI.run(
      ["suggest", "--rules", rules, "--phrasebooks", phrasebooks, "--format", "json"],
      input: Data(input.utf8), environment: ["HUASHU_HOME": try home()])
  }

  /// A copy of a fixture directory in the scratch directory, to add files to.
  static func copy(ofFixture name: String) throws -> String {
    let directory = Scratch.url(name)
    try FileManager.default.copyItem(at: URL(fileURLWithPath: CLI.fixture(name)), to: directory)
    return directory.path
  }

  // MARK: classify's lines

  static let longLine = String(repeating: "能便宜吗", count: 10_000)  // 120,000 bytes

  @Test(arguments: [[], ["--jobs", "2"]])
  func classifyAnswersAnOverlongLineWithTheErrorSuggestGives(_ options: [String]) throws {
    let input = "老板能便宜点吗\n\(Self.longLine)\n包邮吗\n"
    let result = try CLI.run(
      ["classify", "--rules", Self.rules, "--format", "json"] + options, stdin: input)
    #expect(result.status == 2, "\(result.stderr)")
    let records = try Self.jsonLines(result.stdout)
    try #require(records.count == 3, "\(result.stdout)")
    #expect(records[0]["intent"] as? String == "bargain")
    #expect(records[1]["line"] as? Int == 2)
    #expect(records[1]["error"] as? String == "line is 120000 bytes, over the 65536-byte limit")
    #expect(records[2]["text"] as? String == "包邮吗")
    // The same answer as suggest's, for the same line.
    let suggested = try Self.jsonLines(try Self.suggest(input).stdout)
    #expect(suggested[1]["error"] as? String == records[1]["error"] as? String)
  }

  @Test func classifyTextReportsAnOverlongLineOnStandardError() throws {
    let result = try CLI.run(
      ["classify", "--rules", Self.rules], stdin: "老板能便宜点吗\n\(Self.longLine)\n包邮吗\n")
    #expect(result.status == 2)
    #expect(result.stdout.split(separator: "\n").count == 2)
    #expect(
      result.stderr.contains(
        "<stdin>:2: error: line is 120000 bytes, over the 65536-byte limit"), "\(result.stderr)")
  }

  /// CR LF ends a line as LF does (an empty CR LF line is an empty message, as an empty LF
  /// line is); a line of nothing but carriage returns is an error, not an empty message.
  @Test func classifyReadsCRLFAndRefusesLinesOfCarriageReturns() throws {
    let result = try CLI.run(
      ["classify", "--rules", Self.rules, "--format", "json"],
      stdin: "老板能便宜点吗\r\n\r\r\n\r\n少发了\r")
    #expect(result.status == 2, "\(result.stderr)")
    let records = try Self.jsonLines(result.stdout)
    try #require(records.count == 4, "\(result.stdout)")
    #expect(records[0]["text"] as? String == "老板能便宜点吗")
    #expect(records[1]["line"] as? Int == 2)
    #expect(
      records[1]["error"] as? String == "empty line: only carriage returns (\\r), no message")
    #expect(records[2]["text"] as? String == "")
    #expect(records[3]["text"] as? String == "少发了")
  }

  // MARK: suggest's JSON lines

  @Test(arguments: [
    (
      #"{"buyer":"\ud800","text":"老板能便宜点吗"}"#,
      #"invalid JSON: invalid \u escape (lone surrogate \ud800) in field "buyer""#
    ),
    (
      #"{"text":"老板\udc00能便宜点吗"}"#,
      #"invalid JSON: invalid \u escape (lone surrogate \udc00) in field "text""#
    ),
    (
      #"{"text":"老板能便宜点吗","order_id":"\ud83d\u0041"}"#,
      #"invalid JSON: invalid \u escape (lone surrogate \ud83d) in field "order_id""#
    ),
    (#"{"buyer":"\x","text":"老板能便宜点吗"}"#, #"invalid JSON: invalid escape \x in field "buyer""#),
  ])
  func suggestNamesTheFieldOfABadEscape(_ line: String, error: String) throws {
    let result = try Self.suggest(line + "\n" + #"{"buyer":"\ud83d\ude00","text":"包邮吗"}"# + "\n")
    #expect(result.status == 2)
    let records = try Self.jsonLines(result.stdout)
    try #require(records.count == 2)
    #expect(records[0]["error"] as? String == error)
    // A surrogate pair is a character.
    #expect(records[1]["error"] == nil)
  }

  @Test func suggestSaysJSONIsNestedTooDeep() throws {
    func line(depth: Int) -> String {
      #"{"text":"老板能便宜点吗","extra":"#
        + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
    }
    let result = try Self.suggest(line(depth: 511) + "\n" + line(depth: 512) + "\n")
    #expect(result.status == 2)
    let records = try Self.jsonLines(result.stdout)
    try #require(records.count == 2)
    #expect(records[0]["intent"] as? String == "bargain")
    #expect(records[1]["error"] as? String == "invalid JSON: JSON nested more than 512 levels deep")
  }

  // MARK: rule and phrasebook files

  /// `text` with its `1️⃣` replaced by the bytes `bad`, and the marker's line and column
  /// (columns count Unicode scalars).
  static func marked(_ text: String, bad: [UInt8]) throws -> (bytes: [UInt8], location: String) {
    let marker = try #require(text.range(of: "1️⃣"))
    let before = text[..<marker.lowerBound]
    let line = before.split(separator: "\n", omittingEmptySubsequences: false).count
    let column =
      (before.split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
      .unicodeScalars.count + 1
    let bytes =
      Array(before.utf8) + bad + Array(text[marker.upperBound...].utf8)
    return (bytes, "\(line):\(column)")
  }

  @Test func aRuleFileThatIsNotUTF8IsReportedAtItsFirstBadByte() throws {
    let rules = try Self.copy(ofFixture: "rules")
    // 你好 in GBK.
    let (bytes, location) = try Self.marked(
      "intent: greeting\nlabel: 问候\nrules:\n  - id: greeting.hello\n    any: [在吗, 1️⃣]\n",
      bad: [0xC4, 0xE3, 0xBA, 0xC3])
    let file = rules + "/greeting.yaml"
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    let result = try CLI.run(["classify", "--rules", rules, "在吗"], stdin: "")
    #expect(result.status == 2)
    #expect(location == "5:15")
    #expect(
      result.stderr.contains(
        "\(file):\(location): error: [unreadable-file] the file is not valid UTF-8 text: byte "
          + "0xC4 here is not part of a character"), "\(result.stderr)")
  }

  @Test func aPhrasebookFileThatIsNotUTF8IsReportedAtItsFirstBadByte() throws {
    let phrasebooks = try Self.copy(ofFixture: "phrasebooks")
    let (bytes, location) = try Self.marked(
      "group: 问候\nentries:\n  - id: greeting.hi\n    intent: bargain\n    text: 亲，1️⃣\n",
      bad: [0xC4, 0xFA, 0xBA, 0xC3])
    let file = phrasebooks + "/team/greeting.yaml"
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    let result = try CLI.run(
      ["lint", "--rules", Self.rules, "--phrasebooks", phrasebooks], stdin: "")
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "\(file):\(location): error: [unreadable-file] the file is not valid UTF-8 text"),
      "\(result.stderr)")
  }

  @Test func rulesPathThatIsASymbolicLinkLoopOrNotADirectorySaysSo() throws {
    let loop = Scratch.url("loop").path
    try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
    let fifo = Scratch.url("fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    for (path, reason) in [
      (loop, "too many levels of symbolic links"),
      (fifo, "not a directory (a FIFO)"),
      ("/dev/zero", "not a directory (a character device)"),
    ] {
      let result = try CLI.run(["classify", "--rules", path, "在吗"], stdin: "")
      #expect(result.status == 2)
      #expect(
        result.stderr == "huashu: error: \(path): cannot read the rules directory: \(reason)\n",
        "\(result.stderr)")
    }
  }

  @Test func ruleFileThatIsASymbolicLinkLoopFIFOOrDeviceSaysSo() throws {
    let rules = try Self.copy(ofFixture: "rules")
    let manager = FileManager.default
    try manager.createSymbolicLink(
      atPath: rules + "/loop.yaml", withDestinationPath: rules + "/loop.yaml")
    #expect(mkfifo(rules + "/fifo.yaml", 0o600) == 0)
    try manager.createSymbolicLink(atPath: rules + "/zero.yaml", withDestinationPath: "/dev/zero")
    let result = try CLI.run(["classify", "--rules", rules, "在吗"], stdin: "")
    #expect(result.status == 2)
    for (name, reason) in [
      ("loop", "too many levels of symbolic links"),
      ("fifo", "not a regular file (a FIFO)"),
      ("zero", "not a regular file (a character device)"),
    ] {
      #expect(
        result.stderr.contains(
          "\(rules)/\(name).yaml:1:1: error: [unreadable-file] cannot read the file: \(reason)"),
        "\(result.stderr)")
    }
  }

  @Test func ruleAndPhrasebookFilesOver8MBAreRefused() throws {
    let rules = try Self.copy(ofFixture: "rules")
    let phrasebooks = try Self.copy(ofFixture: "phrasebooks")
    // A comment line: valid YAML, so only the size is wrong.
    let big = Data(("# " + String(repeating: "话术", count: 1_500_000) + "\n").utf8)
    try big.write(to: URL(fileURLWithPath: rules + "/big.yaml"))
    try big.write(to: URL(fileURLWithPath: phrasebooks + "/team/big.yaml"))
    let result = try CLI.run(["lint", "--rules", rules, "--phrasebooks", phrasebooks], stdin: "")
    #expect(result.status == 1)
    for file in [rules + "/big.yaml", phrasebooks + "/team/big.yaml"] {
      #expect(
        result.stderr.contains(
          "\(file):1:1: error: [unreadable-file] the file is \(big.count) bytes; a rule or "
            + "phrasebook file may hold at most 8 MB (8388608 bytes)"), "\(result.stderr)")
    }
  }
}
