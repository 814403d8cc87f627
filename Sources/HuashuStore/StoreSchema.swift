internal import Logging
internal import PostgresNIO

/// The team store's tables, created and migrated by huashu in one place: each migration is a
/// numbered list of statements, applied once, in order, and recorded in `huashu_schema`.
///
/// Servers starting together migrate one at a time (a transaction-scoped advisory lock); a
/// store migrated by a newer huashu is refused rather than misread.
enum StoreSchema {
  /// One step of the schema.
  struct Migration {
    var version: Int
    var name: String
    var statements: [String]
  }

  /// Every migration, oldest first.
  ///
  /// Never edit one that has shipped: add the next.
  static let migrations: [Migration] = [
    Migration(
      version: 1, name: "phrasebooks, backups, acceptances, chats",
      statements: [
        // A layer: the team's, the shop profile, or one agent's personal layer. Its revision
        // goes up with every import.
        """
        CREATE TABLE phrasebook_layer (
          layer text NOT NULL CHECK (layer IN ('team', 'shop', 'personal')),
          agent text NOT NULL DEFAULT '',
          revision bigint NOT NULL DEFAULT 0,
          updated_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (layer, agent))
        """,
        // Each file of a layer as its YAML text: the entries in their file and group, in
        // their order, with their comments, exactly as the files have them.
        """
        CREATE TABLE phrasebook_file (
          layer text NOT NULL,
          agent text NOT NULL,
          name text NOT NULL,
          content text NOT NULL,
          PRIMARY KEY (layer, agent, name),
          FOREIGN KEY (layer, agent) REFERENCES phrasebook_layer ON DELETE CASCADE)
        """,
        // The files an import or restore replaced, with the manifest (`backup.json`'s format).
        """
        CREATE TABLE phrasebook_backup (
          name text PRIMARY KEY,
          layer text NOT NULL,
          agent text NOT NULL,
          created_at timestamptz NOT NULL,
          manifest text NOT NULL)
        """,
        """
        CREATE TABLE phrasebook_backup_file (
          backup text NOT NULL REFERENCES phrasebook_backup ON DELETE CASCADE,
          name text NOT NULL,
          content text NOT NULL,
          PRIMARY KEY (backup, name))
        """,
        // One row per acceptance, as the SQLite usage store has them.
        """
        CREATE TABLE acceptance (
          id bigserial PRIMARY KEY,
          reply_id text NOT NULL,
          agent text NOT NULL,
          accepted_at timestamptz NOT NULL)
        """,
        "CREATE INDEX acceptance_by_reply ON acceptance (reply_id)",
        // Each chat's state (ChatState as JSON), one version more per turn.
        """
        CREATE TABLE chat_state (
          chat text PRIMARY KEY,
          version bigint NOT NULL,
          state text NOT NULL,
          updated_at timestamptz NOT NULL)
        """,
        "CREATE INDEX chat_state_by_time ON chat_state (updated_at)",
      ])
  ]

  /// The newest schema version.
  static var latest: Int { migrations.last?.version ?? 0 }

  /// The key of the advisory lock migrations hold ("huashu" in ASCII).
  static let lockKey: Int64 = 0x6875_6173_6875

  /// Brings the store's schema to ``latest``.
  ///
  /// - Throws: ``StoreError`` when the store was migrated by a newer huashu, or a statement
  ///   fails (nothing of that migration is kept).
  static func migrate(_ connection: PostgresConnection, location: String, logger: Logger)
    async throws
  {
    try await connection.withTransaction(logger: logger) { connection in
      try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
      try await connection.query(
        """
        CREATE TABLE IF NOT EXISTS huashu_schema (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now())
        """, logger: logger)
      var applied = 0
      let rows = try await connection.query(
        "SELECT coalesce(max(version), 0) FROM huashu_schema", logger: logger)
      for try await version in rows.decode(Int.self) { applied = version }
      guard applied <= latest else {
        throw StoreError(
          location: location, doing: "opening the store",
          reason: "its schema is version \(applied), newer than this huashu knows (\(latest));"
            + " update huashu")
      }
      for migration in migrations where migration.version > applied {
        for statement in migration.statements {
          try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
        try await connection.query(
          "INSERT INTO huashu_schema (version, name) VALUES (\(migration.version), \(migration.name))",
          logger: logger)
      }
    }
  }
}
