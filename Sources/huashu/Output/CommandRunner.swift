import ArgumentParser

/// Runs a command body and turns a ``CommandFailure`` into its message and exit code 2.
enum CommandRunner {
  static func run(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let failure as CommandFailure {
      LineWriter.standardError.write("huashu: error: \(failure.description)")
      throw CommandFailure.badInputExitCode
    }
  }
}
