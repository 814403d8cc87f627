import ArgumentParser
import Foundation
import HuashuCore
import HuashuStore

extension HuashuCommand {
  struct Suggest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Suggest replies for buyer messages: the agents' pipe.",
      discussion: """
        Reads standard input one line at a time and answers each line as soon as it is read. \
        A line is either a plain message, or a JSON object:
          {"chat":"c1","buyer":"小王","text":"到四川运费多少","region":"四川","order_id":"123"}
        Any other string field becomes a template variable. A line
          {"chat":"c1","accepted":"<reply id or Qianniu code>"}
        records that the agent (--agent) used a reply, which ranks it higher for this agent \
        from then on.

        Examples:
          printf '老板能便宜点吗\\n运费多少\\n' | huashu suggest
          echo '{"text":"到四川运费多少","region":"四川"}' | huashu suggest --format json
          huashu suggest --top 5 --personal ~/my-replies < chats.jsonl

        Replies come from the team phrasebook (--phrasebooks) with the agent's personal layer on \
        top (--personal, default $HUASHU_HOME/personal). Accepted replies are counted in \
        $HUASHU_HOME/usage.sqlite (HUASHU_HOME defaults to ~/.huashu).

        Exit status: 0 on success; 2 when rule or phrasebook files are invalid, or when any \
        input line was bad (each bad line gets its own error answer and the others go on); 74 \
        when the output cannot be written (the run stops at the first failed write, and the \
        --state file is not updated).
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var phrasebookSources: PhrasebookOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var parallel: JobOptions
    @OptionGroup var conversation: ConversationOptions
    @OptionGroup var agent: AgentOption
    @OptionGroup var store: StoreOption

    @Option(help: "How many replies to suggest per message.")
    var top = 3

    func validate() throws {
      guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() async throws {
      var fromStore: StoredPhrasebooksAndCounts?
      try await CommandRunner.run {
        fromStore = try await store.phrasebooksAndCounts(agent: agent.name)
      }
      try CommandRunner.run {
        let ruleSet = try sources.loadRuleSet()
        let (phrasebook, profile) = try phrasebookSources.load(
          for: ruleSet, stored: fromStore?.phrasebooks)
        let scripts = try sources.loadScripts(for: ruleSet)
        var session = SuggestSession(
          matcher: Matcher(ruleSet: ruleSet),
          coach: ConversationCoach(
            suggester: Suggester(phrasebook: phrasebook), scripts: scripts, limit: top),
          profile: profile, usageDatabasePath: PhrasebookOptions.usageDatabasePath,
          agent: agent.name, chats: try conversation.loadChats(), clock: conversation.clock,
          warn: DiagnosticPrinter.standardError.print)
        if let counts = fromStore?.counts { session.rank(withAcceptedCounts: counts) }
        let printer = SuggestPrinter(format: output.format, ruleSet: ruleSet)
        let output = OutputBuffer(descriptor: STDOUT_FILENO)
        // The first failed write stops the run (exit 74): the agent's client must know its
        // answers are gone. The chats are then not saved; a rerun starts from the old state.
        let hadBadLine = try session.answerAll(
          LineReader(beforeWaiting: output.flushBeforeWaiting), jobs: parallel.jobs,
          render: printer.render
        ) {
          printer.write($0, to: output)
          try output.throwIfFailed()
        }
        output.flush()
        try output.throwIfFailed()
        try conversation.save(session.chats)
        if hadBadLine { throw CommandFailure.reported("some input lines were bad; see above") }
      }
    }
  }
}
