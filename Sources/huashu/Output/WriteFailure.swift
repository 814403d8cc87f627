import ArgumentParser
import Foundation
import Synchronization

/// A write to standard output or standard error that failed: a full disk, a closed pipe, a
/// device that takes no more.
///
/// Every write of the CLI is checked: ``LineWriter`` and ``OutputBuffer`` throw or record the
/// failure, the command stops, and ``CommandRunner`` prints it and exits with ``exitCode``. A
/// reader of the output (an agent's client, a script) must learn that it is incomplete.
struct WriteFailure: Error, CustomStringConvertible, Sendable {
  /// Where the bytes were going: `standard output`, `standard error`.
  var destination: String
  /// The `errno` of the failed `write(2)`.
  var errorNumber: Int32

  var description: String {
    "cannot write to \(destination): \(String(cString: strerror(errorNumber)))"
  }

  /// The exit code of a command whose output could not be written: 74, `EX_IOERR` of
  /// sysexits(3).
  static let exitCode = ExitCode(74)

  /// The first write that failed in this process, if any.
  static var first: WriteFailure? { failures.withLock { $0.first?.value } }

  /// Keeps `failure` as the failure of its descriptor, unless the descriptor already has one.
  static func record(_ failure: WriteFailure, descriptor: Int32) {
    failures.withLock { failures in
      if !failures.contains(where: { $0.descriptor == descriptor }) {
        failures.append((descriptor, failure))
      }
    }
  }

  /// The failure recorded for `descriptor`, if any: later writes to it are not attempted, so
  /// the output never goes on after a gap.
  static func recorded(for descriptor: Int32) -> WriteFailure? {
    failures.withLock { failures in failures.first { $0.descriptor == descriptor }?.value }
  }

  /// Every failure so far, first first, one per descriptor.
  private static let failures = Mutex<[(descriptor: Int32, value: WriteFailure)]>([])
}
