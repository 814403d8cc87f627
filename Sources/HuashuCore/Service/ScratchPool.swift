internal import Synchronization

/// Match scratch space for many threads: each call borrows a scratch no other thread is using,
/// and gives it back after, so a server classifies without allocating a scratch per request.
final class ScratchPool: Sendable {
  /// One scratch, handed from thread to thread through the pool's lock: only the thread that
  /// took it out of the pool uses it.
  private final class Box: @unchecked Sendable {
    var scratch = MatchScratch()
  }

  private let idle = Mutex<[Box]>([])

  /// Runs `body` with a scratch of its own.
  func withScratch<Result>(_ body: (inout MatchScratch) -> Result) -> Result {
    let box = idle.withLock { $0.popLast() } ?? Box()
    defer { idle.withLock { $0.append(box) } }
    return body(&box.scratch)
  }
}
