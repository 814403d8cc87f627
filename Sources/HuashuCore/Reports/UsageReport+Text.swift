public import Foundation

/// Renders a ``UsageReport`` for people (aligned tables, Chinese as is) and for spreadsheets
/// (CSV).
public struct UsageReportText: Sendable {
  let style: TextStyle
  let timeZone: TimeZone

  /// Creates a renderer.
  ///
  /// - Parameters:
  ///   - style: Bold headers in a terminal, plain text elsewhere.
  ///   - timeZone: The zone times are shown in (China time by default, as `--since` reads
  ///     dates).
  public init(style: TextStyle, timeZone: TimeZone = UsageReport.timeZone) {
    self.style = style
    self.timeZone = timeZone
  }

  /// How the CSV marks the rows of every agent together, when the report shows agents apart.
  public static let allAgents = "(all)"

  /// The report's lines: the replies, then each agent's when the store holds several.
  public func lines(_ report: UsageReport) -> [String] {
    let period = report.since.map { " since \(time($0))" } ?? ""
    guard !report.replies.isEmpty else { return ["no acceptances recorded\(period)"] }
    let replies = report.replies.count == 1 ? "1 reply" : "\(report.replies.count) replies"
    var lines = ["\(count(report.accepted)) of \(replies)\(period)"]
    if !report.showsAgents, let only = report.agents.first {
      lines[0] += only.agent.isEmpty ? "" : " by \(only.agent)"
    }
    lines += table(report.replies, indent: "")
    guard report.showsAgents else { return lines }
    for agent in report.agents {
      lines.append("")
      lines.append(style.bold(Self.name(agent.agent)) + ": \(count(agent.accepted))")
      lines += table(agent.replies, indent: "  ")
    }
    return lines
  }

  /// The report as CSV, for a spreadsheet.
  ///
  /// A header, then one record per reply. When the store holds several agents, the replies of
  /// every agent together (agent ``allAgents``) come first, then each agent's. Every cell a
  /// spreadsheet would run as a formula gets a leading `'`, as in the Qianniu export
  /// (``QianniuCSV/neutralized(_:)``).
  public func csv(_ report: UsageReport) -> String {
    var records = [["agent", "code", "id", "group", "accepted", "last_accepted"]]
    func add(_ rows: [UsageReport.Row], agent: String) {
      for row in rows {
        records.append([
          agent, row.code ?? "", row.id.rawValue, row.group ?? "", String(row.accepted),
          row.lastAccepted.map(UsageReport.isoText) ?? "",
        ])
      }
    }
    if report.showsAgents {
      add(report.replies, agent: Self.allAgents)
      for agent in report.agents { add(agent.replies, agent: Self.name(agent.agent)) }
    } else {
      add(report.replies, agent: report.agents.first.map { Self.name($0.agent) } ?? "")
    }
    return CSVTable.text(of: records.map { $0.map(QianniuCSV.neutralized) })
  }

  private func table(_ rows: [UsageReport.Row], indent: String) -> [String] {
    var table = TextTable(columns: [
      .init("code"), .init("id"), .init("group"), .init("accepted", right: true),
      .init("last accepted"),
    ])
    for row in rows {
      table.add([
        row.code ?? "-", row.id.rawValue, row.group ?? "(not in the phrasebook)",
        String(row.accepted), row.lastAccepted.map(time) ?? "-",
      ])
    }
    return table.lines(indent: indent, header: style.bold)
  }

  private func count(_ accepted: Int) -> String {
    accepted == 1 ? "1 acceptance" : "\(accepted) acceptances"
  }

  /// `2026-03-01 09:30` in the renderer's zone.
  private func time(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    func two(_ value: Int?) -> String {
      let value = value ?? 0
      return value < 10 ? "0\(value)" : String(value)
    }
    return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) "
      + "\(two(parts.hour)):\(two(parts.minute))"
  }

  private static func name(_ agent: String) -> String {
    agent.isEmpty ? UsageReport.unrecordedAgent : agent
  }
}
