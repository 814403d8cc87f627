import Foundation
import Testing

struct ClassifyCommandTests {
  static let rules = CLI.fixture("rules")

  @Test(arguments: [
    ("老板能便宜点吗", "bargain"),
    ("貨到付款可以嗎", "cod"),
    ("在吗", "greeting"),
  ])
  func shippedRulesClassifyTheIssueExamples(_ message: String, intent: String) throws {
    // No --rules, run from the package root: the shipped ./rules are used.
    let result = try CLI.run(
      ["classify"], input: Data((message + "\n").utf8), currentDirectory: CLI.packageRoot)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix(intent + "\t"), "\(result.stdout)")
  }

  @Test func shippedRulesFindAnAngryMissingItem() throws {
    let result = try CLI.run(
      ["classify", "--format", "json"],
      input: Data("你们少发了一件！！！我要投诉\n".utf8), currentDirectory: CLI.packageRoot)
    #expect(result.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["intent"] as? String == "missing_item")
    #expect(object["emotion"] as? String == "angry")
    // Chinese is written as UTF-8, not \u escapes.
    #expect(result.stdout.contains("你们少发了一件"))
    #expect(!result.stdout.contains("\\u"))
  }

  @Test func jsonOutputMatchesGolden() throws {
    let result = try CLI.run(
      ["classify", "--rules", Self.rules, "--format", "json"],
      stdin: "老板能便宜点吗\n你们少發了一件！！！我要投诉\n这个质量怎么样\n")
    #expect(result.status == 0)
    let relative = result.stdout.replacingOccurrences(of: Self.rules + "/", with: "rules/")
    try CLI.assertGolden(relative, "classify-json.jsonl")
  }

  @Test func textOutputIsOneTabSeparatedLinePerMessage() throws {
    let result = try CLI.run(
      ["classify", "--rules", Self.rules], stdin: "老板能便宜点吗\n\n这个质量怎么样\n")
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        bargain\tcalm\t0.99\t老板能便宜点吗
        other\tcalm\t0.00\t
        other\tcalm\t0.00\t这个质量怎么样

        """)
  }

  @Test func argumentsAreClassifiedWithoutReadingStandardInput() throws {
    let result = try CLI.run(["classify", "--rules", Self.rules, "少发了", "能便宜吗"], stdin: "")
    #expect(
      result.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] }
        == ["missing_item", "bargain"])
  }

  @Test func badInputBytesNeverCrashAndEveryLineIsAnswered() throws {
    var input = Data("少发了\n".utf8)
    input.append(contentsOf: [0xFF, 0xFE, 0x80, 0x0A])  // invalid UTF-8 line
    input.append(Data(String(repeating: "便宜", count: 300_000).utf8))  // a 1.8 MB line
    input.append(0x0A)
    input.append(Data("\r\n在吗".utf8))  // CRLF empty line, then a last line without newline
    let result = try CLI.run(["classify", "--rules", Self.rules], input: input)
    // The over-long line gets suggest's error answer (on standard error in text output), the
    // others are classified, and the exit code is 2 at the end.
    #expect(result.status == 2)
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 5)  // 4 answers + the final newline
    #expect(
      result.stderr.contains("<stdin>:3: error: line is 1800000 bytes, over the 65536-byte limit"))
  }

  @Test func answersEachLineBeforeTheNextArrives() throws {
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["classify", "--rules", Self.rules]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    defer {
      try? stdin.fileHandleForWriting.close()
      process.waitUntilExit()
    }
    stdin.fileHandleForWriting.write(Data("少发了\n".utf8))
    // The answer must come while standard input is still open.
    let box = DataBox()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      box.data = stdout.fileHandleForReading.availableData
      done.signal()
    }
    #expect(done.wait(timeout: .now() + 30) == .success, "no answer before end of input")
    #expect(String(decoding: box.data, as: UTF8.self).hasPrefix("missing_item\t"))
  }

  @Test func badRegexExitsTwoNamingFileLineColumnAndOffset() throws {
    let directory = CLI.fixture("bad-regex")
    let result = try CLI.run(["classify", "--rules", directory, "能便宜吗"], stdin: "")
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("\(directory)/bargain.yaml:6:19: error: [invalid-pattern]"))
    #expect(result.stderr.contains("missing closing parenthesis"))
    #expect(result.stderr.contains("pattern offset 11 (character 5)"))
    #expect(!result.stderr.contains("Fatal error"))
  }

  @Test func missingRulesDirectoryExitsTwo() throws {
    let result = try CLI.run(["classify", "--rules", "/nonexistent/rules", "x"], stdin: "")
    #expect(result.status == 2)
    #expect(result.stderr.contains("/nonexistent/rules"))
  }

  @Test(arguments: ["classify", "explain"])
  func helpMatchesGolden(_ subcommand: String) throws {
    let result = try CLI.run([subcommand, "--help"], stdin: "")
    #expect(result.status == 0)
    try CLI.assertGolden(result.stdout, "\(subcommand)-help.txt")
  }
}
