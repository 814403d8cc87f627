import ArgumentParser

/// Runs a command body and turns its failures into a message on standard error and an exit
/// code: 2 for a ``CommandFailure``, 74 (`EX_IOERR`) for a ``WriteFailure``.
///
/// A write that failed anywhere during the body (recorded by ``LineWriter`` or
/// ``OutputBuffer``) is reported after the body, even when nothing threw it, and wins over
/// every other outcome: whoever reads the output must learn that it is incomplete.
enum CommandRunner {
  static func run(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch {
      throw outcome(of: error)
    }
    if let written = WriteFailure.first { throw report(written) }
  }

  /// ``run(_:)`` for a body that waits (on the team store).
  static func run(_ body: () async throws -> Void) async throws {
    do {
      try await body()
    } catch {
      throw outcome(of: error)
    }
    if let written = WriteFailure.first { throw report(written) }
  }

  /// What the command exits with after `error`, reported.
  private static func outcome(of error: any Error) -> any Error {
    switch error {
    case let failure as WriteFailure:
      return report(WriteFailure.first ?? failure)
    case let failure as CommandFailure:
      LineWriter.standardError.write("huashu: error: \(failure.description)")
      if let written = WriteFailure.first { return report(written) }
      return CommandFailure.badInputExitCode
    default:
      guard let written = WriteFailure.first else { return error }
      if !(error is ExitCode) { LineWriter.standardError.write("huashu: error: \(error)") }
      return report(written)
    }
  }

  /// Prints `failure` (when standard error still takes it) and returns the exit code.
  private static func report(_ failure: WriteFailure) -> ExitCode {
    LineWriter.standardError.write("huashu: error: \(failure)")
    return WriteFailure.exitCode
  }
}
