internal import Foundation

/// The comment lines of a phrasebook file, carried over when the file is written again from
/// its entries (an import that changed some of them): a comment stays in front of the entry it
/// stood in front of, the file's opening comments stay on top and its closing ones at the end.
///
/// A comment in front of an entry the import removed moves to the next entry that is still
/// there. Comments at the end of a line are not kept (the writer does not write them).
enum EntryComments {
  /// `new` (the file as generated from its entries) with the comment lines of `old` (the file
  /// as it was) put back.
  static func carry(from old: String, into new: String) -> String {
    let comments = Comments(old)
    guard !comments.isEmpty else { return new }
    let newLines = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let present = Set(newLines.compactMap(entryID))
    // A block whose entry is gone goes with the next entry of the old file that is still here.
    var blocks: [String: [String]] = [:]
    var carried: [String] = []
    for (id, block) in comments.blocks {
      carried += block
      if present.contains(id) {
        blocks[id, default: []] += carried
        carried = []
      }
    }
    var output = comments.header
    for line in newLines {
      if let id = entryID(line), let block = blocks.removeValue(forKey: id) {
        let indent = String(line.prefix { $0 == " " })
        output += block.map { indent + $0 }
      }
      output.append(line)
    }
    let trailing = carried + comments.trailing
    if !trailing.isEmpty {
      // Before the final empty line of a text that ends with a newline.
      let end = output.last == "" ? output.count - 1 : output.count
      output.insert(contentsOf: trailing, at: end)
    }
    return output.joined(separator: "\n")
  }

  /// The id of an entry's first line (`  - id: bargain.firm`), quotes removed.
  static func entryID(_ line: String) -> String? {
    let trimmed = line.drop { $0 == " " }
    guard trimmed.hasPrefix("- id:") else { return nil }
    var id = trimmed.dropFirst(5).trimmingCharacters(in: .whitespaces)
    if id.count >= 2, let first = id.first, first == id.last, first == "'" || first == "\"" {
      id = String(id.dropFirst().dropLast())
    }
    return id.isEmpty ? nil : id
  }

  /// The comment lines of a file, by where they stand.
  private struct Comments {
    /// Comments before anything else in the file.
    var header: [String] = []
    /// Per entry in file order, the comment lines in front of it (without indentation).
    var blocks: [(id: String, lines: [String])] = []
    /// Comments after the last entry.
    var trailing: [String] = []

    var isEmpty: Bool { header.isEmpty && blocks.allSatisfy(\.lines.isEmpty) && trailing.isEmpty }

    init(_ text: String) {
      var pending: [String] = []
      var sawContent = false
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix("#") {
          pending.append(String(trimmed))
        } else if let id = EntryComments.entryID(String(line)) {
          blocks.append((id, pending))
          pending = []
          sawContent = true
        } else if !trimmed.isEmpty, !sawContent {
          header += pending
          pending = []
          sawContent = true
        }
      }
      trailing = pending
    }
  }
}
