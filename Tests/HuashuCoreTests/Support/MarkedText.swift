/// Text with position markers, so a test states where a diagnostic must point by writing a
/// marker there instead of counting columns by hand (as swift-format's tests do).
///
/// `1️⃣` … `9️⃣` mark positions; ``text`` is the content without them and ``location(_:)``
/// gives a marker's 1-based line and column in Unicode scalars, as `SourceLocation` counts.
struct MarkedText {
  let text: String
  private let positions: [String: (line: Int, column: Int)]

  static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

  init(_ marked: String) {
    var text = ""
    var positions: [String: (Int, Int)] = [:]
    var line = 1
    var column = 1
    var rest = Substring(marked)
    outer: while !rest.isEmpty {
      for marker in Self.markers where rest.hasPrefix(marker) {
        positions[marker] = (line, column)
        rest = rest.dropFirst(marker.count)
        continue outer
      }
      let character = rest.removeFirst()
      text.append(character)
      if character == "\n" {
        line += 1
        column = 1
      } else {
        column += character.unicodeScalars.count
      }
    }
    self.text = text
    self.positions = positions
  }

  /// The line and column of `marker`.
  func location(_ marker: String) -> (line: Int, column: Int)? { positions[marker] }
}
