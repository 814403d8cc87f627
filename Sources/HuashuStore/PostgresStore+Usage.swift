public import Foundation
public import HuashuCore
internal import PostgresNIO

extension PostgresStore {
  public func acceptedCounts() async throws -> [ReplyID: Int] {
    try await attempt("reading the usage counts") {
      var counts: [ReplyID: Int] = [:]
      let rows = try await client.query(
        "SELECT reply_id, count(*) FROM acceptance GROUP BY reply_id", logger: logger)
      for try await (reply, count) in rows.decode((String, Int64).self) {
        counts[ReplyID(reply)] = Int(count)
      }
      return counts
    }
  }

  public func recordAcceptance(of reply: ReplyID, agent: String, at date: Date) async throws
    -> Int
  {
    try await attempt("recording an acceptance") {
      // The inserted row is not visible to the count of the same statement: one more.
      let rows = try await client.query(
        """
        WITH added AS (
          INSERT INTO acceptance (reply_id, agent, accepted_at)
          VALUES (\(reply.rawValue), \(agent), \(date)) RETURNING 1)
        SELECT (SELECT count(*) FROM acceptance WHERE reply_id = \(reply.rawValue)) + 1
        """, logger: logger)
      var count = 0
      for try await value in rows.decode(Int64.self) { count = Int(value) }
      return count
    }
  }

  public func usageReport(since: Date?) async throws -> UsageReport {
    try await attempt("reading the usage counts") {
      let start = since ?? .distantPast
      let rows = try await client.query(
        """
        SELECT reply_id, agent, count(*), max(accepted_at) FROM acceptance
        WHERE accepted_at >= \(start) GROUP BY reply_id, agent
        """, logger: logger)
      var tallies: [UsageReport.Tally] = []
      for try await (reply, agent, count, last) in rows.decode((String, String, Int64, Date).self) {
        tallies.append(
          UsageReport.Tally(
            reply: ReplyID(reply), agent: agent, accepted: Int(count), lastAccepted: last))
      }
      return UsageReport(since: since, tallies: tallies)
    }
  }

  /// Adds acceptances kept elsewhere (a home's SQLite usage store, by `huashu store import`):
  /// one row per acceptance, as they were recorded.
  public func addAcceptances(_ acceptances: [(reply: ReplyID, agent: String, at: Date)])
    async throws
  {
    try await attempt("adding acceptances") {
      try await client.withTransaction(logger: logger) { connection in
        for acceptance in acceptances {
          try await connection.query(
            """
            INSERT INTO acceptance (reply_id, agent, accepted_at)
            VALUES (\(acceptance.reply.rawValue), \(acceptance.agent), \(acceptance.at))
            """, logger: logger)
        }
      }
    }
  }
}
