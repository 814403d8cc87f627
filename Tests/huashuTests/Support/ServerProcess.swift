import Foundation
import Glibc

/// `huashu serve` (or any long-running huashu command) in the background, with its standard
/// error collected.
final class ServerProcess: @unchecked Sendable {
  // @unchecked: `collected` and `knownPort` only change under `lock`.
  private let process = Process()
  private let lock = NSLock()
  private var collected = Data()
  private var knownPort: Int?

  /// Starts the built huashu with `arguments`, the test's environment with `environment`
  /// laid over it, in `directory` (the current one when nil).
  init(arguments: [String], environment: [String: String], directory: URL? = nil) throws {
    process.executableURL = CLI.executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let data = handle.availableData
      guard let self, !data.isEmpty else { return }
      self.lock.withLock { self.collected.append(data) }
    }
    try process.run()
  }

  deinit { stop() }

  /// What it logged so far.
  var log: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

  /// Whether it is still running.
  var isRunning: Bool { process.isRunning }

  /// "running", or how it exited: for messages.
  var state: String {
    process.isRunning ? "running" : "exited with status \(process.terminationStatus)"
  }

  /// The port it printed, once known.
  var portIfKnown: Int? { lock.withLock { knownPort } }

  /// The port from its "serving http://127.0.0.1:PORT/" line, waited for up to `limit`; nil
  /// when it exits or the time is up without one.
  func port(within limit: Duration) async throws -> Int? {
    if let port = portIfKnown { return port }
    let marker = "serving http://127.0.0.1:"
    let start = ContinuousClock.now
    while ContinuousClock.now - start < limit {
      let log = self.log
      if let range = log.range(of: marker),
        let port = Int(log[range.upperBound...].prefix(while: \.isNumber))
      {
        lock.withLock { knownPort = port }
        return port
      }
      guard process.isRunning else { break }
      try await Task.sleep(for: .milliseconds(100))
    }
    return nil
  }

  func signal(_ number: Int32) { kill(process.processIdentifier, number) }

  /// Kills it (SIGKILL) and waits for it.
  func stop() {
    if process.isRunning {
      signal(SIGKILL)
      process.waitUntilExit()
    }
  }

  /// Waits for it to exit; its status.
  func waitForExit() -> Int32 {
    process.waitUntilExit()
    return process.terminationStatus
  }
}
