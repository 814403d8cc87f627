public import Dispatch

// The parallel map is `@inlinable` so that it is specialized where it is called (the CLI):
// unspecialized, every element went through generic value witnesses and runtime metadata
// lookups, which take a lock that two threads then fought over.

extension Array where Element: Sendable {
  /// The elements transformed on up to `threads` threads, in order.
  ///
  /// Each thread takes a contiguous run of the array (results written side by side by two
  /// threads would share cache lines) and gets its own `state`, made by `makeState` on that
  /// thread.
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
    let results = ResultSlots<Output>(count: count)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var state = makeState()
      let start = count * worker / workers
      let end = count * (worker + 1) / workers
      for index in start..<end { results.set(index, transform(self[index], &state)) }
    }
    return results.values()
  }
}

/// Slots written by several threads, each index by exactly one thread, read after they join.
@usableFromInline
final class ResultSlots<Value>: @unchecked Sendable {
  // @unchecked: every index is written once by one worker of concurrentPerform, and read only
  // after concurrentPerform has returned, which orders all writes before the reads. The slots
  // are a raw allocation (not an Array, whose mutation is not safe from several threads).
  @usableFromInline let slots: UnsafeMutablePointer<Value?>
  @usableFromInline let count: Int

  @inlinable
  init(count: Int) {
    self.count = count
    slots = UnsafeMutablePointer<Value?>.allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
  }

  @inlinable
  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  @inlinable
  func set(_ index: Int, _ value: Value) { slots[index] = value }

  /// The values, moved out of their slots.
  @inlinable
  func values() -> [Value] {
    (0..<count).compactMap { index in
      let value = (slots + index).move()
      (slots + index).initialize(to: nil)
      return value
    }
  }
}
