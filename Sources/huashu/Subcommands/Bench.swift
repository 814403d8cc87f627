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

    @Option(help: "Queries for the find measurement on the phrasebooks (0 to skip it).")
    var findQueries = 1_000

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
      guard messageCount > 0, naiveMessages > 0, rounds > 0, suggestLines >= 0, findQueries >= 0
      else {
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
          try messages.map { PackedMessages(try MessageFileReader.read($0).map(\.text)) }
          ?? SyntheticWorkload.packedMessages(count: messageCount, seed: seed)
        if let export {
          let ruleSets =
            try rules.map { [(label: "custom", ruleSet: try Self.load(directory: $0))] }
            ?? counts.map { (label: "\($0)", ruleSet: try generatedRuleSet(count: $0)) }
          try self.export(to: export, texts: texts, ruleSets: ruleSets)
          LineWriter.standardError.write("bench: workload written to \(export)")
          return
        }
        let benchmark = MatcherBenchmark(rounds: rounds, jobs: jobs, naiveMessages: naiveMessages)
        let progress = { (step: String) in LineWriter.standardError.write("bench: \(step)") }
        var rows: [BenchmarkReport.Row] = []
        if let rules {
          rows.append(
            try benchmark.measure(
              label: rules, texts: texts, load: { try Self.load(directory: rules) },
              progress: progress))
        } else {
          for count in counts {
            rows.append(
              try benchmark.measure(
                label: "\(count) rules", texts: texts,
                load: { try generatedRuleSet(count: count) }, progress: progress))
          }
        }
        let suggest = suggestLines > 0 ? try measureSuggest(texts, progress: progress) : nil
        let find = findQueries > 0 ? try measureFind(progress: progress) : nil
        let report = BenchmarkReport(rows: rows, suggest: suggest, find: find)
        switch output.format {
        case .json: LineWriter.standardOutput.write(try JSONLineEncoder().line(report))
        case .text: LineWriter.standardOutput.write(report.table)
        }
      }
    }

    /// `huashu suggest --format json` in process on the shipped content (or `--rules` and
    /// `--phrasebooks`), written to /dev/null as `suggest` writes its output.
    private func measureSuggest(
      _ texts: PackedMessages, progress: (String) -> Void
    ) throws -> BenchmarkReport.SuggestFigures {
      let sources = try RuleSourceOptions.parse(rules.map { ["--rules", $0] } ?? [])
      let phrasebookSources = try PhrasebookOptions.parse(
        (phrasebooks.map { ["--phrasebooks", $0] } ?? [])
          + ["--personal", FileManager.default.temporaryDirectory.path + "/huashu-bench-none"])
      let ruleSet = try sources.loadRuleSet()
      let (phrasebook, profile) = try phrasebookSources.load(for: ruleSet)
      let benchmark = SuggestBenchmark(
        ruleSet: ruleSet, scripts: try sources.loadScripts(for: ruleSet), phrasebook: phrasebook,
        profile: profile, lines: suggestLines, jobs: jobs, rounds: rounds)
      let nullDevice = open("/dev/null", O_WRONLY)
      defer { close(nullDevice) }
      let output = OutputBuffer(descriptor: nullDevice)
      defer { output.flush() }
      return benchmark.measure(
        texts: texts, write: { output.append(line: $0) }, progress: progress)
    }

    /// `huashu find` on the phrasebooks (as for suggest): building the finder, then queries.
    private func measureFind(
      progress: (String) -> Void
    ) throws -> BenchmarkReport.FindFigures {
      progress("find…")
      let ruleSet = try RuleSourceOptions.parse(rules.map { ["--rules", $0] } ?? []).loadRuleSet()
      let (phrasebook, _) = try PhrasebookOptions.parse(
        (phrasebooks.map { ["--phrasebooks", $0] } ?? [])
          + ["--personal", FileManager.default.temporaryDirectory.path + "/huashu-bench-none"]
      ).load(for: ruleSet)
      return FindBenchmark(phrasebook: phrasebook, queryCount: findQueries, rounds: rounds)
        .measure()
    }

    /// The generated rule set of `count` rules (its own seed per count, from `--seed`).
    private func generatedRuleSet(count: Int) throws -> RuleSet {
      let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("huashu-bench-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: directory) }
      for file in SyntheticWorkload.ruleFiles(count: count, seed: seed &+ UInt64(count)) {
        try file.yaml.write(
          to: directory.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
      }
      return try Self.load(directory: directory.path)
    }

    static func load(directory: String) throws -> RuleSet {
      let loaded = try RuleSetLoader().load(directory: directory)
      if loaded.diagnostics.containsErrors {
        throw CommandFailure.badInput("\(directory) did not load: \(loaded.diagnostics[0])")
      }
      return loaded.ruleSet
    }
  }
}
