import Foundation
import Testing

/// Runs the built `huashu` binary and captures what it printed and its exit status.
struct CLI {
  struct Result {
    var stdout: String
    var stderr: String
    var status: Int32
  }

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let testsDirectory = packageRoot.appendingPathComponent("Tests/huashuTests")

  /// The `huashu` executable next to the test bundle.
  static var executable: URL {
    let candidates = [
      Bundle.main.bundleURL.appendingPathComponent("huashu"),
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("huashu"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[0]
  }

  static func fixture(_ name: String) -> String {
    testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name).path
  }

  /// Runs huashu with `arguments`, feeding `input` on standard input.
  ///
  /// With `standardOutput`, the child's standard output is that file (`/dev/full`, to see a
  /// failed write) and `stdout` of the result is empty.
  static func run(
    _ arguments: [String], input: Data = Data(), currentDirectory: URL? = nil,
    environment: [String: String] = [:], standardOutput: String? = nil,
    executable: URL = CLI.executable
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = currentDirectory ?? FileManager.default.temporaryDirectory
    var env = ProcessInfo.processInfo.environment
    env["COLUMNS"] = "80"  // help text wraps to the terminal width
    env.merge(environment) { $1 }
    process.environment = env
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    let outBox = DataBox()
    let errBox = DataBox()
    process.standardInput = stdin
    var pipes = [(stderr, errBox)]
    if let standardOutput {
      process.standardOutput = try FileHandle(
        forWritingTo: URL(fileURLWithPath: standardOutput))
    } else {
      process.standardOutput = stdout
      pipes.append((stdout, outBox))
    }
    process.standardError = stderr
    try process.run()
    // Read both pipes concurrently so a large output cannot block the child.
    let group = DispatchGroup()
    for (pipe, box) in pipes {
      group.enter()
      DispatchQueue.global().async {
        box.data = pipe.fileHandleForReading.readDataToEndOfFile()
        group.leave()
      }
    }
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
    process.waitUntilExit()
    group.wait()
    return Result(
      stdout: String(decoding: outBox.data, as: UTF8.self),
      stderr: String(decoding: errBox.data, as: UTF8.self), status: process.terminationStatus)
  }

  static func run(_ arguments: [String], stdin text: String) throws -> Result {
    try run(arguments, input: Data(text.utf8))
  }

  /// Compares `actual` with the golden file `name`; `HUASHU_RECORD=1` rewrites it and fails.
  static func assertGolden(
    _ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = testsDirectory.appendingPathComponent("Golden").appendingPathComponent(name)
    let expected = try? String(contentsOf: url, encoding: .utf8)
    if ProcessInfo.processInfo.environment["HUASHU_RECORD"] == "1" {
      if expected != actual {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("re-recorded golden file \(name)", sourceLocation: sourceLocation)
      }
      return
    }
    #expect(
      expected == actual, "golden \(name) differs (HUASHU_RECORD=1 re-records)",
      sourceLocation: sourceLocation)
  }
}

/// A mutable box for data read on another thread.
final class DataBox: @unchecked Sendable {
  // @unchecked: written once by the reading thread before DispatchGroup.leave(), read after
  // group.wait(), which orders the two.
  var data = Data()
}
