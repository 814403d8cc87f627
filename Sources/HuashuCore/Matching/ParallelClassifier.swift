internal import Dispatch

/// Classifies a batch of messages on several threads, each with its own ``MatchScratch``,
/// and returns the results in input order.
///
/// Safe to use from one thread at a time; the work itself is spread over `jobs` threads.
public struct ParallelClassifier: Sendable {
  /// The matcher shared by every thread (it is immutable).
  public let matcher: Matcher
  /// How many threads to use.
  public let jobs: Int

  /// Creates a classifier using `jobs` threads (at least 1).
  public init(matcher: Matcher, jobs: Int) {
    self.matcher = matcher
    self.jobs = max(1, jobs)
  }

  /// Applies `work` to every element of `inputs` on `jobs` threads, keeping the order.
  ///
  /// `work` gets a scratch of its own thread; it must not touch shared mutable state.
  public func map<Input: Sendable, Output: Sendable>(
    _ inputs: [Input], _ work: @Sendable (Input, inout MatchScratch) -> Output
  ) -> [Output] {
    guard jobs > 1, inputs.count > 1 else {
      var scratch = MatchScratch()
      return inputs.map { work($0, &scratch) }
    }
    let results = ResultSlots<Output>(count: inputs.count)
    let workers = min(jobs, inputs.count)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var scratch = MatchScratch()
      // Interleaved, so an uneven batch (a few long messages) still splits evenly.
      for index in stride(from: worker, to: inputs.count, by: workers) {
        results.set(index, work(inputs[index], &scratch))
      }
    }
    return results.values()
  }

  /// Classifies every message, in order.
  public func classify(_ messages: [String]) -> [Classification] {
    map(messages) { [matcher] message, scratch in matcher.classify(message, using: &scratch) }
  }
}

/// Slots written by several threads, each index by exactly one thread, read after they join.
private final class ResultSlots<Value>: @unchecked Sendable {
  // @unchecked: every index is written once by one worker of concurrentPerform, and read only
  // after concurrentPerform has returned, which orders all writes before the reads. The slots
  // are a raw allocation (not an Array, whose mutation is not safe from several threads).
  private let slots: UnsafeMutablePointer<Value?>
  private let count: Int

  init(count: Int) {
    self.count = count
    slots = UnsafeMutablePointer<Value?>.allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  func set(_ index: Int, _ value: Value) { slots[index] = value }

  func values() -> [Value] { (0..<count).compactMap { slots[$0] } }
}
