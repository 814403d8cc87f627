import Foundation

/// The one test hook of the command line: `HUASHU_TEST_CRASH_AFTER_FILES=N` makes an import
/// die, without cleaning up, right after writing its Nth file, as a killed process would; the
/// crash test then checks that the layer is as it was and the next run sweeps the staging.
///
/// Read only by `phrasebook import`; an agent's environment never sets it.
enum CrashTestHook {
  static let variable = "HUASHU_TEST_CRASH_AFTER_FILES"

  /// The hook to run after each written file, when the variable is set to a number.
  static func fromEnvironment() -> (@Sendable (Int) -> Void)? {
    guard let value = ProcessInfo.processInfo.environment[variable], let count = Int(value)
    else { return nil }
    return { written in if written == count { _exit(70) } }
  }
}
