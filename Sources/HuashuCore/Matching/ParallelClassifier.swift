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
  @inlinable
  public func map<Input: Sendable, Output: Sendable>(
    _ inputs: [Input], _ work: @Sendable (Input, inout MatchScratch) -> Output
  ) -> [Output] {
    inputs.concurrentMap(threads: jobs, makeState: { MatchScratch() }, work)
  }

  /// Classifies every message, in order.
  public func classify(_ messages: [String]) -> [Classification] {
    map(messages) { [matcher] message, scratch in matcher.classify(message, using: &scratch) }
  }
}
