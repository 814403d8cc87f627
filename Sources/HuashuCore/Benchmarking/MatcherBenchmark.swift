/// Times classification of one rule set: the prefiltered engine, the naive engine beside it
/// (every pattern on every message), and the prefiltered engine on several threads; each
/// figure the best of ``rounds`` runs, since a shared machine's noise only ever slows a run.
public struct MatcherBenchmark: Sendable {
  /// How many times each figure is measured.
  public var rounds: Int
  /// Threads for the parallel measurement.
  public var jobs: Int
  /// How many of the messages the naive engine classifies (it is slow on large rule sets).
  public var naiveMessages: Int

  /// Creates a benchmark.
  public init(rounds: Int, jobs: Int, naiveMessages: Int) {
    self.rounds = rounds
    self.jobs = jobs
    self.naiveMessages = naiveMessages
  }

  /// Every figure of one rule set.
  ///
  /// - Parameters:
  ///   - label: Names the rule set in `progress`.
  ///   - load: Loads the rule set; timed, with the building of its matcher, as compile time.
  ///   - progress: Told what is being measured, before each part.
  public func measure(
    label: String, texts: PackedMessages, load: () throws -> RuleSet,
    progress: (String) -> Void = { _ in }
  ) rethrows -> BenchmarkReport.Row {
    var compile = Double.infinity
    var fast: BenchmarkReport.EngineFigures?
    var naive: BenchmarkReport.EngineFigures?
    var parallelRate = 0.0
    var serialRate = 0.0
    var peakMemory = 0.0
    var ruleCount = 0
    var patterns: [Int] = []
    let naiveTexts = texts.prefix(naiveMessages)
    for round in 1...max(1, rounds) {
      let start = ContinuousClock.now
      let ruleSet = try load()
      let matcher = Matcher(ruleSet: ruleSet)
      compile = min(compile, (ContinuousClock.now - start).seconds)
      ruleCount = ruleSet.allRules.count
      let prefilter = matcher.prefilter
      patterns = [
        prefilter?.exactPatterns ?? 0, prefilter?.gatedPatterns ?? 0,
        prefilter?.ungatedPatterns ?? 0,
      ]
      let step = "\(label), round \(round) of \(rounds)"
      progress("\(step): prefiltered…")
      let measured = Self.measure(matcher, texts)
      fast = Self.best(fast, measured.figures)
      serialRate = max(serialRate, measured.withUnpacking)
      progress("\(step): naive…")
      naive = Self.best(
        naive, Self.measure(Matcher(ruleSet: ruleSet, engine: .naive), naiveTexts).figures)
      // Read before the parallel run, whose batches hold many results at once.
      peakMemory = max(peakMemory, ProcessMemory.peakMegabytes())
      progress("\(step): \(jobs) jobs…")
      parallelRate = max(parallelRate, Self.measureParallel(matcher, texts, jobs: jobs))
    }
    guard let prefiltered = fast, let reference = naive else {
      preconditionFailure("at least one round runs")
    }
    return BenchmarkReport.Row(
      rules: ruleCount, compileSeconds: compile, prefiltered: prefiltered, naive: reference,
      speedup: prefiltered.messagesPerSecond / reference.messagesPerSecond, patterns: patterns,
      peakMemoryMB: peakMemory, jobs: jobs, jobsSpeedup: parallelRate / serialRate)
  }

  static func best(
    _ old: BenchmarkReport.EngineFigures?, _ new: BenchmarkReport.EngineFigures
  ) -> BenchmarkReport.EngineFigures {
    guard let old, old.messagesPerSecond >= new.messagesPerSecond else { return new }
    return old
  }

  /// Classification alone (`figures`), and messages per second counting the unpacking of
  /// each message too (`withUnpacking`), the one-thread baseline of the `--jobs` speed-up,
  /// whose workers unpack their own messages.
  static func measure(
    _ matcher: Matcher, _ texts: some RandomAccessCollection<String>
  ) -> (figures: BenchmarkReport.EngineFigures, withUnpacking: Double) {
    var scratch = MatchScratch()
    var latencies: [Double] = []
    latencies.reserveCapacity(texts.count)
    var bytes = 0
    var fired = 0
    var total = 0.0
    let clock = ContinuousClock()
    let wallStart = clock.now
    // The messages are unpacked a chunk at a time, outside the timed part: making them
    // into strings is the benchmark's work, not classification's.
    var chunk: [String] = []
    var position = texts.startIndex
    while position != texts.endIndex {
      let end = texts.index(position, offsetBy: 1024, limitedBy: texts.endIndex) ?? texts.endIndex
      chunk.removeAll(keepingCapacity: true)
      chunk.append(contentsOf: texts[position..<end])
      position = end
      let start = clock.now
      for text in chunk {
        let before = clock.now
        let classification = matcher.classify(text, using: &scratch)
        fired += classification.firedRuleCount + classification.emotion.cueCount
        latencies.append((clock.now - before).seconds * 1_000_000)
        bytes += text.utf8.count
      }
      total += (clock.now - start).seconds
    }
    let wallTotal = (clock.now - wallStart).seconds
    latencies.sort()
    func percentile(_ p: Double) -> Double {
      latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
    }
    let figures = BenchmarkReport.EngineFigures(
      messages: texts.count, messagesPerSecond: Double(texts.count) / total,
      megabytesPerSecond: Double(bytes) / total / 1_000_000, p50Microseconds: percentile(0.5),
      p99Microseconds: percentile(0.99), firedPerMessage: Double(fired) / Double(texts.count))
    return (figures, Double(texts.count) / wallTotal)
  }

  /// Messages per second on `jobs` threads, in batches as `--jobs` reads them.
  ///
  /// Like `classify --jobs`, each worker reduces its classification to what is written out
  /// (here the number of fired rules), so results are freed on the thread that made them.
  static func measureParallel(_ matcher: Matcher, _ texts: PackedMessages, jobs: Int) -> Double {
    let classifier = ParallelClassifier(matcher: matcher, jobs: jobs)
    let clock = ContinuousClock()
    let start = clock.now
    let size = SuggestSession.batchSize
    for batchStart in stride(from: 0, to: texts.count, by: size) {
      // Each worker unpacks its own messages, as the one-thread baseline does.
      let batch = Array(batchStart..<min(batchStart + size, texts.count))
      _ = classifier.map(batch) { index, scratch in
        matcher.classify(texts[index], using: &scratch).firedRuleCount
      }
    }
    return Double(texts.count) / (clock.now - start).seconds
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
