internal import Foundation

/// The text of `huashu find`: one line per reply, for an agent reading a terminal.
public enum FindResultText {
  /// One line per match: code, id and group in aligned columns, then the text cut to
  /// `width` columns (Chinese characters count two).
  public static func lines(_ matches: [ReplyFinder.Match], width: Int) -> [String] {
    let columns = matches.map { [$0.entry.code ?? "-", $0.entry.id.rawValue, $0.entry.group] }
    let widths = (0..<3).map { column in
      columns.map { TextStyle.displayWidth(Substring($0[column])) }.max() ?? 0
    }
    return zip(matches, columns).map { match, cells in
      var line = ""
      for (cell, cellWidth) in zip(cells, widths) {
        line += cell
        line += String(repeating: " ", count: cellWidth - displayWidth(cell) + 2)
      }
      let text = match.text.replacingOccurrences(of: "\n", with: " ")
      return line + cut(text, to: max(width - displayWidth(line), 8))
    }
  }

  /// `text` in at most `width` columns, ending with … when cut.
  static func cut(_ text: String, to width: Int) -> String {
    guard displayWidth(text) > width else { return text }
    var result = ""
    var used = 0
    for character in text {
      let characterWidth = displayWidth(String(character))
      if used + characterWidth > width - 1 { break }
      result.append(character)
      used += characterWidth
    }
    return result + "…"
  }

  private static func displayWidth(_ text: String) -> Int {
    TextStyle.displayWidth(Substring(text))
  }
}
