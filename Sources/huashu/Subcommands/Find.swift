import ArgumentParser
import Foundation
import HuashuCore
import HuashuStore

extension HuashuCommand {
  struct Find: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Find replies by Qianniu code, words or pinyin initials.",
      discussion: """
        Searches the team phrasebook with your personal layer on top. A reply matches, best \
        first, when the query is its code (case-insensitive), starts its code, starts the \
        pinyin initials of its group (hdfk: 货到付款) or of a clause of its text (cxfh: \
        重新发货), or when every word of the query is in its text or group (traditional and \
        full-width characters fold: 運費 finds 运费). Among equal matches, the replies you \
        accepted more often come first, then phrasebook order.

        Text output: one reply per line: code, id, group and text, cut to the terminal width \
        ($COLUMNS, else 80). JSON output: one object per line (JSON Lines, not an array), with \
        code, id, group, intent, layer, matched, score, accepted, text and template.

        Examples:
          huashu find yf
          huashu find hdfk --limit 3
          huashu find 運費 --format json

        Exit status: 0 when a reply matches; 1 when none does; 2 when the rules or phrasebooks \
        have errors; 64 on bad usage.
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var phrasebookSources: PhrasebookOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOption
    @OptionGroup var agent: AgentOption

    @Option(help: "The most replies shown.")
    var limit = 10

    @Argument(help: "A Qianniu code or its start, pinyin initials, or words.")
    var query: String

    func validate() throws {
      guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
      guard !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
        throw ValidationError("the query is empty")
      }
    }

    func run() async throws {
      var fromStore: StoredPhrasebooksAndCounts?
      try await CommandRunner.run {
        fromStore = try await store.phrasebooksAndCounts(agent: agent.name)
      }
      try CommandRunner.run {
        let ruleSet = try sources.loadRuleSet()
        let (phrasebook, _) = try phrasebookSources.load(
          for: ruleSet, stored: fromStore?.phrasebooks)
        let matches = ReplyFinder(phrasebook: phrasebook).find(
          query, usage: fromStore?.counts ?? PhrasebookOptions.usageCounts(), limit: limit)
        guard !matches.isEmpty else {
          LineWriter.standardError.write("huashu: no reply matches '\(query)'")
          throw ExitCode.failure
        }
        switch output.format {
        case .json:
          let encoder = JSONLineEncoder()
          for match in matches { try LineWriter.standardOutput.write(line: encoder.line(match)) }
        case .text:
          for line in FindResultText.lines(matches, width: Self.terminalWidth) {
            try LineWriter.standardOutput.write(line: line)
          }
        }
      }
    }

    /// The terminal width: `$COLUMNS`, else 80.
    static var terminalWidth: Int {
      ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.flatMap {
        $0 > 0 ? $0 : nil
      } ?? 80
    }
  }
}
