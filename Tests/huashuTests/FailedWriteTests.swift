import Foundation
import TestScratch
import Testing

/// Every command that writes output, run with standard output on `/dev/full`.
///
/// Each write fails with ENOSPC. The command must say so on standard error and exit with 74 (EX_IOERR), not crash
/// (a `try!` in Foundation's `FileHandle.write` did) and not exit 0 as if all was written.
struct FailedWriteTests {
  static let rules = CLI.fixture("rules")
  static let phrasebooks = CLI.fixture("phrasebooks")
  static let corpus = CLI.fixture("mining/corpus.jsonl")
  static let chat = CLI.fixture("chats/bargain-four-rounds.jsonl")
  static let failure = "huashu: error: cannot write to standard output: No space left on device"

  /// A fresh huashu home, so no test sees another's usage counts or backups.
  static func home() throws -> String {
    let url = Scratch.url("home")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  static func runToFullDevice(_ arguments: [String], input: String = "") throws -> CLI.Result {
    try CLI.run(
      arguments, input: Data(input.utf8), environment: ["HUASHU_HOME": try home()],
      standardOutput: "/dev/full")
  }

  static func expectWriteFailure(
    _ result: CLI.Result, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(result.status == 74, "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(
      result.stderr.hasSuffix(failure + "\n"), "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(!result.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
  }

  @Test(arguments: [
    ["classify", "--rules", rules, "老板能便宜点吗"],
    ["classify", "--rules", rules, "--format", "json", "老板能便宜点吗"],
    ["classify", "--rules", rules, "--jobs", "2", "老板能便宜点吗", "包邮吗"],
    ["explain", "--rules", rules, "--phrasebooks", phrasebooks, "老板能便宜点吗"],
    ["explain", "--rules", rules, "--phrasebooks", phrasebooks, "--chat", chat],
    ["test", "--rules", rules],
    ["test", "--rules", rules, "--corpus", corpus, "--format", "json"],
    ["mine", "--rules", rules, "--corpus", corpus],
    ["accept", "--rules", rules, "--phrasebooks", phrasebooks, "bargain.firm"],
    ["phrasebook", "restore", "--list"],
  ])
  func commandFailsWithExitCode74(_ arguments: [String]) throws {
    Self.expectWriteFailure(try Self.runToFullDevice(arguments))
  }

  @Test(arguments: ["text", "json"])
  func classifyFromStandardInputStopsAtTheFirstFailedWrite(format: String) throws {
    let result = try Self.runToFullDevice(
      ["classify", "--rules", Self.rules, "--format", format],
      input: String(repeating: "老板能便宜点吗\n", count: 200))
    Self.expectWriteFailure(result)
    #expect(result.stderr.components(separatedBy: Self.failure).count == 2)
  }

  @Test(arguments: [["--format", "json"], ["--format", "json", "--jobs", "3"], []])
  func suggestFailsWithExitCode74(_ options: [String]) throws {
    let result = try Self.runToFullDevice(
      ["suggest", "--rules", Self.rules, "--phrasebooks", Self.phrasebooks] + options,
      input: String(repeating: "老板能便宜点吗\n", count: 1000))
    Self.expectWriteFailure(result)
  }

  /// Text output writes a bad line's error to standard error after the answers before it have
  /// been written out: the first such write fails, and no later line is answered.
  @Test func suggestStopsAtTheFirstFailedWriteAndKeepsTheOldState() throws {
    let state = Scratch.url("state", extension: "json").path
    let result = try Self.runToFullDevice(
      ["suggest", "--rules", Self.rules, "--phrasebooks", Self.phrasebooks, "--state", state],
      input: "老板能便宜点吗\n" + String(repeating: "\n", count: 100))
    Self.expectWriteFailure(result)
    #expect(result.stderr.contains("<stdin>:2: error: empty line"), "\(result.stderr)")
    #expect(!result.stderr.contains("<stdin>:3:"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: state))
  }

  /// `phrasebook export` to standard output (it wrote through `FileHandle`, whose `try!`
  /// crashed).
  @Test func phrasebookExportFailsWithExitCode74() throws {
    let result = try CLI.run(
      ["phrasebook", "export", "--phrasebooks", Self.phrasebooks],
      environment: ["HUASHU_HOME": try Self.home()], standardOutput: "/dev/full")
    Self.expectWriteFailure(result)
  }
}
