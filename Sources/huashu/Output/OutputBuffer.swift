import Foundation

/// Lines for a file descriptor, gathered into large writes.
///
/// `huashu suggest` answers thousands of lines a second; one `write` per line would cost more
/// than the answer. The buffer is written out when it fills, when ``flush()`` is called (the
/// line reader calls it before it waits for input, so an agent typing one message at a time
/// sees each answer at once) and when the buffer is released.
///
/// A failed write is kept in ``failure`` (and recorded for ``CommandRunner``); from then on
/// lines are dropped, and ``throwIfFailed()`` throws it, so the loop writing answers stops at
/// the first failure rather than answer into the void.
final class OutputBuffer {
  private let writer: LineWriter
  private var bytes: [UInt8] = []
  private let capacity: Int
  /// The failed write, if one failed.
  private(set) var failure: WriteFailure?

  /// A buffer for `descriptor` that writes once `capacity` bytes are waiting.
  init(descriptor: Int32, capacity: Int = 64 * 1024) {
    self.writer = LineWriter(descriptor: descriptor)
    self.capacity = capacity
    bytes.reserveCapacity(capacity + 4096)
  }

  deinit { flush() }

  /// Adds `line` and a newline; dropped after a failed write.
  func append(line: some Collection<UInt8>) {
    guard failure == nil else { return }
    bytes.append(contentsOf: line)
    bytes.append(UInt8(ascii: "\n"))
    if bytes.count >= capacity { flush() }
  }

  /// Writes everything waiting; a failure is kept in ``failure``.
  func flush() {
    guard failure == nil, !bytes.isEmpty else { return }
    do {
      try writer.write(bytes: bytes)
    } catch {
      failure =
        error as? WriteFailure
        ?? WriteFailure(destination: writer.destination, errorNumber: EIO)
    }
    bytes.removeAll(keepingCapacity: true)
  }

  /// Throws the failure of an earlier write, if one failed.
  func throwIfFailed() throws {
    if let failure { throw failure }
  }

  /// Writes everything waiting, and tells whether all was written: the line reader's hook
  /// before it waits for input, which stops reading once the output is gone.
  func flushBeforeWaiting() -> Bool {
    flush()
    return failure == nil
  }
}
