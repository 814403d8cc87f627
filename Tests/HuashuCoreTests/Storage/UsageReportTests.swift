import Foundation
import GRDB
import Testing

@testable import HuashuCore

/// The usage store's schema migration, the agent of each acceptance and the report.
struct UsageReportTests {
  /// A database as huashu made it before migrations: one row per reply, no
  /// `grdb_migrations`.
  static func legacyDatabase(_ rows: [(String, Int, String?)]) throws -> String {
    let path = try TestSupport.temporaryDirectory(files: [:]) + "/usage.sqlite"
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(
        sql: """
          CREATE TABLE reply_usage (reply_id TEXT PRIMARY KEY, accepted INTEGER NOT NULL \
          DEFAULT 0, last_accepted_at DATETIME)
          """)
      for (reply, accepted, last) in rows {
        try db.execute(
          sql: "INSERT INTO reply_usage VALUES (?, ?, ?)", arguments: [reply, accepted, last])
      }
    }
    try queue.close()
    return path
  }

  static func date(_ text: String) throws -> Date {
    try #require(UsageReport.since(parsing: text))
  }

  @Test func oldDatabaseKeepsItsCountsUnderTheUnrecordedAgent() throws {
    let path = try Self.legacyDatabase([
      ("bargain.firm", 3, "2026-03-02 04:00:00.000"), ("cod.confirm", 1, nil),
    ])
    let store = try UsageStore(path: path)
    #expect(try store.acceptedCounts() == ["bargain.firm": 3, "cod.confirm": 1])
    try store.recordAcceptance(
      of: "bargain.firm", agent: "alice", at: try Self.date("2026-03-05T10:00:00+08:00"))
    // Reopening does not migrate twice.
    let reopened = try UsageStore(path: path)
    #expect(try reopened.acceptedCounts() == ["bargain.firm": 4, "cod.confirm": 1])
    let report = try reopened.report()
    #expect(report.agents.map(\.agent) == ["alice", ""])
    #expect(report.agents.map(\.accepted) == [1, 4])
    #expect(report.replies.map(\.id) == ["bargain.firm", "cod.confirm"])
    #expect(report.replies[0].lastAccepted == (try Self.date("2026-03-05T10:00:00+08:00")))
    let legacy = try #require(report.agents.last?.replies.first)
    #expect(legacy.lastAccepted == (try Self.date("2026-03-02T04:00:00Z")))
    // Since a date, only the dated acceptances count: the last of the old count, and alice's.
    let since = try reopened.report(since: try Self.date("2026-03-01"))
    #expect(since.replies.map(\.accepted) == [2])
    #expect(since.agents.map(\.accepted) == [1, 1])
  }

  @Test func agentAndTimeAreRecordedAndSinceFilters() throws {
    let path = try TestSupport.temporaryDirectory(files: [:]) + "/usage.sqlite"
    let store = try UsageStore(path: path)
    let early = try Self.date("2026-02-28T23:59:59+08:00")
    let late = try Self.date("2026-03-01T00:00:00+08:00")
    try store.recordAcceptance(of: "a.one", agent: "小美", at: early)
    try store.recordAcceptance(of: "a.one", agent: "小美", at: early)
    try store.recordAcceptance(of: "b.two", agent: "bob", at: late)
    let all = try store.report()
    #expect(all.replies.map(\.id) == ["a.one", "b.two"])
    #expect(all.replies.map(\.accepted) == [2, 1])
    #expect(all.showsAgents)
    #expect(all.agents.map(\.agent) == ["bob", "小美"])
    let march = try store.report(since: try Self.date("2026-03-01"))
    #expect(march.replies.map(\.id) == ["b.two"])
    #expect(!march.showsAgents)
    #expect(march.since == late)
  }

  @Test func rowsAreSortedByCountThenLastAccepted() {
    let day = Date(timeIntervalSince1970: 1_770_000_000)
    let report = UsageReport(
      since: nil,
      tallies: [
        .init(reply: "c", agent: "a", accepted: 1, lastAccepted: nil),
        .init(reply: "b", agent: "a", accepted: 1, lastAccepted: day),
        .init(reply: "a", agent: "a", accepted: 1, lastAccepted: day.addingTimeInterval(-60)),
        .init(reply: "d", agent: "a", accepted: 2, lastAccepted: day.addingTimeInterval(-600)),
      ])
    #expect(report.replies.map(\.id.rawValue) == ["d", "b", "a", "c"])
  }

  @Test(arguments: [
    ("2026-03-01", "2026-02-28T16:00:00Z"),
    ("2026-03-01T09:30:00+08:00", "2026-03-01T01:30:00Z"),
    ("2026-03-01T01:30:00.500Z", "2026-03-01T01:30:00Z"),
  ])
  func sinceReadsDatesInChinaTimeAndTimesWithOffsets(_ text: String, _ utc: String) throws {
    let date = try #require(UsageReport.since(parsing: text))
    #expect(UsageReport.isoText(date) == utc)
  }

  @Test(arguments: ["2026-02-30", "yesterday", "2026-3-1", "", "2026-03-01T09:30"])
  func sinceRefusesWhatIsNotADateOrATimeWithOffset(_ text: String) {
    #expect(UsageReport.since(parsing: text) == nil)
  }

  @Test func textAndCSVShowCodesGroupsAndAgents() throws {
    let time = try Self.date("2026-03-01T09:30:00+08:00")
    let report = UsageReport(
      since: nil,
      tallies: [
        .init(reply: "bargain.floor", agent: "alice", accepted: 2, lastAccepted: time),
        .init(reply: "bargain.floor", agent: "=bob", accepted: 1, lastAccepted: time),
        .init(reply: "gone.reply", agent: "", accepted: 1, lastAccepted: nil),
      ]
    ).labeled { id in
      id == "bargain.floor" ? UsageReport.Label(code: "yj4", group: "砍价") : nil
    }
    let text = UsageReportText(style: TextStyle(enabled: false))
    let lines = text.lines(report)
    #expect(lines[0] == "4 acceptances of 2 replies")
    #expect(lines[1] == "code  id             group                    accepted  last accepted")
    #expect(lines[2] == "yj4   bargain.floor  砍价                            3  2026-03-01 09:30")
    #expect(lines[3] == "-     gone.reply     (not in the phrasebook)         1  -")
    #expect(lines.contains("(not recorded): 1 acceptance"))
    let csv = text.csv(report).split(separator: "\r\n").map(String.init)
    #expect(csv[0] == "agent,code,id,group,accepted,last_accepted")
    #expect(csv[1] == "(all),yj4,bargain.floor,砍价,3,2026-03-01T01:30:00Z")
    #expect(csv.contains("'=bob,yj4,bargain.floor,砍价,1,2026-03-01T01:30:00Z"))
    #expect(csv.contains("(not recorded),,gone.reply,,1,"))
  }

  @Test func emptyReportSaysSo() {
    let text = UsageReportText(style: TextStyle(enabled: false))
    let empty = UsageReport(since: nil, tallies: [])
    #expect(text.lines(empty) == ["no acceptances recorded"])
    #expect(text.csv(empty) == "agent,code,id,group,accepted,last_accepted\r\n")
  }
}
