import ArgumentParser
import Foundation
import HuashuCore

extension HuashuCommand {
  struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Check every rule's examples and, with --corpus, measure the rules on labelled messages.",
      discussion: """
        Every `examples.match` message must fire its rule and every `examples.no_match` message \
        must not; each failure is printed as file:line:column. With --corpus FILE.jsonl (lines \
        {"text":…,"intent":…,"emotion":…}) the report gives per intent support, precision, \
        recall, F1 and the intents it is confused with, macro- and micro-F1, precision and \
        recall of upset and angry, and the worst misclassified messages with the rule that \
        caused each.

        Examples:
          huashu test
          huashu test --corpus labelled.jsonl --min-macro-f1 0.8 --min-accuracy 0.8
          huashu test --corpus labelled.jsonl --format json --junit build/huashu-junit.xml

        Exit status: 0 when everything passes; 1 when an example fails, macro-F1 is below \
        --min-macro-f1 or accuracy below --min-accuracy; 2 when rule files or the corpus are invalid.
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var parallel: JobOptions

    @Option(help: ArgumentHelp("A labelled corpus, JSON Lines.", valueName: "file"))
    var corpus: String?

    @Option(
      name: .customLong("min-macro-f1"),
      help: ArgumentHelp("Fail (exit 1) when macro-F1 on the corpus is below this.", valueName: "x")
    )
    var minimumMacroF1: Double?

    @Option(
      name: .customLong("min-accuracy"),
      help: ArgumentHelp("Fail (exit 1) when accuracy on the corpus is below this.", valueName: "x")
    )
    var minimumAccuracy: Double?

    @Option(help: ArgumentHelp("Also write a JUnit XML report here.", valueName: "file"))
    var junit: String?

    @Option(help: "How many misclassified messages to list.")
    var worst = 10

    func validate() throws {
      for (name, minimum) in [
        ("--min-macro-f1", minimumMacroF1), ("--min-accuracy", minimumAccuracy),
      ] {
        guard let minimum else { continue }
        if corpus == nil { throw ValidationError("\(name) needs --corpus") }
        if !(0...1).contains(minimum) { throw ValidationError("\(name) must be between 0 and 1") }
      }
    }

    func run() throws {
      var failed = false
      try CommandRunner.run {
        let ruleSet = try sources.loadRuleSet()
        let matcher = Matcher(ruleSet: ruleSet)
        var scratch = MatchScratch()
        let examples = ExampleCheck(matcher: matcher).run(using: &scratch)
        var evaluation: EvaluationReport?
        if let corpus {
          let messages = try CorpusReader.read(corpus)
          let progress = Progress(total: messages.count)
          evaluation = CorpusEvaluation(matcher: matcher).run(
            messages, worstLimit: worst, jobs: parallel.jobs, progress: progress.update)
          progress.finish()
        }
        let gate = TestReport.Gate.evaluate(
          evaluation, minimumMacroF1: minimumMacroF1, minimumAccuracy: minimumAccuracy)
        let report = TestReport(examples: examples, corpus: evaluation, gate: gate)
        try TestReportPrinter(format: output.format).print(report)
        if let junit { try JUnitWriter.write(report, to: junit) }
        failed = !report.passed
      }
      if failed { throw ExitCode.failure }
    }
  }
}

/// Reads a labelled corpus; every bad line is reported with its number.
enum CorpusReader {
  static func read(_ path: String) throws -> [(line: Int, message: LabeledMessage)] {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CommandFailure.badInput(
        "\(path): cannot read the corpus: \(error.localizedDescription)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CommandFailure.badInput("\(path): the corpus is not UTF-8 text")
    }
    let decoder = JSONDecoder()
    var messages: [(Int, LabeledMessage)] = []
    var problems: [String] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.allSatisfy(\.isWhitespace) {
      do {
        messages.append((index + 1, try decoder.decode(LabeledMessage.self, from: Data(line.utf8))))
      } catch {
        problems.append(
          "\(path):\(index + 1):1: error: not a labelled message (need \"text\" and \"intent\")")
      }
    }
    guard problems.isEmpty else {
      for problem in problems.prefix(20) { LineWriter.standardError.write(problem) }
      throw CommandFailure.reported("\(problems.count) bad line(s) in \(path)")
    }
    guard !messages.isEmpty else { throw CommandFailure.badInput("\(path): the corpus is empty") }
    return messages
  }
}

/// A progress line on standard error for runs longer than a second, only on a terminal.
final class Progress {
  private let total: Int
  private let start = Date()
  private let isEnabled = Terminal.isTerminal(2)
  private var lastDraw = Date.distantPast
  private var drew = false

  init(total: Int) { self.total = total }

  func update(_ done: Int) {
    guard isEnabled, Date().timeIntervalSince(start) > 1,
      Date().timeIntervalSince(lastDraw) > 0.1
    else { return }
    lastDraw = Date()
    drew = true
    FileHandle.standardError.write(Data("\rclassifying \(done)/\(total)…".utf8))
  }

  func finish() {
    if drew { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}
