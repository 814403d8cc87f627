import ArgumentParser
import Foundation
import HuashuCore
import HuashuStore
import Logging

/// `--store URL` (or `$HUASHU_STORE`): the team store on PostgreSQL; without it, files and
/// SQLite.
struct StoreOption: ParsableArguments {
  @Option(
    name: .customLong("store"),
    help: ArgumentHelp(
      "A team store: postgres://user[:password]@host[:port]/database.",
      discussion:
        "Default: $HUASHU_STORE. The team layer, the shop profile, personal layers, usage and "
        + "chats are then kept there; without a store, in files and SQLite.",
      valueName: "url"))
  var url: String?

  /// The store's location, if one is given.
  func location() throws -> StoreLocation? {
    let given = url ?? ProcessInfo.processInfo.environment["HUASHU_STORE"]
    guard let given, !given.isEmpty else { return nil }
    do {
      return try StoreLocation(url: given)
    } catch {
      throw CommandFailure.badInput(error.description)
    }
  }

  /// Runs `body` with the store connected and migrated; exit 2 when it cannot be reached.
  static func with<Value: Sendable>(
    _ location: StoreLocation, _ body: (PostgresStore) async throws -> Value
  ) async throws -> Value {
    var logger = Logger(label: "huashu.store")
    logger.logLevel = .critical
    do {
      return try await PostgresStore.withStore(location, logger: logger, body)
    } catch let error as StoreError {
      throw CommandFailure.badInput(error.description)
    }
  }

  /// What the store holds for `agent`, to find or suggest with: the team and personal
  /// phrasebooks and the team's accepted counts; nil without a store.
  func phrasebooksAndCounts(agent: String) async throws -> StoredPhrasebooksAndCounts? {
    guard let location = try location() else { return nil }
    return try await Self.with(location) { store in
      StoredPhrasebooksAndCounts(
        phrasebooks: try await store.phrasebooks(agent: agent),
        counts: try await store.acceptedCounts())
    }
  }
}

/// The phrasebooks and accepted counts read from a team store.
struct StoredPhrasebooksAndCounts: Sendable {
  var phrasebooks: StoredPhrasebooks
  var counts: [ReplyID: Int]
}
