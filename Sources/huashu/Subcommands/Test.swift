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

        Several --corpus files are measured one after another and summed up side by side (a \
        tuning file beside a check file shows how far the rules are fitted to what was read). A \
        gate option given once applies to every corpus; given once per --corpus, in the same \
        order, each corpus gets its own minimum.

        Examples:
          huashu test
          huashu test --corpus labelled.jsonl --min-macro-f1 0.8 --min-accuracy 0.8
          huashu test --corpus dev.jsonl --corpus check.jsonl --min-accuracy 0.85 \\
            --min-accuracy 0.80 --min-upset-recall 0 --min-upset-recall 0.55
          huashu test --corpus labelled.jsonl --format json --junit build/huashu-junit.xml

        Exit status: 0 when everything passes; 1 when an example fails or a corpus is below one \
        of its minimums; 2 when rule files or a corpus are invalid.
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var parallel: JobOptions

    @Option(
      help: ArgumentHelp(
        "A labelled corpus, JSON Lines; repeat it to measure several side by side.",
        valueName: "file"))
    var corpus: [String] = []

    @Option(
      name: .customLong("min-macro-f1"),
      help: ArgumentHelp(
        "Fail (exit 1) when macro-F1 is below this: once for every corpus, or once per --corpus "
          + "in the same order.", valueName: "x"))
    var minimumMacroF1: [Double] = []

    @Option(
      name: .customLong("min-accuracy"),
      help: ArgumentHelp(
        "Fail (exit 1) when accuracy is below this (once, or once per --corpus).",
        valueName: "x"))
    var minimumAccuracy: [Double] = []

    @Option(
      name: .customLong("min-upset-recall"),
      help: ArgumentHelp(
        "Fail (exit 1) when the recall of upset is below this (once, or once per --corpus).",
        valueName: "x"))
    var minimumUpsetRecall: [Double] = []

    @Option(
      name: .customLong("min-upset-precision"),
      help: ArgumentHelp(
        "Fail (exit 1) when the precision of upset is below this (once, or once per --corpus).",
        valueName: "x"))
    var minimumUpsetPrecision: [Double] = []

    @Option(help: ArgumentHelp("Also write a JUnit XML report here.", valueName: "file"))
    var junit: String?

    @Option(
      help: ArgumentHelp(
        "How many misclassified messages to list (default 10; once, or once per --corpus: 0 "
          + "for a check file nobody should read message by message).", valueName: "n"))
    var worst: [Int] = []

    private var gateOptions: [(name: String, values: [Double])] {
      [
        ("--min-macro-f1", minimumMacroF1), ("--min-accuracy", minimumAccuracy),
        ("--min-upset-recall", minimumUpsetRecall),
        ("--min-upset-precision", minimumUpsetPrecision),
      ]
    }

    func validate() throws {
      try checkPerCorpus("--worst", count: worst.count)
      if worst.contains(where: { $0 < 0 }) { throw ValidationError("--worst must be 0 or more") }
      for (name, values) in gateOptions where !values.isEmpty {
        if corpus.isEmpty { throw ValidationError("\(name) needs --corpus") }
        try checkPerCorpus(name, count: values.count)
        for value in values where !(0...1).contains(value) {
          throw ValidationError("\(name) must be between 0 and 1")
        }
      }
    }

    /// A per-corpus option is given once (for every corpus) or once per --corpus.
    private func checkPerCorpus(_ name: String, count: Int) throws {
      guard count > 1 && count != corpus.count else { return }
      throw ValidationError(
        "\(name) is given \(count) times for \(corpus.count) corpora: give it once for all of "
          + "them, or once per --corpus in the same order")
    }

    /// Writes the JUnit report, atomically.
    private static func write(_ xml: String, to path: String) throws {
      do {
        try AtomicFile.write(Data(xml.utf8), to: path)
      } catch {
        throw CommandFailure.badInput("\(path): cannot write the JUnit report: \(error)")
      }
    }

    /// The value of a per-corpus option for the corpus at `index`, if given.
    private static func value<Value>(_ values: [Value], at index: Int) -> Value? {
      values.isEmpty ? nil : values[values.count == 1 ? 0 : index]
    }

    /// The minimums of the corpus at `index`.
    private func minimums(at index: Int) -> TestReport.Minimums {
      TestReport.Minimums(
        macroF1: Self.value(minimumMacroF1, at: index),
        accuracy: Self.value(minimumAccuracy, at: index),
        upsetRecall: Self.value(minimumUpsetRecall, at: index),
        upsetPrecision: Self.value(minimumUpsetPrecision, at: index))
    }

    func run() throws {
      var failed = false
      try CommandRunner.run {
        let ruleSet = try sources.loadRuleSet()
        let matcher = Matcher(ruleSet: ruleSet)
        var scratch = MatchScratch()
        let examples = ExampleCheck(matcher: matcher).run(using: &scratch)
        var corpora: [TestReport.Corpus] = []
        for (index, path) in corpus.enumerated() {
          let messages = try CorpusReader.read(path)
          let progress = Progress(total: messages.count)
          let evaluation = CorpusEvaluation(matcher: matcher).run(
            messages, worstLimit: Self.value(worst, at: index) ?? 10,
            jobs: parallel.jobs, progress: progress.update)
          progress.finish()
          corpora.append(
            TestReport.Corpus(
              file: path, report: evaluation,
              gate: TestReport.Gate.evaluate(evaluation, minimums: minimums(at: index))))
        }
        let report = TestReport(examples: examples, corpora: corpora)
        switch output.format {
        case .json: try LineWriter.standardOutput.write(line: try JSONLineEncoder().line(report))
        case .text:
          try LineWriter.standardOutput.write(
            line: TestReportText(style: Terminal.style(for: 1)).text(report))
        }
        if let junit { try Self.write(report.junitXML, to: junit) }
        failed = !report.passed
      }
      if failed { throw ExitCode.failure }
    }
  }
}

/// Reads a labelled corpus, printing every bad line (the first 20) before failing.
enum CorpusReader {
  static func read(_ path: String) throws -> [(line: Int, message: LabeledMessage)] {
    do {
      return try CorpusFile.read(path)
    } catch {
      if error.lines.isEmpty { throw CommandFailure.badInput(error.summary) }
      try CommandFailure.throwIfBadLines(error.lines, in: path)
      throw CommandFailure.badInput(error.summary)
    }
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
    // A failed write is recorded; the command reports it when it ends.
    try? LineWriter.standardError.write(text: "\rclassifying \(done)/\(total)…")
  }

  func finish() {
    if drew { try? LineWriter.standardError.write(text: "\r\u{1B}[K") }
  }
}
