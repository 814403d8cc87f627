public import Foundation
public import HuashuCore
internal import Logging
internal import PostgresNIO

/// A phrasebook layer in the team store.
public struct StoreLayer: Hashable, Sendable, CustomStringConvertible {
  /// `team`, `shop` or `personal`.
  public var kind: String
  /// The agent, for a personal layer; `""` otherwise.
  public var agent: String

  /// The team layer.
  public static let team = StoreLayer(kind: "team", agent: "")
  /// The shop profile (`shop.yaml`).
  public static let shop = StoreLayer(kind: "shop", agent: "")
  /// `agent`'s personal layer.
  public static func personal(_ agent: String) -> StoreLayer {
    StoreLayer(kind: "personal", agent: agent)
  }

  /// Where its files are said to be: `store/team`, `store/personal/小王`, `store`.
  public var path: String {
    switch kind {
    case "personal": "store/personal/\(agent)"
    case "shop": "store"
    default: "store/\(kind)"
    }
  }

  public var description: String {
    switch kind {
    case "personal": "the personal layer of \(agent)"
    case "shop": "the shop profile"
    default: "the \(kind) layer"
    }
  }
}

extension PostgresStore {
  public func phrasebooks(agent: String) async throws -> StoredPhrasebooks {
    try await attempt("reading the phrasebooks") {
      let rows = try await client.query(
        """
        SELECT layer, name, content FROM phrasebook_file
        WHERE layer IN ('team', 'shop') OR (layer = 'personal' AND agent = \(agent))
        ORDER BY layer, name
        """, logger: logger)
      var phrasebooks = StoredPhrasebooks(team: [])
      for try await (kind, name, text) in rows.decode((String, String, String).self) {
        let layer = StoreLayer(kind: kind, agent: kind == "personal" ? agent : "")
        let file = PhrasebookSourceFile(name: name, path: "\(layer.path)/\(name)", text: text)
        switch kind {
        case "team": phrasebooks.team.append(file)
        case "shop": phrasebooks.shop = file
        default: phrasebooks.personal.append(file)
        }
      }
      return phrasebooks
    }
  }

  /// The files of `layer`, in name order.
  public func files(of layer: StoreLayer) async throws -> [PhrasebookSourceFile] {
    try await attempt("reading \(layer)") {
      try await client.withConnection { connection in
        try await Self.files(of: layer, on: connection, logger: logger)
      }
    }
  }

  /// The agents that have a personal layer.
  public func personalLayers() async throws -> [String] {
    try await attempt("listing the personal layers") {
      let rows = try await client.query(
        "SELECT agent FROM phrasebook_layer WHERE layer = 'personal' ORDER BY agent",
        logger: logger)
      var agents: [String] = []
      for try await agent in rows.decode(String.self) { agents.append(agent) }
      return agents
    }
  }

  /// Changes layers in one transaction.
  ///
  /// `body` locks the layers it reads (a concurrent change of the same layer waits for this
  /// one, or fails after 30 seconds with ``StoreError/sqlState`` `55P03`), and replaces them. Every server following the store
  /// hears of the change once the transaction commits; a transaction cut short (the process
  /// killed, the connection lost, `body` throwing) changes nothing.
  public func change<Value: Sendable>(
    now: Date = Date(), _ body: (LayerChange) async throws -> Value
  ) async throws -> Value {
    try await attempt("changing the phrasebooks") {
      try await client.withTransaction(logger: logger) { connection in
        try await connection.query("SET LOCAL lock_timeout = '30s'", logger: logger)
        let change = LayerChange(connection: connection, logger: logger, now: now)
        return try await body(change)
      }
    }
  }

  /// Every backup, newest first.
  public func backups() async throws -> [PhrasebookBackup] {
    try await attempt("listing the backups") {
      let rows = try await client.query(
        "SELECT manifest FROM phrasebook_backup ORDER BY created_at DESC, name DESC",
        logger: logger)
      var backups: [PhrasebookBackup] = []
      for try await manifest in rows.decode(String.self) {
        backups.append(
          try Self.manifestDecoder.decode(PhrasebookBackup.self, from: Data(manifest.utf8)))
      }
      return backups
    }
  }

  /// The files a backup holds.
  public func files(ofBackup name: String) async throws -> [PhrasebookSourceFile] {
    try await attempt("reading backup \(name)") {
      let rows = try await client.query(
        "SELECT name, content FROM phrasebook_backup_file WHERE backup = \(name) ORDER BY name",
        logger: logger)
      var files: [PhrasebookSourceFile] = []
      for try await (file, text) in rows.decode((String, String).self) {
        files.append(PhrasebookSourceFile(name: file, path: "backup \(name)/\(file)", text: text))
      }
      return files
    }
  }

