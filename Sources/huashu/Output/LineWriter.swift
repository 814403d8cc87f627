import Foundation

/// Writes lines to a file descriptor, unbuffered, so each answer leaves as soon as it is made.
///
/// Every write is checked. ``write(line:)`` throws a ``WriteFailure``; ``write(_:)``, for
/// messages that cannot stop a command, records it, and ``CommandRunner`` reports it when the
/// command ends. Either way the failure is recorded, and nothing more is written to that
/// descriptor: output with a gap in it would look complete.
struct LineWriter: Sendable {
  /// The file descriptor written to.
  let descriptor: Int32
  /// What the descriptor is, for error messages.
  let destination: String

  static let standardOutput = LineWriter(descriptor: STDOUT_FILENO)
  static let standardError = LineWriter(descriptor: STDERR_FILENO)

  init(descriptor: Int32) {
    self.descriptor = descriptor
    switch descriptor {
    case STDOUT_FILENO: destination = "standard output"
    case STDERR_FILENO: destination = "standard error"
    default: destination = "file descriptor \(descriptor)"
    }
  }

  /// Writes `line` and a newline.
  ///
  /// - Throws: ``WriteFailure`` when the write fails, or an earlier one to this descriptor did.
  func write(line: String) throws {
    var text = line
    text.append("\n")
    try write(text: text)
  }

  /// Writes `text` as it is, with no newline added.
  ///
  /// - Throws: ``WriteFailure`` when the write fails, or an earlier one to this descriptor did.
  func write(text: String) throws {
    var text = text
    try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0)) }
  }

  /// Writes `line` and a newline, recording a failure instead of throwing it.
  ///
  /// ``CommandRunner`` reports a recorded failure when the command ends (exit code 74). For
  /// diagnostics and short messages; a loop writing answers uses ``write(line:)`` and stops at
  /// the first failure.
  func write(_ line: String) {
    do {
      try write(line: line)
    } catch {
      // Recorded by write(bytes:); CommandRunner reports it.
    }
  }

  /// Writes all of `bytes`, retrying after a signal and after a short write.
  ///
  /// - Throws: ``WriteFailure`` when `write(2)` fails, or failed earlier on this descriptor.
  func write(bytes: UnsafeRawBufferPointer) throws {
    if let failure = WriteFailure.recorded(for: descriptor) { throw failure }
    var written = 0
    while written < bytes.count {
      let rest = UnsafeRawBufferPointer(rebasing: bytes[written...])
      let count = systemWrite(descriptor, rest)
      if count > 0 {
        written += count
      } else if count < 0 && errno == EINTR {
        continue
      } else {
        // A write of zero bytes for a non-empty buffer makes no progress: report it as an
        // I/O error rather than loop.
        let failure = WriteFailure(
          destination: destination, errorNumber: count < 0 ? errno : EIO)
        WriteFailure.record(failure, descriptor: descriptor)
        throw failure
      }
    }
  }
}

/// `write(2)`, out of reach of the methods named `write` above.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
  write(descriptor, bytes.baseAddress, bytes.count)
}
