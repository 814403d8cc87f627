internal import Dispatch

/// Runs blocking work (compiling rules for a reload, a corpus run) on a Dispatch thread, so an
/// async caller does not hold one of the few threads that answer requests for a second or two.
public enum BlockingWork {
  /// The value of `work`, run on a global Dispatch queue.
  public static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value)
    async throws -> Value
  {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
  }

  /// The value of `work`, which cannot fail, run on a global Dispatch queue.
  public static func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async
    -> Value
  {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
  }
}
