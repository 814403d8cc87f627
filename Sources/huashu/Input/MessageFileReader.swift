import Foundation
import HuashuCore

/// Reads unlabelled messages (``MessageLines``) from a file or standard input (`-`), and
/// fails with every bad line listed (then nothing is measured or mined).
enum MessageFileReader {
  static func read(_ path: String) throws -> [(line: Int, text: String)] {
    let name = path == "-" ? MessageInput.standardInputName : path
    let data: Data
    do {
      data =
        path == "-"
        ? FileHandle.standardInput.readDataToEndOfFile()
        : try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CommandFailure.badInput(
        "\(name): cannot read the messages: \(error.localizedDescription)")
    }
    let lines = MessageLines(data, name: name)
    try CommandFailure.throwIfBadLines(lines.problems, in: name)
    guard !lines.messages.isEmpty else { throw CommandFailure.badInput("\(name): no messages") }
    return lines.messages
  }
}
