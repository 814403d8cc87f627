internal import Foundation
internal import Synchronization

/// A team store that may not answer: every call waits at most ``storeDeadline``; while the store
/// is unreachable, turns answer without it and one turn tries it again now and then.
extension SuggestService {
  /// The store answered: turns ask it again, and ``health()`` says ok.
  func markStoreReachable() {
    state.withLock { $0.storeProblem = nil }
  }

  /// The store failed with `error`: ``health()`` says degraded (since the first failure), and
  /// turns stop asking it until ``storeRetryInterval`` has passed.
  func markStoreUnreachable(_ error: any Error) {
    let now = configuration.clock()
    state.withLock { state in
      state.storeProblem = (
        String(describing: error), state.storeProblem?.since ?? now,
        now.addingTimeInterval(Self.storeRetryInterval)
      )
    }
  }

  /// The value of `work`, or a ``StoreTimeout`` when it takes longer than
  /// ``storeDeadline``.
  static func withDeadline<Value: Sendable>(
    _ work: @escaping @Sendable () async throws -> Value
  ) async throws -> Value {
    try await withThrowingTaskGroup(of: Value?.self) { group in
      group.addTask { try await work() }
      group.addTask {
        try await Task.sleep(for: storeDeadline)
        return nil
      }
      defer { group.cancelAll() }
      guard let first = try await group.next(), let value = first else {
        throw StoreTimeout(deadline: storeDeadline)
      }
      return value
    }
  }
}

/// The team store did not answer in time.
public struct StoreTimeout: Error, CustomStringConvertible {
  /// How long it was given.
  public var deadline: Duration

  public var description: String { "the team store did not answer within \(deadline)" }
}

extension SuggestService.State {
  /// Whether a turn may ask the store: always while it answers; while it does not, one turn
  /// every ``SuggestService/storeRetryInterval``.
  mutating func mayAskStore(at now: Date) -> Bool {
    guard let problem = storeProblem else { return true }
    guard now >= problem.nextTry else { return false }
    storeProblem?.nextTry = now.addingTimeInterval(SuggestService.storeRetryInterval)
    return true
  }
}
