public import Foundation
internal import GRDB

/// Which suggested replies were accepted, by whom and when, kept in a SQLite database (through
/// GRDB) in the agent's huashu home.
///
/// The database is created on first use and migrated to the current schema when opened
/// (``UsageStore`` + `Schema`: one row per acceptance, with the agent and the time; counts
/// from before agents were recorded have the agent `""`). It runs in WAL mode with a busy
/// timeout, so several `huashu` processes of one agent (a `suggest` pipe and an `accept`
/// command, say) can use it at once. Each home has its own database: agents who keep separate
/// homes never see each other's counts.
///
/// Safe to share between threads (GRDB serializes access).
public final class UsageStore: Sendable {
  private let pool: DatabasePool

  /// The database file inside a huashu home.
  public static let fileName = "usage.sqlite"

  /// Opens (creating if needed) the store at `path` and brings it to the current schema.
  ///
  /// - Throws: ``UsageStoreError`` when the file cannot be created, opened or migrated.
  public init(path: String) throws {
    do {
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      var configuration = Configuration()
      configuration.busyMode = .timeout(10)
      pool = try DatabasePool(path: path, configuration: configuration)
      try Self.migrate(pool)
    } catch {
      throw UsageStoreError(path: path, reason: String(describing: error))
    }
  }

  /// Records that `agent` used `reply` once more, at `date`.
  ///
  /// - Parameters:
  ///   - reply: The reply's id (not its code).
  ///   - agent: Who accepted it; `""` when not known.
  ///   - date: When.
  /// - Throws: ``UsageStoreError`` when the database cannot be written.
  public func recordAcceptance(of reply: ReplyID, agent: String = "", at date: Date = Date())
    throws
  {
    do {
      try pool.write { db in
        try db.execute(
          sql: "INSERT INTO acceptance (reply_id, agent, accepted_at) VALUES (?, ?, ?)",
          arguments: [reply.rawValue, agent, date])
      }
    } catch {
      throw UsageStoreError(path: pool.path, reason: String(describing: error))
    }
  }

  /// The number of acceptances of every reply that has any, by every agent of this home.
  ///
  /// - Throws: ``UsageStoreError`` when the database cannot be read.
  public func acceptedCounts() throws -> [ReplyID: Int] {
    do {
      return try pool.read { db in
        var counts: [ReplyID: Int] = [:]
        let rows = try Row.fetchCursor(
          db, sql: "SELECT reply_id, COUNT(*) AS accepted FROM acceptance GROUP BY reply_id")
        while let row = try rows.next() {
          counts[ReplyID(row["reply_id"] as String)] = row["accepted"]
        }
        return counts
      }
    } catch {
      throw UsageStoreError(path: pool.path, reason: String(describing: error))
    }
  }

  /// How often each reply was accepted, in all and by each agent, since `since` when given.
  ///
  /// The rows carry no code or group (the store knows only ids); see
  /// ``UsageReport/labeled(by:)``. With `since`, acceptances without a time (counts from
  /// before times were recorded, but the last) are left out.
  ///
  /// - Throws: ``UsageStoreError`` when the database cannot be read.
  public func report(since: Date? = nil) throws -> UsageReport {
    do {
      let tallies = try pool.read { db in
        var tallies: [UsageReport.Tally] = []
        let filter = since == nil ? "" : "WHERE accepted_at >= ?"
        var arguments = StatementArguments()
        if let since { arguments += [since] }
        let rows = try Row.fetchCursor(
          db,
          sql: """
            SELECT reply_id, agent, COUNT(*) AS accepted, MAX(accepted_at) AS last
            FROM acceptance \(filter) GROUP BY reply_id, agent
            """, arguments: arguments)
        while let row = try rows.next() {
          tallies.append(
            UsageReport.Tally(
              reply: ReplyID(row["reply_id"] as String), agent: row["agent"],
              accepted: row["accepted"], lastAccepted: row["last"]))
        }
        return tallies
      }
      return UsageReport(since: since, tallies: tallies)
    } catch {
      throw UsageStoreError(path: pool.path, reason: String(describing: error))
    }
  }
}

/// The usage database cannot be opened, read or written.
public struct UsageStoreError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The database file.
  public var path: String
  /// What went wrong.
  public var reason: String

  public var description: String { "\(path): usage database: \(reason)" }
}
