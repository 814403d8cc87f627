import ArgumentParser
import Foundation
import HuashuCore

extension HuashuCommand {
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure speed: the prefiltered engine beside the naive one, and suggest.",
      discussion: """
        Generates a deterministic workload (rules of 1–4 e-commerce keywords and 0–2 regexes \
        with alternations, bounded gaps, classes with full-width digits, optional groups and \
        lookbehinds; messages of 10–60 characters with punctuation, digits, Latin and emoji) \
        for each rule count, or measures --rules DIR and --messages FILE, and reports per rule \
        set: compile time, messages/s and MB/s and p50/p99 latency for the prefiltered engine \
        and for the naive engine (every pattern on every message) measured in the same run, \
        their ratio, peak memory, and the speed-up with --jobs threads. Each figure is the \
        best of --rounds runs (the machine's noise only ever slows a run down). The naive \
        engine runs on the first --naive-messages messages only, since at thousands of rules \
        it is slow. Last, `suggest --format json` end to end on the shipped content (or \
        --rules and --phrasebooks): JSON lines in, JSON out, one job and --jobs.

        Build with -c release before trusting the figures.

        Examples:
          swift build -c release && .build/release/huashu bench
          huashu bench --rule-counts 100,1000 --message-count 50000 --format json
          huashu bench --rules rules --messages chats.jsonl --suggest-lines 0
          huashu bench --export /tmp/workload && bench/run /tmp/workload

        Exit status: 0; 2 when --rules or --messages cannot be read.
        """)

    @Option(help: "Rule counts to measure, comma-separated.")
    var ruleCounts = "10,100,1000,5000"

    @Option(help: "Messages per rule count for the prefiltered engine.")
    var messageCount = 200_000

    @Option(help: "Messages per rule count for the naive engine (a prefix of the same ones).")
    var naiveMessages = 2_000

    @Option(help: "Times each figure is measured; the best round is reported.")
    var rounds = 3

    @Option(help: "Threads for the parallel measurement (compared with one thread).")
    var jobs = 2

    @Option(help: "Seed of the generated workload.")
    var seed: UInt64 = 42

    @Option(
      help: ArgumentHelp(
        "Measure these rule files instead of generated ones (one row).", valueName: "dir"))
    var rules: String?

    @Option(
      help: ArgumentHelp(
        "Measure these messages instead of generated ones: plain lines, or JSON Lines with \"text\".",
        valueName: "file"))
    var messages: String?

    @Option(help: "Lines for the end-to-end suggest measurement (0 to skip it).")
    var suggestLines = 50_000

    @Option(
      help: ArgumentHelp(
        "Phrasebooks for the end-to-end suggest measurement.",
        discussion:
          "Default: ./phrasebooks if it exists, else the phrasebooks shipped with huashu.",
        valueName: "dir"))
    var phrasebooks: String?

    @Option(
      help: ArgumentHelp(
        "Write the workload for the C baselines in bench/ to this directory and stop.",
        discussion: "Per rule count, rules-N.tsv (normalized keywords and patterns); and "
          + "messages.txt (normalized messages). bench/run measures them with PCRE2 and, "
          + "when installed, Hyperscan.",
        valueName: "dir"))
    var export: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
      guard rules != nil || (!counts.isEmpty && counts.allSatisfy({ $0 > 0 })) else {
        throw ValidationError("--rule-counts takes positive numbers, such as 100,1000")
      }
      guard messageCount > 0, naiveMessages > 0, rounds > 0, suggestLines >= 0 else {
        throw ValidationError(
          "--message-count, --naive-messages and --rounds must be positive")
      }
      guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be 1 to 256") }
    }

    private var counts: [Int] {
      ruleCounts.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    func run() throws {
      try CommandRunner.run {
        let texts =
          try messages.map { PackedMessages(try Self.readMessages($0)) }
          ?? SyntheticWorkload.packedMessages(count: messageCount, seed: seed)
        guard !texts.isEmpty else {
          throw CommandFailure.badInput("\(messages ?? "the workload") has no messages")
        }
        if let export {
          let ruleSets =
            try rules.map { [(label: "custom", ruleSet: try Self.load(directory: $0))] }
            ?? counts.map { count in
              (
                label: "\(count)",
                ruleSet: try generatedRuleSet(count: count)
              )
            }
          try self.export(to: export, texts: texts, ruleSets: ruleSets)
          LineWriter.standardError.write("bench: workload written to \(export)")
          return
        }
        var rows: [BenchmarkReport.Row] = []
        if let rules {
          rows.append(
            try measureRow(label: rules, texts: texts) { try Self.load(directory: rules) })
        } else {
          for count in counts {
            rows.append(
              try measureRow(label: "\(count) rules", texts: texts) {
                try generatedRuleSet(count: count)
              })
          }
        }
        let suggest = suggestLines > 0 ? try measureSuggest(texts) : nil
        let report = BenchmarkReport(rows: rows, suggest: suggest)
        switch output.format {
        case .json: LineWriter.standardOutput.write(try JSONLineEncoder().line(report))
        case .text: LineWriter.standardOutput.write(Self.table(report))
        }
      }
    }

    /// Every figure of one rule set, each the best of `rounds`.
    private func measureRow(
      label: String, texts: PackedMessages, load: () throws -> RuleSet
    ) throws -> BenchmarkReport.Row {
      var compile = Double.infinity
      var fast: BenchmarkReport.EngineFigures?
      var naive: BenchmarkReport.EngineFigures?
      var parallelRate = 0.0
      var serialRate = 0.0
      var peakMemory = 0.0
      var ruleCount = 0
      var patterns: [Int] = []
      let naiveTexts = texts.prefix(naiveMessages)
      for round in 1...rounds {
        let start = ContinuousClock.now
        let ruleSet = try load()
        let matcher = Matcher(ruleSet: ruleSet)
        compile = min(compile, Self.seconds(ContinuousClock.now - start))
        ruleCount = ruleSet.allRules.count
        let prefilter = matcher.prefilter
        patterns = [
          prefilter?.exactPatterns ?? 0, prefilter?.gatedPatterns ?? 0,
          prefilter?.ungatedPatterns ?? 0,
        ]
        let progress = "bench: \(label), round \(round) of \(rounds)"
        LineWriter.standardError.write("\(progress): prefiltered…")
        let measured = Self.measure(matcher, texts)
        fast = Self.best(fast, measured.figures)
        serialRate = max(serialRate, measured.withUnpacking)
        LineWriter.standardError.write("\(progress): naive…")
        naive = Self.best(
          naive, Self.measure(Matcher(ruleSet: ruleSet, engine: .naive), naiveTexts).figures)
        // Read before the parallel run, whose batches hold many results at once.
        peakMemory = max(peakMemory, Self.peakMemoryMB())
        LineWriter.standardError.write("\(progress): \(jobs) jobs…")
        parallelRate = max(parallelRate, Self.measureParallel(matcher, texts, jobs: jobs))
      }
      guard let fast, let naive else { throw CommandFailure.badInput("nothing was measured") }
      return BenchmarkReport.Row(
        rules: ruleCount, compileSeconds: compile, prefiltered: fast, naive: naive,
        speedup: fast.messagesPerSecond / naive.messagesPerSecond, patterns: patterns,
        peakMemoryMB: peakMemory, jobs: jobs,
        jobsSpeedup: parallelRate / serialRate)
    }

    /// `huashu suggest --format json` in process on the shipped content (or `--rules` and
    /// `--phrasebooks`): JSON lines in, rendered JSON out, with one job and with `--jobs`.
    private func measureSuggest(_ texts: PackedMessages) throws -> BenchmarkReport.SuggestFigures {
      let sources = try RuleSourceOptions.parse(rules.map { ["--rules", $0] } ?? [])
      let phrasebookSources = try PhrasebookOptions.parse(
        (phrasebooks.map { ["--phrasebooks", $0] } ?? [])
          + ["--personal", FileManager.default.temporaryDirectory.path + "/huashu-bench-none"])
      let ruleSet = try sources.loadRuleSet()
      let scripts = try sources.loadScripts(for: ruleSet)
      let (phrasebook, profile) = try phrasebookSources.load(for: ruleSet)
      let encoder = JSONLineEncoder()
      var lines: [LineReader.Line] = []
      for index in 0..<suggestLines {
        let request = BenchRequest(chat: "c\(index % 50)", text: texts[index % texts.count])
        let bytes = Array(try encoder.line(request).utf8)
        lines.append(LineReader.Line(number: index + 1, bytes: bytes))
      }
      // Written out like `huashu suggest` writes, to a sink that costs nothing more.
      let nullDevice = open("/dev/null", O_WRONLY)
      defer { close(nullDevice) }
      let printer = SuggestPrinter(format: .json, ruleSet: ruleSet)
      func rate(jobs: Int) throws -> (linesPerSecond: Double, megabytesPerSecond: Double) {
        var session = SuggestSession(
          matcher: Matcher(ruleSet: ruleSet),
          coach: ConversationCoach(
            suggester: Suggester(phrasebook: phrasebook), scripts: scripts, limit: 3),
          profile: profile, usageDatabasePath: "/nonexistent/huashu-bench.sqlite")
        var written = 0
        let output = OutputBuffer(descriptor: nullDevice)
        let start = ContinuousClock.now
        _ = session.answerAll(lines, jobs: jobs, render: printer.render) { rendered in
          written += (rendered.output?.count ?? 0) + 1
          printer.write(rendered, to: output)
        }
        output.flush()
        let elapsed = Self.seconds(ContinuousClock.now - start)
        return (Double(lines.count) / elapsed, Double(written) / elapsed / 1_000_000)
      }
      var single = (linesPerSecond: 0.0, megabytesPerSecond: 0.0)
      var parallel = 0.0
      for round in 1...rounds {
        LineWriter.standardError.write("bench: suggest end to end, round \(round) of \(rounds)…")
        let measured = try rate(jobs: 1)
        if measured.linesPerSecond > single.linesPerSecond { single = measured }
        parallel = max(parallel, try rate(jobs: jobs).linesPerSecond)
      }
      return BenchmarkReport.SuggestFigures(
        lines: lines.count, linesPerSecond: single.linesPerSecond,
        outputMegabytesPerSecond: single.megabytesPerSecond, jobs: jobs,
        jobsLinesPerSecond: parallel)
    }

    /// One input line of the end-to-end measurement.
    private struct BenchRequest: Encodable {
      var chat: String
      var text: String
    }

    /// The messages of a file: plain lines, or JSON Lines whose `text` is the message.
    static func readMessages(_ path: String) throws -> [String] {
      let content: String
      do {
        content = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw CommandFailure.badInput(
          "cannot read \(path) as UTF-8 text: \(error.localizedDescription)")
      }
      struct Line: Decodable { var text: String }
      let decoder = JSONDecoder()
      return content.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
        guard line.first == "{" else { return String(line) }
        return try? decoder.decode(Line.self, from: Data(line.utf8)).text
      }
    }

    static func best(
      _ old: BenchmarkReport.EngineFigures?, _ new: BenchmarkReport.EngineFigures
    ) -> BenchmarkReport.EngineFigures {
      guard let old, old.messagesPerSecond >= new.messagesPerSecond else { return new }
      return old
    }

    /// The generated rule set of `count` rules (its own seed per count, from `--seed`).
    private func generatedRuleSet(count: Int) throws -> RuleSet {
      try Self.load(SyntheticWorkload.ruleFiles(count: count, seed: seed &+ UInt64(count)))
    }

    static func load(directory: String) throws -> RuleSet {
      let loaded = try RuleSetLoader().load(directory: directory)
      if loaded.diagnostics.containsErrors {
        throw CommandFailure.badInput("\(directory) did not load: \(loaded.diagnostics[0])")
      }
      return loaded.ruleSet
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
      return try load(directory: directory.path)
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
          latencies.append(seconds(clock.now - before) * 1_000_000)
          bytes += text.utf8.count
        }
        total += seconds(clock.now - start)
      }
      let wallTotal = seconds(clock.now - wallStart)
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
      let size = JobOptions.batchSize
      for batchStart in stride(from: 0, to: texts.count, by: size) {
        // Each worker unpacks its own messages, as the one-thread baseline does.
        let batch = Array(batchStart..<min(batchStart + size, texts.count))
        _ = classifier.map(batch) { index, scratch in
          matcher.classify(texts[index], using: &scratch).firedRuleCount
        }
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
      if let suggest = report.suggest {
        lines.append(
          "suggest end to end (\(suggest.lines) JSON lines, shipped content, JSON output): "
            + "\(Int(suggest.linesPerSecond)) lines/s, "
            + "\(suggest.outputMegabytesPerSecond.formatted(decimals: 1)) MB/s written; "
            + "\(Int(suggest.jobsLinesPerSecond)) lines/s with \(suggest.jobs) jobs")
      }
      return lines.joined(separator: "\n")
    }
  }
}