  static func files(
    of layer: StoreLayer, on connection: PostgresConnection, logger: Logger
  ) async throws -> [PhrasebookSourceFile] {
    let rows = try await connection.query(
      """
      SELECT name, content FROM phrasebook_file
      WHERE layer = \(layer.kind) AND agent = \(layer.agent) ORDER BY name
      """, logger: logger)
    var files: [PhrasebookSourceFile] = []
    for try await (name, text) in rows.decode((String, String).self) {
      files.append(PhrasebookSourceFile(name: name, path: "\(layer.path)/\(name)", text: text))
    }
    return files
  }

  static let manifestDecoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }()
}

/// The layers one transaction of ``PostgresStore/change(now:_:)`` reads and replaces.
public final class LayerChange {
  let connection: PostgresConnection
  let logger: Logger
  let now: Date
  private var changed: Set<String> = []

  /// Called after each file is written, with the count so far (the crash test stops the
  /// process there).
  public var afterEachFile: (Int) throws -> Void = { _ in }

  init(connection: PostgresConnection, logger: Logger, now: Date) {
    self.connection = connection
    self.logger = logger
    self.now = now
  }

  /// Locks `layer` until the transaction ends (creating it when the store has none) and
  /// returns its files.
  public func lock(_ layer: StoreLayer) async throws -> [PhrasebookSourceFile] {
    try await connection.query(
      """
      INSERT INTO phrasebook_layer (layer, agent) VALUES (\(layer.kind), \(layer.agent))
      ON CONFLICT DO NOTHING
      """, logger: logger)
    try await connection.query(
      """
      SELECT revision FROM phrasebook_layer
      WHERE layer = \(layer.kind) AND agent = \(layer.agent) FOR UPDATE
      """, logger: logger)
    return try await PostgresStore.files(of: layer, on: connection, logger: logger)
  }

  /// Makes `files` (name and text, in name order) the whole of `layer`, locked before,
  /// keeping the files it had in a backup; returns the backup, or `nil` when the layer had no
  /// files or already has exactly these (then nothing is written).
  ///
  /// - Throws: ``StoreError`` for a file name a layer cannot hold (nothing is written).
  public func replace(
    _ layer: StoreLayer, with files: [(name: String, text: String)],
    replacing old: [PhrasebookSourceFile]
  ) async throws -> PhrasebookBackup? {
    var names: Set<String> = []
    for file in files {
      if layer.kind != "shop", let problem = BundleFileName.problem(with: file.name) {
        throw StoreError(
          location: layer.path, doing: "writing \(file.name)", reason: "\(problem)")
      }
      guard names.insert(file.name).inserted else {
        throw StoreError(
          location: layer.path, doing: "writing \(file.name)", reason: "the name is given twice")
      }
    }
    if files.map(\.name) == old.map(\.name) && files.map(\.text) == old.map(\.text) {
      return nil
    }
    let backup = old.isEmpty ? nil : try await backUp(layer, old)
    try await connection.query(
      "DELETE FROM phrasebook_file WHERE layer = \(layer.kind) AND agent = \(layer.agent)",
      logger: logger)
    for (index, file) in files.enumerated() {
      try await connection.query(
        """
        INSERT INTO phrasebook_file (layer, agent, name, content)
        VALUES (\(layer.kind), \(layer.agent), \(file.name), \(file.text))
        """, logger: logger)
      try afterEachFile(index + 1)
    }
    try await connection.query(
      """
      UPDATE phrasebook_layer SET revision = revision + 1, updated_at = \(now)
      WHERE layer = \(layer.kind) AND agent = \(layer.agent)
      """, logger: logger)
    let channel = PostgresStore.changesChannel
    let payload = layer.kind == "personal" ? "personal/\(layer.agent)" : layer.kind
    try await connection.query("SELECT pg_notify(\(channel), \(payload))", logger: logger)
    return backup
  }

  private func backUp(_ layer: StoreLayer, _ files: [PhrasebookSourceFile]) async throws
    -> PhrasebookBackup
  {
    let name = PhrasebookBackup.name(
      layer: layer.kind == "personal" ? "personal" : "team", at: now)
    let backup = PhrasebookBackup(
      name: name, layer: layer.kind == "personal" ? "personal" : layer.kind,
      target: layer.path, createdAt: now, files: files.map(\.name))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    let manifest = String(decoding: try encoder.encode(backup), as: UTF8.self)
    try await connection.query(
      """
      INSERT INTO phrasebook_backup (name, layer, agent, created_at, manifest)
      VALUES (\(name), \(layer.kind), \(layer.agent), \(now), \(manifest))
      """, logger: logger)
    for file in files {
      try await connection.query(
        """
        INSERT INTO phrasebook_backup_file (backup, name, content)
        VALUES (\(name), \(file.name), \(file.text))
        """, logger: logger)
    }
    return backup
  }
}
