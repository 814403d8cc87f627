import Foundation
import HuashuCore
import TestScratch
import Testing

/// What `suggest`, `classify` and `test` answer with the shipped rules and phrasebooks, compared
/// byte for byte with what they answered when the goldens were recorded: a change of code that
/// is meant to change nothing (moving the turn engine, a new JSON writer) must pass unchanged.
///
/// The demo chats are kept whole. The dev corpora's answers are megabytes, so they are kept as
/// SHA-256 digests; on a difference the test writes the new output to a scratch file and names
/// it, to be compared with the output of the build before (`git stash`, rebuild, rerun).
/// A change to the shipped rules or replies changes the answers: `HUASHU_RECORD=1` re-records.
@Suite struct PipelineGoldenTests {
  static let now = "2026-11-23T10:00:00+08:00"

  static func run(_ arguments: [String], input: String) throws -> CLI.Result {
    let home = Scratch.url("golden-home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    return try CLI.run(
      arguments, input: Data(input.utf8), currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": home.path])
  }

  static func demo(_ name: String) throws -> String {
    try String(
      contentsOf: CLI.packageRoot.appendingPathComponent("demo").appendingPathComponent(name),
      encoding: .utf8)
  }

  @Test(arguments: [
    ("chat.jsonl", "text"), ("chat.jsonl", "json"), ("messages.txt", "text"),
    ("messages.txt", "json"),
  ])
  func demoSuggestionsMatchGolden(file: String, format: String) throws {
    let result = try Self.run(
      ["suggest", "--now", Self.now, "--format", format], input: try Self.demo(file))
    #expect(result.status == 0, "\(result.stderr)")
    let stem = file.split(separator: ".")[0]
    try CLI.assertGolden(result.stdout, "pipeline-demo-\(stem)-\(format).txt")
  }

  @Test func demoClassificationMatchesGolden() throws {
    let result = try Self.run(
      ["classify", "--format", "json"], input: try Self.demo("messages.txt"))
    #expect(result.status == 0, "\(result.stderr)")
    try CLI.assertGolden(result.stdout, "pipeline-demo-classify.jsonl")
  }

  // MARK: The dev corpora, as digests

  static let corpusDirectory = CLI.packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/corpus")
  static let corpusFiles = ["buyer-dev.jsonl", "buyer-dev-jd.jsonl"]
  static let corporaPresent = corpusFiles.allSatisfy {
    FileManager.default.fileExists(
      atPath: corpusDirectory.appendingPathComponent($0).path)
  }

  /// The dev corpora's messages as suggest input: chats of five turns each, in file order.
  static func chatLines() throws -> String {
    var lines: [String] = []
    for file in corpusFiles {
      let data = try Data(contentsOf: corpusDirectory.appendingPathComponent(file))
      for line in data.split(separator: UInt8(ascii: "\n")) {
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        let text = try #require(object["text"] as? String)
        let chat = "c\(lines.count / 5)"
        let record = try JSONSerialization.data(
          withJSONObject: ["chat": chat, "text": text], options: [.sortedKeys])
        lines.append(String(decoding: record, as: UTF8.self))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func plainLines() throws -> String {
    var texts: [String] = []
    for file in corpusFiles {
      let data = try Data(contentsOf: corpusDirectory.appendingPathComponent(file))
      for line in data.split(separator: UInt8(ascii: "\n")) {
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        texts.append(
          try #require(object["text"] as? String).replacingOccurrences(of: "\n", with: " "))
      }
    }
    return texts.joined(separator: "\n") + "\n"
  }

  enum Run: String, CaseIterable, Sendable {
    case suggestJSON = "suggest-json"
    case suggestText = "suggest-text"
    case suggestTwoJobs = "suggest-json-jobs2"
    case classifyJSON = "classify-json"
    case testReport = "test"
  }

  @Test(
    .enabled(if: corporaPresent, "../shared/corpus is not beside the checkout"),
    arguments: Run.allCases)
  func devCorpusAnswersMatchDigest(run: Run) throws {
    let result: CLI.Result
    switch run {
    case .suggestJSON:
      result = try Self.run(
        ["suggest", "--now", Self.now, "--format", "json"], input: try Self.chatLines())
    case .suggestText:
      result = try Self.run(["suggest", "--now", Self.now], input: try Self.chatLines())
    case .suggestTwoJobs:
      // The same digest as one job: --jobs changes how fast, never what.
      result = try Self.run(
        ["suggest", "--now", Self.now, "--format", "json", "--jobs", "2"],
        input: try Self.chatLines())
    case .classifyJSON:
      result = try Self.run(["classify", "--format", "json"], input: try Self.plainLines())
    case .testReport:
      // Relative to the checkout, as the report prints them: the same in every clone.
      let corpora = Self.corpusFiles.flatMap { ["--corpus", "../shared/corpus/\($0)"] }
      result = try Self.run(["test", "--worst", "20"] + corpora, input: "")
    }
    #expect(result.status == 0, "\(result.stderr)")
    let name = run == .suggestTwoJobs ? Run.suggestJSON.rawValue : run.rawValue
    try Self.assertDigest(result.stdout, name)
  }

  /// Compares the SHA-256 of `output` with the one recorded for `name` in
  /// `Golden/pipeline-digests.txt`.
  static func assertDigest(
    _ output: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let url = CLI.testsDirectory.appendingPathComponent("Golden/pipeline-digests.txt")
    let digest = SHA256.hex(of: Array(output.utf8))
    var recorded: [String: String] = [:]
    if let text = try? String(contentsOf: url, encoding: .utf8) {
      for line in text.split(separator: "\n") {
        let parts = line.split(separator: " ")
        if parts.count == 2 { recorded[String(parts[0])] = String(parts[1]) }
      }
    }
    if ProcessInfo.processInfo.environment["HUASHU_RECORD"] == "1" {
      guard recorded[name] != digest else { return }
      recorded[name] = digest
      let text = recorded.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)\n" }.joined()
      try text.write(to: url, atomically: true, encoding: .utf8)
      Issue.record("re-recorded the digest of \(name)", sourceLocation: sourceLocation)
      return
    }
    if recorded[name] != digest {
      let saved = Scratch.url("pipeline-\(name)", extension: "txt")
      try output.write(to: saved, atomically: true, encoding: .utf8)
      let message =
        "\(name): the output differs from the recorded one (saved in \(saved.path); "
        + "HUASHU_RECORD=1 re-records)"
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
  }
}
