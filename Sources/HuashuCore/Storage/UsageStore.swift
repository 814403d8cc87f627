public import Foundation
internal import GRDB

/// How often an agent accepted each suggested reply, kept in a SQLite database (through GRDB)
/// in the agent's huashu home.
///
/// The database is created on first use. It runs in WAL mode with a busy timeout, so several
/// `huashu` processes of one agent (a `suggest` pipe and an `accept` command, say) can use it at
/// once. Each home has its own database: agents never see each other's counts.
///
/// Safe to share between threads (GRDB serializes access).
public final class UsageStore: Sendable {
  private let pool: DatabasePool

  /// The database file inside a huashu home.
  public static let fileName = "usage.sqlite"

  /// Opens (creating if needed) the store at `path`.
  ///
  /// - Throws: ``UsageStoreError`` when the file cannot be created or opened.
  public init(path: String) throws {
    do {
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      var configuration = Configuration()
      configuration.busyMode = .timeout(10)
      pool = try DatabasePool(path: path, configuration: configuration)
      // Idempotent, inside one write transaction: several processes may create the database
      // at the same moment (GRDB's migrator is not safe against that across processes).
      try pool.write { db in
        try db.create(table: "reply_usage", options: [.ifNotExists]) { table in
          table.primaryKey("reply_id", .text)
          table.column("accepted", .integer).notNull().defaults(to: 0)
          table.column("last_accepted_at", .datetime)
        }
      }
    } catch {
      throw UsageStoreError(path: path, reason: String(describing: error))
    }
  }

  /// Records that the agent used `reply` once more.
  public func recordAcceptance(of reply: ReplyID, at date: Date = Date()) throws {
    do {
      try pool.write { db in
        try db.execute(
          sql: """
            INSERT INTO reply_usage (reply_id, accepted, last_accepted_at) VALUES (?, 1, ?)
            ON CONFLICT(reply_id) DO UPDATE SET accepted = accepted + 1,
              last_accepted_at = excluded.last_accepted_at
            """, arguments: [reply.rawValue, date])
      }
    } catch {
      throw UsageStoreError(path: pool.path, reason: String(describing: error))
    }
  }

  /// The number of acceptances of every reply that has any.
  public func acceptedCounts() throws -> [ReplyID: Int] {
    do {
      return try pool.read { db in
        var counts: [ReplyID: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT reply_id, accepted FROM reply_usage")
        while let row = try rows.next() {
          counts[ReplyID(row["reply_id"] as String)] = row["accepted"]
        }
        return counts
      }
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
