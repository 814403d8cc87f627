public import HuashuCore
internal import Logging
internal import PostgresNIO

extension PostgresStore {
  /// Listens on a connection of its own (not the pool's, so that a lost store is noticed at
  /// once and never makes a request wait for a pooled connection): `LISTEN`, then `listening`,
  /// then `changed` for each notification; a `SELECT 1` every five seconds notices a
  /// connection that died quietly.
  public func followChanges(
    listening: @escaping @Sendable () async -> Void,
    changed: @escaping @Sendable () async -> Void
  ) async throws {
    let configuration = try storeLocation.connectionConfiguration()
    let connection: PostgresConnection
    do {
      connection = try await PostgresConnection.connect(
        configuration: configuration, id: 1, logger: logger)
    } catch {
      throw StoreError(location: location, doing: "connecting to follow changes", error)
    }
    defer { Task { [connection] in try? await connection.close() } }
    let logger = self.logger
    let location = self.location
    do {
      try await connection.listen(on: Self.changesChannel) { notifications in
        await listening()
        try await withThrowingTaskGroup(of: Void.self) { group in
          group.addTask {
            for try await _ in notifications { await changed() }
            throw StoreError(
              location: location, doing: "following changes", reason: "the connection closed")
          }
          group.addTask {
            while true {
              try await Task.sleep(for: .seconds(5))
              try await connection.query("SELECT 1", logger: logger)
            }
          }
          try await group.next()
          group.cancelAll()
        }
      }
    } catch is CancellationError {
      return
    } catch let error as StoreError {
      throw error
    } catch {
      if Task.isCancelled { return }
      throw StoreError(location: location, doing: "following changes", error)
    }
  }
}
