public import Foundation

/// How often each reply was accepted: in all, and by each agent the usage store holds.
///
/// Made by ``UsageStore/report(since:)``, then given each reply's code and group with
/// ``labeled(by:)`` (the store knows only ids). Rows come most accepted first, then most
/// recently accepted, then by id. A value; safe to share.
public struct UsageReport: Hashable, Sendable {
  /// What the store counted for one reply and one agent.
  public struct Tally: Hashable, Sendable {
    /// The reply.
    public var reply: ReplyID
    /// Who accepted it; `""` for acceptances from before agents were recorded.
    public var agent: String
    /// How many times.
    public var accepted: Int
    /// The last time, when known.
    public var lastAccepted: Date?

    /// Creates a tally.
    public init(reply: ReplyID, agent: String, accepted: Int, lastAccepted: Date?) {
      self.reply = reply
      self.agent = agent
      self.accepted = accepted
      self.lastAccepted = lastAccepted
    }
  }

  /// One reply's line of the report.
  public struct Row: Hashable, Sendable {
    /// Its Qianniu shortcut code, if it has one (and is still in the phrasebook).
    public var code: String?
    /// The reply id.
    public var id: ReplyID
    /// The group of its phrasebook file; `nil` when the reply is no longer in the phrasebook.
    public var group: String?
    /// How many times it was accepted.
    public var accepted: Int
    /// The last time it was accepted, when known.
    public var lastAccepted: Date?
  }

  /// One agent's part of the report.
  public struct AgentUsage: Hashable, Sendable {
    /// The agent; `""` for acceptances from before agents were recorded.
    public var agent: String
    /// The agent's acceptances in all.
    public var accepted: Int
    /// The agent's rows.
    public var replies: [Row]
  }

  /// What a reply id is shown with.
  public struct Label: Hashable, Sendable {
    /// The Qianniu shortcut code, if any.
    public var code: String?
    /// The group of the reply's file.
    public var group: String

    /// Creates a label.
    public init(code: String?, group: String) {
      self.code = code
      self.group = group
    }
  }

  /// The first instant counted, if the report is limited.
  public var since: Date?
  /// One row per reply, every agent together.
  public var replies: [Row]
  /// Each agent's rows, by agent name (the unrecorded agent `""` last).
  public var agents: [AgentUsage]

  /// The acceptances counted in all.
  public var accepted: Int { replies.reduce(0) { $0 + $1.accepted } }
  /// Whether the report shows agents apart: the store holds more than one.
  public var showsAgents: Bool { agents.count > 1 }

  /// How the unrecorded agent `""` is shown in text and CSV.
  public static let unrecordedAgent = "(not recorded)"

  /// Builds the report from the store's tallies.
  public init(since: Date?, tallies: [Tally]) {
    self.since = since
    var byReply: [ReplyID: Row] = [:]
    var byAgent: [String: [Row]] = [:]
    for tally in tallies where tally.accepted > 0 {
      let row = Row(
        id: tally.reply, accepted: tally.accepted, lastAccepted: tally.lastAccepted)
      byAgent[tally.agent, default: []].append(row)
      var total = byReply[tally.reply] ?? Row(id: tally.reply, accepted: 0)
      total.accepted += tally.accepted
      total.lastAccepted = Self.later(total.lastAccepted, tally.lastAccepted)
      byReply[tally.reply] = total
    }
    replies = Self.ordered(Array(byReply.values))
    agents = byAgent.keys.sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }.map {
      let rows = Self.ordered(byAgent[$0] ?? [])
      return AgentUsage(agent: $0, accepted: rows.reduce(0) { $0 + $1.accepted }, replies: rows)
    }
  }

  /// The report with each reply's code and group from `label` (`nil`: not in the phrasebook).
  public func labeled(by label: (ReplyID) -> Label?) -> UsageReport {
    func apply(_ row: Row) -> Row {
      var row = row
      let found = label(row.id)
      row.code = found?.code
      row.group = found?.group
      return row
    }
    var report = self
    report.replies = replies.map(apply)
    report.agents = agents.map {
      AgentUsage(agent: $0.agent, accepted: $0.accepted, replies: $0.replies.map(apply))
    }
    return report
  }

  /// Most accepted first, then most recently accepted (unknown times last), then by id.
  static func ordered(_ rows: [Row]) -> [Row] {
    rows.sorted { left, right in
      if left.accepted != right.accepted { return left.accepted > right.accepted }
      if left.lastAccepted != right.lastAccepted {
        return (left.lastAccepted ?? .distantPast) > (right.lastAccepted ?? .distantPast)
      }
      return left.id.rawValue < right.id.rawValue
    }
  }

  private static func later(_ left: Date?, _ right: Date?) -> Date? {
    guard let left else { return right }
    guard let right else { return left }
    return max(left, right)
  }
}

extension UsageReport.Row {
  init(id: ReplyID, accepted: Int, lastAccepted: Date? = nil) {
    self.init(code: nil, id: id, group: nil, accepted: accepted, lastAccepted: lastAccepted)
  }
}

extension UsageReport {
  /// The time zone `--since` dates and the text report's times are in: China, +08:00, as for
  /// phrasebook validity windows (the shops' day).
  public static let timeZone = TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt

  /// The instant `text` names as a report's start: an ISO date (`2026-03-01`, from the start
  /// of that day in China time) or a full ISO 8601 time with its offset
  /// (`2026-03-01T09:30:00+08:00`, `2026-03-01T01:30:00Z`); `nil` for anything else,
  /// including dates that do not exist (`2026-02-30`).
  public static func since(parsing text: String) -> Date? {
    let text = text.trimmingCharacters(in: .whitespaces)
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    {
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = timeZone
      let components = DateComponents(year: year, month: month, day: day)
      guard let start = calendar.date(from: components),
        calendar.dateComponents([.year, .month, .day], from: start) == components
      else { return nil }
      return start
    }
    guard text.count > 10 else { return nil }
    if let date = try? Date(text, strategy: .iso8601) { return date }
    return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
  }

  /// `date` as JSON and CSV write it: ISO 8601 in UTC (`2026-03-01T01:30:00Z`).
  public static func isoText(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle())
  }
}

extension UsageReport: Encodable {
  private enum CodingKeys: String, CodingKey { case since, accepted, replies, agents }

  /// Encodes the report as `huashu usage --format json` writes it; times in ISO 8601 (UTC).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(since.map(Self.isoText), forKey: .since)
    try container.encode(accepted, forKey: .accepted)
    try container.encode(replies, forKey: .replies)
    try container.encode(agents, forKey: .agents)
  }
}

extension UsageReport.Row: Encodable {
  private enum CodingKeys: String, CodingKey {
    case code, id, group, accepted
    case lastAccepted = "last_accepted"
  }

  /// Encodes the row; a missing code, group or time is left out.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(code, forKey: .code)
    try container.encode(id.rawValue, forKey: .id)
    try container.encodeIfPresent(group, forKey: .group)
    try container.encode(accepted, forKey: .accepted)
    try container.encodeIfPresent(lastAccepted.map(UsageReport.isoText), forKey: .lastAccepted)
  }
}

extension UsageReport.AgentUsage: Encodable {}
