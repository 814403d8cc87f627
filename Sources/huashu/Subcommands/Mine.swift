import ArgumentParser
import HuashuCore

extension HuashuCommand {
  struct Mine: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Find what the rules miss and propose keywords for it (never writes rules).",
      discussion: """
        With --corpus FILE.jsonl (lines {"id":…,"text":…,"intent":…,"emotion":…}), every \
        message is classified with the current rules; for each intent labelled in the corpus \
        (or only --intent X) the report lists the messages the rules miss, with what they were \
        classified as, and candidate keywords: character n-grams of 2 to 6 characters of the \
        missed messages, normalized as rule keywords are. For each candidate: support (missed \
        messages containing it: what it would add), matches (corpus messages containing it), \
        precision (the share of those labelled with the intent), would-break (those now \
        correctly classified as another intent) and the rules already firing on them. Counts \
        are of messages, not occurrences. A candidate is dropped when a shorter one it \
        contains has the same support and matches. Ranking: support × precision, then \
        precision, then shorter, then text.

        --emotion upset (or angry) mines the buyer's emotion instead of the intents: the \
        messages labelled upset that the rules read as calm (angry: read calmer than angry), \
        with the emotion cues that fired, and candidate cue keywords; precision counts the \
        messages labelled with the emotion or a stronger one, would-break those labelled \
        calmer and read right, and the overlap lists emotion cues.

        With FILE (plain lines, or JSON Lines with a "text" field; - for standard input) the \
        report gives the share of messages each intent claims, the share no rule claims, and \
        the n-grams most frequent among the unclaimed messages, each with an example.

        N-grams never cross white space or a bracketed token such as [数字x] or [订单x]; \
        n-grams of punctuation, symbols or digits alone are skipped.

        --format json writes the whole report as one JSON document (Chinese unescaped).

        Examples:
          huashu mine --corpus ../shared/corpus/buyer-dev.jsonl
          huashu mine --corpus labelled.jsonl --intent bargain --min-precision 0.8
          huashu mine --corpus labelled.jsonl --emotion upset --min-support 3
          huashu mine chats.txt --format json
          jq -r .text labelled.jsonl | huashu mine - --top 30

        Exit status: 0 on success; 2 when the rule files or the input are invalid (each bad \
        line is printed as file:line); 64 for bad usage, such as an unknown --intent or \
        --emotion without emotion labels in the corpus.
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var parallel: JobOptions

    @Argument(
      help: ArgumentHelp(
        "Unlabelled messages, one per line (plain or JSON with \"text\"); - for standard input.",
        valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("A labelled corpus, JSON Lines.", valueName: "file"))
    var corpus: String?

    @Option(help: ArgumentHelp("Mine only this intent (with --corpus).", valueName: "intent"))
    var intent: String?

    @Option(
      help: ArgumentHelp(
        "Mine this emotion's cues instead of the intents (with --corpus).",
        valueName: "upset|angry"))
    var emotion: String?

    @Option(
      name: .customLong("min-support"),
      help: ArgumentHelp(
        "The fewest messages a candidate must add (or unclaimed messages it must occur in).",
        valueName: "n"))
    var minimumSupport = 2

    @Option(
      name: .customLong("min-precision"),
      help: ArgumentHelp(
        "The lowest precision of a candidate (with --corpus; default 0.6).", valueName: "x"))
    var minimumPrecision: Double?

    @Option(help: "How many candidates per intent, or frequent n-grams, to list.")
    var top = 10

    @Option(
      help: ArgumentHelp(
        "How many missed messages to show per intent (with --corpus; default 5).", valueName: "n"))
    var examples: Int?

    func validate() throws {
      switch (file, corpus) {
      case (nil, nil): throw ValidationError("give a FILE of messages or --corpus FILE.jsonl")
      case (.some, .some): throw ValidationError("give either FILE or --corpus, not both")
      default: break
      }
      if corpus == nil {
        for (name, given) in [
          ("--intent", intent != nil), ("--emotion", emotion != nil),
          ("--min-precision", minimumPrecision != nil),
          ("--examples", examples != nil),
        ] where given {
          throw ValidationError("\(name) needs --corpus")
        }
      }
      if intent != nil, emotion != nil {
        throw ValidationError("give either --intent or --emotion, not both")
      }
      if let emotion, ![Emotion.upset, .angry].contains(Emotion(rawValue: emotion)) {
        throw ValidationError("--emotion must be upset or angry (calm has no cues)")
      }
      guard minimumSupport >= 1 else { throw ValidationError("--min-support must be at least 1") }
      guard top >= 1 else { throw ValidationError("--top must be at least 1") }
      if let minimumPrecision, !(0...1).contains(minimumPrecision) {
        throw ValidationError("--min-precision must be between 0 and 1")
      }
      if let examples, examples < 0 { throw ValidationError("--examples must be 0 or more") }
    }

    func run() throws {
      try CommandRunner.run {
        let matcher = Matcher(ruleSet: try sources.loadRuleSet())
        let miner = CorpusMiner(matcher: matcher)
        let report: MiningReport
        if let corpus {
          let messages = try CorpusReader.read(corpus)
          let defaults = MiningCriteria.labelledDefaults
          let criteria = MiningCriteria(
            minimumSupport: minimumSupport,
            minimumPrecision: minimumPrecision ?? defaults.minimumPrecision, top: top,
            examples: examples ?? defaults.examples, intent: intent.map { IntentID($0) },
            emotion: emotion.flatMap(Emotion.init(rawValue:)))
          let progress = Progress(total: messages.count)
          defer { progress.finish() }
          do {
            report = try miner.mine(
              labelled: messages, criteria: criteria, jobs: parallel.jobs,
              progress: progress.update)
          } catch let error as MiningError {
            throw ValidationError(error.description)
          }
        } else {
          let messages = try MessageFileReader.read(file ?? "-")
          let progress = Progress(total: messages.count)
          defer { progress.finish() }
          report = miner.mine(
            unlabelled: messages,
            criteria: MiningCriteria(minimumSupport: minimumSupport, top: top),
            jobs: parallel.jobs, progress: progress.update)
        }
        switch output.format {
        case .json: try LineWriter.standardOutput.write(line: try JSONLineEncoder().line(report))
        case .text:
          let lines = MiningReportText(style: Terminal.style(for: 1)).lines(report)
          try LineWriter.standardOutput.write(line: lines.joined(separator: "\n"))
        }
      }
    }
  }
}
