import ArgumentParser
import HuashuCore

extension HuashuCommand {
  struct Accept: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record that you used a suggested reply, so it ranks higher for you.",
      discussion: """
        Name each reply by its id or by its Qianniu shortcut code (the id is tried first; \
        codes ignore case). Acceptances are kept with your name and the time in \
        $HUASHU_HOME/usage.sqlite (HUASHU_HOME defaults to ~/.huashu); `huashu usage` reports \
        them. In a pipe, a line {"chat":"c1","accepted":"<reply id or code>"} does the same.

        Examples:
          huashu accept bargain.firm-price
          huashu accept yj4 --agent 小美

        Exit status: 0 on success; 2 when no reply has the id or code, or the database \
        cannot be written; 74 when the output cannot be written (the acceptance is recorded).
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var phrasebookSources: PhrasebookOptions
    @OptionGroup var agent: AgentOption

    @Argument(help: "The ids or Qianniu codes of the replies you used.")
    var replies: [String]

    func run() throws {
      try CommandRunner.run {
        let ruleSet = try sources.loadRuleSet()
        let (phrasebook, _) = try phrasebookSources.load(for: ruleSet)
        var ids: [ReplyID] = []
        for reply in replies {
          guard let entry = phrasebook.entry(idOrCode: reply) else {
            throw CommandFailure.badInput(Phrasebook.unknownReplyMessage(reply))
          }
          ids.append(entry.id)
        }
        let counts: [ReplyID: Int]
        do {
          let store = try UsageStore(path: PhrasebookOptions.usageDatabasePath)
          let name = agent.name
          for id in ids { try store.recordAcceptance(of: id, agent: name) }
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
