internal import Foundation

/// Times `suggest --format json` end to end in process: JSON lines in (chats of many turns),
/// answered and rendered as JSON out, with one job and with several; each figure the best of
/// ``rounds`` runs.
public struct SuggestBenchmark {
  /// The content answered with.
  public var ruleSet: RuleSet
  public var scripts: ConversationScripts
  public var phrasebook: Phrasebook
  public var profile: ShopProfile
  /// How many input lines: the messages in turn, over 50 chats.
  public var lines: Int
  /// Threads for the parallel measurement.
  public var jobs: Int
  /// How many times each figure is measured.
  public var rounds: Int

  /// Creates a benchmark.
  public init(
    ruleSet: RuleSet, scripts: ConversationScripts, phrasebook: Phrasebook, profile: ShopProfile,
    lines: Int, jobs: Int, rounds: Int
  ) {
    self.ruleSet = ruleSet
    self.scripts = scripts
    self.phrasebook = phrasebook
    self.profile = profile
    self.lines = lines
    self.jobs = jobs
    self.rounds = rounds
  }

  /// Measures, passing every rendered line to `write` (what a command writes them to: the
  /// cost of writing is part of the figure).
  ///
  /// - Parameter progress: Told which round is being measured.
  public func measure(
    texts: PackedMessages, write: ([UInt8]) -> Void, progress: (String) -> Void = { _ in }
  ) -> BenchmarkReport.SuggestFigures {
    let input = inputLines(texts)
    let ruleSet = self.ruleSet
    func rate(jobs: Int) -> (linesPerSecond: Double, megabytesPerSecond: Double) {
      var session = SuggestSession(
        matcher: Matcher(ruleSet: ruleSet),
        coach: ConversationCoach(
          suggester: Suggester(phrasebook: phrasebook), scripts: scripts, limit: 3),
        profile: profile, usageDatabasePath: "/nonexistent/huashu-bench.sqlite")
      var written = 0
      let start = ContinuousClock.now
      _ = session.answerAll(
        input, jobs: jobs,
        render: { SuggestionRecord.jsonLine(line: $1, answer: $0, ruleSet: ruleSet) }
      ) { line in
        written += line.count + 1
        write(line)
      }
      let elapsed = (ContinuousClock.now - start).seconds
      return (Double(input.count) / elapsed, Double(written) / elapsed / 1_000_000)
    }
    var single = (linesPerSecond: 0.0, megabytesPerSecond: 0.0)
    var parallel = 0.0
    for round in 1...max(1, rounds) {
      progress("suggest end to end, round \(round) of \(rounds)…")
      let measured = rate(jobs: 1)
      if measured.linesPerSecond > single.linesPerSecond { single = measured }
      parallel = max(parallel, rate(jobs: jobs).linesPerSecond)
    }
    return BenchmarkReport.SuggestFigures(
      lines: input.count, linesPerSecond: single.linesPerSecond,
      outputMegabytesPerSecond: single.megabytesPerSecond, jobs: jobs,
      jobsLinesPerSecond: parallel)
  }

  /// The input: `{"chat":"cN","text":…}` lines, the messages in turn over 50 chats.
  private func inputLines(_ texts: PackedMessages) -> [LineReader.Line] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (0..<lines).map { index in
      let request = Request(chat: "c\(index % 50)", text: texts[index % texts.count])
      // Two strings always encode.
      let bytes = (try? encoder.encode(request)).map(Array.init) ?? []
      return LineReader.Line(number: index + 1, bytes: bytes)
    }
  }

  /// One input line.
  private struct Request: Encodable {
    var chat: String
    var text: String
  }
}
