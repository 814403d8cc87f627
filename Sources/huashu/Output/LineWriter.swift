import Foundation
import HuashuCore

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
    try checked { () throws(FileDescriptor.Failure) in try FileDescriptor(descriptor).writeAll(text)
    }
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

  /// Writes all of `bytes` (retried after a signal and after a short write).
  ///
  /// - Throws: ``WriteFailure`` when `write(2)` fails, or failed earlier on this descriptor.
  func write(bytes: [UInt8]) throws {
    try checked { () throws(FileDescriptor.Failure) in
      try FileDescriptor(descriptor).writeAll(bytes)
    }
  }

  /// Runs `write` unless a write to this descriptor failed before, and records its failure.
  private func checked(_ write: () throws(FileDescriptor.Failure) -> Void) throws {
    if let failure = WriteFailure.recorded(for: descriptor) { throw failure }
    do {
      try write()
    } catch {
      let failure = WriteFailure(destination: destination, errorNumber: error.number)
      WriteFailure.record(failure, descriptor: descriptor)
      throw failure
    }
  }
}
