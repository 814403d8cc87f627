import ArgumentParser
import HuashuCore

extension HuashuCommand {
  struct Accept: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record that you used a suggested reply, so it ranks higher for you.",
      discussion: """
        Counts are kept per agent in $HUASHU_HOME/usage.sqlite (HUASHU_HOME defaults to \
        ~/.huashu); in a pipe, a line {"chat":"c1","accepted":"<reply id>"} does the same.

        Example:
          huashu accept bargain.firm-price

        Exit status: 0 on success; 2 when the reply id is not in the phrasebook or the database \
        cannot be written; 74 when the output cannot be written (the acceptance is recorded).
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var phrasebookSources: PhrasebookOptions

    @Argument(help: "The ids of the replies you used.")
    var replies: [String]

    func run() throws {
      try CommandRunner.run {
        let ruleSet = try sources.loadRuleSet()
        let (phrasebook, _) = try phrasebookSources.load(for: ruleSet)
        let ids = replies.map { ReplyID($0) }
        if let unknown = ids.first(where: { phrasebook.entry($0) == nil }) {
          throw CommandFailure.badInput("reply '\(unknown)' is not in the phrasebook")
        }
        let counts: [ReplyID: Int]
        do {
          let store = try UsageStore(path: PhrasebookOptions.usageDatabasePath)
          for id in ids { try store.recordAcceptance(of: id) }
          counts = try store.acceptedCounts()
        } catch {
          throw CommandFailure.badInput(String(describing: error))
        }
        for id in ids {
          try LineWriter.standardOutput.write(line: "\(id): accepted \(counts[id] ?? 0) times")
        }
      }
    }
  }
}
