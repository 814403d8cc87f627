import Foundation
import TestScratch
import Testing

@testable import HuashuCore

/// Paths and helpers shared by the tests.
enum TestSupport {
  /// The package root, found from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Whether golden files should be re-recorded (`HUASHU_RECORD=1`).
  static var isRecording: Bool { ProcessInfo.processInfo.environment["HUASHU_RECORD"] == "1" }

  /// The directory of a fixture under `Fixtures/`.
  static func fixture(_ relativePath: String) -> String {
    guard let base = Bundle.module.resourceURL else { return relativePath }
    return base.appendingPathComponent("Fixtures").appendingPathComponent(relativePath).path
  }

  /// Writes `files` (name → content) into a new temporary directory and returns its path.
  static func temporaryDirectory(files: [String: String]) throws -> String {
    let directory = Scratch.url("files")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, content) in files {
      try content.write(
        to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return directory.path
  }

  /// Loads a rule set from in-memory files.
  static func load(_ files: [String: String]) throws -> RuleSetLoader.Result {
    try RuleSetLoader().load(directory: temporaryDirectory(files: files))
  }
}
