import Foundation

/// Reads unlabelled messages from a file or standard input (`-`): one per line, as plain text
/// or, when the line starts with `{`, as a JSON object with a `text` string.
///
/// Blank lines are skipped; a trailing `\r` is dropped. Every bad line (not UTF-8, or JSON
/// without a `text` string) is reported with file:line, and then nothing is mined.
enum UnlabelledMessageReader {
  /// The name standard input goes by in messages.
  static let standardInputName = "<stdin>"

  static func read(_ path: String) throws -> [(line: Int, text: String)] {
    let data: Data
    let name = path == "-" ? standardInputName : path
    do {
      data =
        path == "-"
        ? FileHandle.standardInput.readDataToEndOfFile()
        : try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CommandFailure.badInput(
        "\(name): cannot read the messages: \(error.localizedDescription)")
    }
    var messages: [(line: Int, text: String)] = []
    var problems: [String] = []
    let decoder = JSONDecoder()
    for (index, bytes) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
    {
      let number = index + 1
      var bytes = bytes
      if bytes.last == 0x0D { bytes = bytes.dropLast() }
      guard let line = String(validating: bytes, as: UTF8.self) else {
        problems.append("\(name):\(number):1: error: not UTF-8 text")
        continue
      }
      if line.allSatisfy(\.isWhitespace) { continue }
      guard line.drop(while: \.isWhitespace).first == "{" else {
        messages.append((number, line))
        continue
      }
      do {
        messages.append((number, try decoder.decode(TextLine.self, from: Data(bytes)).text))
      } catch {
        problems.append(
          "\(name):\(number):1: error: a line starting with { must be a JSON object with a "
            + "\"text\" string")
      }
    }
    try CommandFailure.throwIfBadLines(problems, in: name)
    guard !messages.isEmpty else { throw CommandFailure.badInput("\(name): no messages") }
    return messages
  }

  /// The one field read from a JSON line; other fields are ignored.
  private struct TextLine: Decodable {
    var text: String
  }
}
