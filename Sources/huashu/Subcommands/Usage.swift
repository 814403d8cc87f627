import ArgumentParser
import Foundation
import HuashuCore
import HuashuStore

extension HuashuCommand {
  struct Usage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Report which replies were accepted, how often and when.",
      discussion: """
        Reads $HUASHU_HOME/usage.sqlite (HUASHU_HOME defaults to ~/.huashu), where `huashu \
        accept` and the accepted lines of `huashu suggest` record each acceptance with the \
        agent (--agent, $HUASHU_AGENT or the login name) and the time. One row per reply: its \
        Qianniu code, id, group, times accepted and last accepted, most accepted first (then \
        most recently accepted). When the database holds several agents, each agent's replies \
        follow. Acceptances from before agents were recorded show as "(not recorded)"; only \
        the last of each such count has a time, so --since leaves the others out.

        With a team store (--store or $HUASHU_STORE), every agent's acceptances in the store, \
        labelled with the store's phrasebooks.

        Dates are read and times shown in China time (+08:00).

        Examples:
          huashu usage
          huashu usage --since 2026-03-01
          huashu usage --since 2026-03-01T09:00:00+08:00 --format json
          huashu usage --format csv > usage.csv

        Exit status: 0 on success, also when nothing was accepted yet (an empty report); 2 \
        when the rules or the database cannot be read; 74 when the output cannot be written.
        """)

    /// The formats of the report.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json, csv
    }

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var phrasebookSources: PhrasebookOptions
    @OptionGroup var store: StoreOption

    @Option(
      help: ArgumentHelp(
        "Count only acceptances from this day or time on.",
        discussion: "An ISO 8601 date (2026-03-01) or time with offset (2026-03-01T09:00:00Z).",
        valueName: "date"))
    var since: String?

    @Option(help: "Output format: text (a table), json (one object) or csv (for a spreadsheet).")
    var format: Format = .text

    func validate() throws {
      if let since, UsageReport.since(parsing: since) == nil {
        throw ValidationError(
          "--since '\(since)' is neither an ISO 8601 date (2026-03-01) nor a time with its"
            + " offset (2026-03-01T09:00:00+08:00)")
      }
    }

    func run() async throws {
      let start = since.flatMap(UsageReport.since(parsing:))
      var location: StoreLocation?
      try CommandRunner.run { location = try store.location() }
      if let location {
        try await CommandRunner.run {
          let (report, phrasebooks) = try await StoreOption.with(location) { store in
            (try await store.usageReport(since: start), try await store.phrasebooks(agent: ""))
          }
          let ruleSet = try sources.loadRuleSet()
          let phrasebook = phrasebookSources.loadWithoutFailing(for: ruleSet, stored: phrasebooks)
          try write(phrasebook.map { report.labeled(by: $0.0) } ?? report)
        }
        return
      }
      try CommandRunner.run {
        let path = PhrasebookOptions.usageDatabasePath
        var report = UsageReport(since: start, tallies: [])
        if FileManager.default.fileExists(atPath: path) {
          do {
            report = try UsageStore(path: path).report(since: start)
          } catch {
            throw CommandFailure.badInput(String(describing: error))
          }
          report = try labeled(report)
        } else {
          LineWriter.standardError.write(
            "huashu: no usage database yet at \(path); replies accepted with `huashu accept`"
              + " or an accepted line of `huashu suggest` are counted there")
        }
        try write(report)
      }
    }

    /// The report with codes and groups from the phrasebook (ids only when it does not load).
    private func labeled(_ report: UsageReport) throws -> UsageReport {
      let ruleSet = try sources.loadRuleSet()
      guard let phrasebook = phrasebookSources.loadWithoutFailing(for: ruleSet)?.0 else {
        LineWriter.standardError.write(
          "huashu: warning: the phrasebooks do not load (see `huashu lint`); showing ids only")
        return report
      }
      return report.labeled(by: phrasebook)
    }

    private func write(_ report: UsageReport) throws {
      let text = UsageReportText(style: Terminal.style(for: STDOUT_FILENO))
      switch format {
      case .text:
        try LineWriter.standardOutput.write(line: text.lines(report).joined(separator: "\n"))
      case .json: try LineWriter.standardOutput.write(line: try JSONLineEncoder().line(report))
      case .csv: try LineWriter.standardOutput.write(text: text.csv(report))
      }
    }
  }
}
