import ArgumentParser
import Foundation
import HuashuCore

extension HuashuCommand {
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure classification speed: the prefiltered engine beside the naive one.",
      discussion: """
        Generates a deterministic workload (rules of 1–4 e-commerce keywords and 0–2 regexes \
        with alternations, bounded gaps, classes with full-width digits, optional groups and \
        lookbehinds; messages of 10–60 characters with punctuation, digits, Latin and emoji) \
        for each rule count, and reports per count: rule compile time, messages/s and MB/s \
        and p50/p99 latency for the prefiltered engine and for the naive engine (every \
        pattern on every message) measured in the same run, their ratio, and peak memory. \
        The naive engine runs on the first --naive-messages messages only, since at thousands \
        of rules it is slow. Build with -c release before trusting the figures.

        Examples:
          swift build -c release && .build/release/huashu bench
          huashu bench --rule-counts 100,1000 --messages 50000 --format json

        Exit status: 0.
        """)

    @Option(help: "Rule counts to measure, comma-separated.")
    var ruleCounts = "10,100,1000,5000"

    @Option(help: "Messages per rule count for the prefiltered engine.")
    var messages = 200_000

    @Option(help: "Messages per rule count for the naive engine (a prefix of the same ones).")
    var naiveMessages = 5_000

    @Option(help: "Threads for the parallel measurement (compared with one thread).")
    var jobs = 2

    @Option(help: "Seed of the generated workload.")
    var seed: UInt64 = 42

    @OptionGroup var output: OutputOptions

    func validate() throws {
      guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else {
        throw ValidationError("--rule-counts takes positive numbers, such as 100,1000")
      }
      guard messages > 0, naiveMessages > 0 else {
        throw ValidationError("--messages and --naive-messages must be positive")
      }
    }

    private var counts: [Int] {
      ruleCounts.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    func run() throws {
      let texts = SyntheticWorkload.messages(count: messages, seed: seed)
      var rows: [BenchmarkReport.Row] = []
      for count in counts {
        let start = ContinuousClock.now
        let files = SyntheticWorkload.ruleFiles(count: count, seed: seed &+ UInt64(count))
        let ruleSet = try Self.load(files)
        let fast = Matcher(ruleSet: ruleSet)
        let compile = Self.seconds(ContinuousClock.now - start)
        let naive = Matcher(ruleSet: ruleSet, engine: .naive)
        let prefilter = fast.prefilter
        LineWriter.standardError.write("bench: \(count) rules: prefiltered…")
        let fastFigures = Self.measure(fast, texts)
        LineWriter.standardError.write("bench: \(count) rules: naive…")
        let naiveFigures = Self.measure(naive, Array(texts.prefix(naiveMessages)))
        // Read before the parallel run, whose batches hold many results at once.
        let peakMemory = Self.peakMemoryMB()
        LineWriter.standardError.write("bench: \(count) rules: \(jobs) jobs…")
        let parallelRate = Self.measureParallel(fast, texts, jobs: jobs)
        rows.append(
          BenchmarkReport.Row(
            rules: count, compileSeconds: compile, prefiltered: fastFigures, naive: naiveFigures,
            speedup: fastFigures.messagesPerSecond / naiveFigures.messagesPerSecond,
            patterns: [
              prefilter?.exactPatterns ?? 0, prefilter?.gatedPatterns ?? 0,
              prefilter?.ungatedPatterns ?? 0,
            ],
            peakMemoryMB: peakMemory,
            jobsSpeedup: parallelRate / fastFigures.messagesPerSecond))
      }
      let report = BenchmarkReport(rows: rows, suggestLinesPerSecond: nil)
      switch output.format {
      case .json: LineWriter.standardOutput.write(try JSONLineEncoder().line(report))
      case .text: LineWriter.standardOutput.write(Self.table(report))
      }
    }

    static func load(_ files: [(name: String, yaml: String)]) throws -> RuleSet {
      let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("huashu-bench-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: directory) }
      for file in files {
        try file.yaml.write(
          to: directory.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
      }
      let loaded = try RuleSetLoader().load(directory: directory.path)
      if loaded.diagnostics.containsErrors {
        throw CommandFailure.badInput("generated rules did not load: \(loaded.diagnostics[0])")
      }
      return loaded.ruleSet
    }

    static func measure(_ matcher: Matcher, _ texts: [String]) -> BenchmarkReport.EngineFigures {
      var scratch = MatchScratch()
      var latencies: [Double] = []
      latencies.reserveCapacity(texts.count)
      var bytes = 0
      var fired = 0
      let clock = ContinuousClock()
      let start = clock.now
      for text in texts {
        let before = clock.now
        let classification = matcher.classify(text, using: &scratch)
        fired += classification.firedRules.count + classification.emotion.cues.count
        latencies.append(seconds(clock.now - before) * 1_000_000)
        bytes += text.utf8.count
      }
      let total = seconds(clock.now - start)
      latencies.sort()
      func percentile(_ p: Double) -> Double {
        latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
      }
      return BenchmarkReport.EngineFigures(
        messages: texts.count, messagesPerSecond: Double(texts.count) / total,
        megabytesPerSecond: Double(bytes) / total / 1_000_000, p50Microseconds: percentile(0.5),
        p99Microseconds: percentile(0.99), firedPerMessage: Double(fired) / Double(texts.count))
    }

    /// Messages per second on `jobs` threads, in batches as `--jobs` reads them.
    static func measureParallel(_ matcher: Matcher, _ texts: [String], jobs: Int) -> Double {
      let classifier = ParallelClassifier(matcher: matcher, jobs: jobs)
      let clock = ContinuousClock()
      let start = clock.now
      let size = JobOptions.batchSize
      for batchStart in stride(from: 0, to: texts.count, by: size) {
        _ = classifier.classify(Array(texts[batchStart..<min(batchStart + size, texts.count)]))
      }
      return Double(texts.count) / seconds(clock.now - start)
    }

    static func seconds(_ duration: Duration) -> Double {
      Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The process's peak resident memory (VmHWM), in MB; 0 where /proc is missing.
    static func peakMemoryMB() -> Double {
      guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
      else { return 0 }
      return kilobytes / 1024
    }

    static func table(_ report: BenchmarkReport) -> String {
      func cell(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
      }
      var lines = [
        cell("rules", 6) + cell("compile s", 10) + cell("msg/s", 10) + cell("MB/s", 7)
          + cell("p50 µs", 8) + cell("p99 µs", 8) + cell("naive msg/s", 12) + cell("ratio", 8)
          + cell("exact/gated/always", 20) + cell("fired/msg", 10) + cell("peak MB", 9)
          + cell("jobs×", 7)
      ]
      for row in report.rows {
        lines.append(
          cell("\(row.rules)", 6) + cell(row.compileSeconds.formatted(decimals: 3), 10)
            + cell("\(Int(row.prefiltered.messagesPerSecond))", 10)
            + cell(row.prefiltered.megabytesPerSecond.formatted(decimals: 1), 7)
            + cell(row.prefiltered.p50Microseconds.formatted(decimals: 1), 8)
            + cell(row.prefiltered.p99Microseconds.formatted(decimals: 1), 8)
            + cell("\(Int(row.naive.messagesPerSecond))", 12)
            + cell(row.speedup.formatted(decimals: 1) + "×", 8)
            + cell(row.patterns.map(String.init).joined(separator: "/"), 20)
            + cell(row.prefiltered.firedPerMessage.formatted(decimals: 1), 10)
            + cell(row.peakMemoryMB.formatted(decimals: 1), 9)
            + cell(row.jobsSpeedup.formatted(decimals: 2), 7))
      }
      return lines.joined(separator: "\n")
    }
  }
}
