public import Foundation
public import HuashuCore
public import Logging
internal import PostgresNIO

/// A team store on PostgreSQL (through PostgresNIO): the phrasebook layers, their backups,
/// every acceptance and every chat's state, shared by all the huashu servers and commands of a
/// team.
///
/// Use it inside ``withStore(_:logger:_:)``, which runs its connection pool, brings the schema
/// up to date (``StoreSchema``) and closes it afterwards.
public final class PostgresStore: TeamStore {
  /// Where the store is.
  public let storeLocation: StoreLocation
  let client: PostgresClient
  let logger: Logger

  /// The channel every change of the phrasebooks is announced on (the payload names the
  /// layer).
  static let changesChannel = "huashu_phrasebooks"

  public var location: String { storeLocation.description }

  private init(location: StoreLocation, logger: Logger) {
    storeLocation = location
    self.logger = logger
    client = PostgresClient(configuration: location.clientConfiguration(), backgroundLogger: logger)
  }

  /// Connects to the store at `location`, creates or migrates its schema, runs `body` with
  /// it, and closes the connections when `body` returns or throws.
  ///
  /// - Throws: ``StoreError`` when the store cannot be reached or migrated; what `body` throws.
  public static func withStore<Value: Sendable>(
    _ location: StoreLocation, logger: Logger = Logger(label: "huashu.store"),
    _ body: (PostgresStore) async throws -> Value
  ) async throws -> Value {
    let store = PostgresStore(location: location, logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { await store.client.run() }
      defer { group.cancelAll() }
      do {
        try await store.client.withConnection { connection in
          try await StoreSchema.migrate(
            connection, location: store.location, logger: store.logger)
        }
      } catch let error as StoreError {
        throw error
      } catch {
        throw StoreError(location: store.location, doing: "connecting", error)
      }
      return try await body(store)
    }
  }

  /// Runs `work`, turning PostgreSQL's errors into a ``StoreError`` that says what was being
  /// done.
  func attempt<Value>(_ doing: String, _ work: () async throws -> Value) async throws -> Value {
    do {
      return try await work()
    } catch let error as StoreError {
      throw error
    } catch let error as CancellationError {
      throw error
    } catch let error as PostgresTransactionError {
      // What the transaction's body threw (a refused import, a crash-test stop) is the error;
      // else the failure to begin, commit or roll back.
      if let thrown = error.closureError, !(thrown is PSQLError) { throw thrown }
      let cause = error.closureError ?? error.beginError ?? error.commitError ?? error
      throw StoreError(location: location, doing: doing, cause)
    } catch {
      throw StoreError(location: location, doing: doing, error)
    }
  }
}

/// Something the team store could not do, and why.
public struct StoreError: Error, Sendable, CustomStringConvertible {
  /// The store (its URL without password).
  public var location: String
  /// What was being done (`reading the phrasebooks`).
  public var doing: String
  /// What PostgreSQL or the network said.
  public var reason: String
  /// PostgreSQL's error code (SQLSTATE), when it sent one.
  public var sqlState: String?

  init(location: String, doing: String, reason: String, sqlState: String? = nil) {
    self.location = location
    self.doing = doing
    self.reason = reason
    self.sqlState = sqlState
  }

  init(location: String, doing: String, _ error: any Error) {
    var reason = String(describing: error)
    var state: String?
    if let error = error as? PSQLError {
      state = error.serverInfo?[.sqlState]
      if let message = error.serverInfo?[.message] {
        reason = message
      } else if let underlying = error.underlying {
        reason = String(describing: underlying)
      } else {
        reason = "\(error.code)"
      }
    }
    self.init(location: location, doing: doing, reason: reason, sqlState: state)
  }

  public var description: String { "team store \(location): \(doing): \(reason)" }
}
