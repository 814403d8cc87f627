public import Foundation

/// Unlabelled messages, one per line: plain text or, when the line starts with `{`, a JSON
/// object with a `text` string (other fields ignored).
///
/// Blank lines are skipped; a trailing `\r` is dropped. Every bad line (not UTF-8, or JSON
/// without a `text` string) is a problem with its line number.
public struct MessageLines: Sendable {
  /// The messages, with their 1-based line numbers.
  public var messages: [(line: Int, text: String)] = []
  /// What is wrong with each bad line, as `name:line:1: error: …`.
  public var problems: [String] = []

  /// Reads the lines of `data`; `name` names the file in the problems.
  public init(_ data: Data, name: String) {
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
  }

  /// The one field read from a JSON line.
  private struct TextLine: Decodable {
    var text: String
  }
}
