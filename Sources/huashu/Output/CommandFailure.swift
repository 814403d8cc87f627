import ArgumentParser

/// A failure the CLI reports with a message and an exit code.
///
/// `badInput` and `reported` exit with 2 (bad input or files, per DESIGN.md); `reported` means
/// the details were already printed.
enum CommandFailure: Error, CustomStringConvertible {
  /// Bad input or files: the message is printed, the exit code is 2.
  case badInput(String)
  /// Diagnostics were already printed; this is the summary line. Exit code 2.
  case reported(String)

  var description: String {
    switch self {
    case .badInput(let message), .reported(let message): message
    }
  }

  static let badInputExitCode = ExitCode(2)

  /// Prints the first 20 of the bad lines found in the input `name` and throws their count;
  /// does nothing when there are none.
  static func throwIfBadLines(_ problems: [String], in name: String) throws {
    guard !problems.isEmpty else { return }
    for problem in problems.prefix(20) { LineWriter.standardError.write(problem) }
    throw reported("\(problems.count) bad line(s) in \(name)")
  }
}
