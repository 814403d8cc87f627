internal import Foundation

/// Reads a labelled corpus: JSON Lines of ``LabeledMessage``, blank lines skipped.
public enum CorpusFile {
  /// The messages of the corpus at `path`, each with its line number.
  ///
  /// - Throws: ``CorpusFileError`` when the file cannot be read, is not UTF-8, is empty, or
  ///   has lines that are not labelled messages (every such line is named).
  public static func read(_ path: String) throws(CorpusFileError)
    -> [(line: Int, message: LabeledMessage)]
  {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CorpusFileError(
        summary: "\(path): cannot read the corpus: \(error.localizedDescription)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CorpusFileError(summary: "\(path): the corpus is not UTF-8 text")
    }
    let decoder = JSONDecoder()
    var messages: [(Int, LabeledMessage)] = []
    var problems: [String] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.allSatisfy(\.isWhitespace) {
      do {
        messages.append((index + 1, try decoder.decode(LabeledMessage.self, from: Data(line.utf8))))
      } catch {
        problems.append(
          "\(path):\(index + 1):1: error: not a labelled message (need \"text\" and \"intent\")")
      }
    }
    guard problems.isEmpty else {
      throw CorpusFileError(summary: "\(problems.count) bad line(s) in \(path)", lines: problems)
    }
    guard !messages.isEmpty else { throw CorpusFileError(summary: "\(path): the corpus is empty") }
    return messages
  }
}

/// Why a corpus could not be read.
public struct CorpusFileError: Error, Sendable, CustomStringConvertible {
  /// One line on what is wrong.
  public var summary: String
  /// Each bad line, as `file:line:column: error: …`.
  public var lines: [String] = []

  /// The summary.
  public var description: String { summary }
}
