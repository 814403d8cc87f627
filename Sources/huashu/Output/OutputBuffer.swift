import Foundation

/// Lines for a file descriptor, gathered into large writes.
///
/// `huashu suggest` answers thousands of lines a second; one `write` per line would cost more
/// than the answer. The buffer is written out when it fills, when ``flush()`` is called (the
/// line reader calls it before it waits for input, so an agent typing one message at a time
/// sees each answer at once) and when the buffer is released.
final class OutputBuffer {
  private let descriptor: Int32
  private var bytes: [UInt8] = []
  private let capacity: Int

  /// A buffer for `descriptor` that writes once `capacity` bytes are waiting.
  init(descriptor: Int32, capacity: Int = 64 * 1024) {
    self.descriptor = descriptor
    self.capacity = capacity
    bytes.reserveCapacity(capacity + 4096)
  }

  deinit { flush() }

  /// Adds `line` and a newline.
  func append(line: some Collection<UInt8>) {
    bytes.append(contentsOf: line)
    bytes.append(UInt8(ascii: "\n"))
    if bytes.count >= capacity { flush() }
  }

  /// Writes everything waiting.
  ///
  /// A write error (a closed pipe) drops the output, as `FileHandle` does when `SIGPIPE` is
  /// ignored.
  func flush() {
    var written = 0
    bytes.withUnsafeBytes { buffer in
      while written < buffer.count {
        let rest = UnsafeRawBufferPointer(rebasing: buffer[written...])
        let count = write(descriptor, rest.baseAddress, rest.count)
        if count > 0 {
          written += count
        } else if count < 0 && errno == EINTR {
          continue
        } else {
          return
        }
      }
    }
    bytes.removeAll(keepingCapacity: true)
  }
}
