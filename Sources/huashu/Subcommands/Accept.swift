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
        cannot be written.
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
        do {
          let store = try UsageStore(path: PhrasebookOptions.usageDatabasePath)
          for id in ids { try store.recordAcceptance(of: id) }
          let counts = try store.acceptedCounts()
          for id in ids {
            LineWriter.standardOutput.write("\(id): accepted \(counts[id] ?? 0) times")
          }
        } catch {
          throw CommandFailure.badInput(String(describing: error))
        }
      }
    }
  }
}
