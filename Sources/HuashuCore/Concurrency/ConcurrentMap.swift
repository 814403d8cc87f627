public import Dispatch
public import Synchronization

// The parallel map is `@inlinable` so that it is specialized where it is called (the CLI):
// unspecialized, every element went through generic value witnesses and runtime metadata
// lookups, which take a lock that two threads then fought over.

extension Array where Element: Sendable {
  /// The elements transformed on up to `threads` threads, in order.
  ///
  /// Each thread takes a contiguous run of the array, transforms it into an array of its own
  /// (results written side by side by two threads would share cache lines) and gets its own
  /// `state`, made by `makeState` on that thread; the runs are joined in order at the end.
  @inlinable
  func concurrentMap<State: ~Copyable, Output: Sendable>(
    threads: Int, makeState: @Sendable () -> State,
    _ transform: @Sendable (Element, inout State) -> Output
  ) -> [Output] {
    let workers = Swift.min(Swift.max(1, threads), count)
    guard workers > 1 else {
      var state = makeState()
      return map { transform($0, &state) }
    }
    let runs = RunResults<Output>(count: workers)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var state = makeState()
      let start = count * worker / workers
      let end = count * (worker + 1) / workers
      runs.store(self[start..<end].map { transform($0, &state) }, at: worker)
    }
    return runs.joined()
  }
}

/// The results of each worker's run, stored once per worker under a lock.
@usableFromInline
final class RunResults<Value: Sendable>: Sendable {
  @usableFromInline let runs: Mutex<[[Value]]>

  @inlinable
  init(count: Int) { runs = Mutex(Array(repeating: [], count: count)) }

  @inlinable
  func store(_ run: [Value], at worker: Int) { runs.withLock { $0[worker] = run } }

  /// Every run's values, in the order of the runs.
  @inlinable
  func joined() -> [Value] { runs.withLock { Array($0.joined()) } }
}
