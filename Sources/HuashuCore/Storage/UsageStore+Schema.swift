internal import GRDB

/// The usage database's schema, as versioned GRDB migrations.
///
/// - `v1-reply-usage`: the first schema, one row per reply (`reply_id`, `accepted`,
///   `last_accepted_at`). Created with `IF NOT EXISTS`, so a database made before huashu used
///   migrations (which has the table but no `grdb_migrations`) is taken as it is.
/// - `v2-acceptances`: one row per acceptance (`reply_id`, `agent`, `accepted_at`). Each old
///   count becomes that many rows of agent `""` (not recorded): the old store never knew who
///   accepted, and giving them the agent of whichever process happens to migrate first would
///   be a guess. The last of them keeps the old `last_accepted_at`; the others have no time,
///   so a `--since` report leaves them out rather than date them wrongly. Totals and the
///   ranking's counts stay as they were. `reply_usage` is then dropped.
extension UsageStore {
  /// The migrations, in order.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-reply-usage") { db in
      try db.create(table: "reply_usage", options: [.ifNotExists]) { table in
        table.primaryKey("reply_id", .text)
        table.column("accepted", .integer).notNull().defaults(to: 0)
        table.column("last_accepted_at", .datetime)
      }
    }
    migrator.registerMigration("v2-acceptances") { db in
      try db.create(table: "acceptance") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("reply_id", .text).notNull().indexed()
        table.column("agent", .text).notNull().defaults(to: "")
        table.column("accepted_at", .datetime).indexed()
      }
      // Row n of a count (1-based); the first keeps the old time.
      try db.execute(
        sql: """
          WITH RECURSIVE n(i) AS (
            SELECT 1 UNION ALL
            SELECT i + 1 FROM n WHERE i < (SELECT MAX(accepted) FROM reply_usage)
          )
          INSERT INTO acceptance (reply_id, agent, accepted_at)
          SELECT reply_id, '', CASE WHEN n.i = 1 THEN last_accepted_at END
          FROM reply_usage JOIN n ON n.i <= reply_usage.accepted
          """)
      try db.drop(table: "reply_usage")
    }
    return migrator
  }

  /// Brings the database at `pool` up to the current schema.
  ///
  /// GRDB's migrator reads which migrations are applied before it runs them, so two processes
  /// opening a new database at the same moment (four `huashu accept` at once, say) may both
  /// try the same migration. Each migration runs in its own immediate transaction, so the
  /// loser's attempt is rolled back whole; migrating again then finds it applied.
  static func migrate(_ pool: DatabasePool) throws {
    let migrator = Self.migrator
    var attempt = 1
    while true {
      do {
        try migrator.migrate(pool)
        return
      } catch {
        let done = try pool.read { db in try migrator.hasCompletedMigrations(db) }
        if done { return }
        guard attempt < 5 else { throw error }
        attempt += 1
      }
    }
  }
}
