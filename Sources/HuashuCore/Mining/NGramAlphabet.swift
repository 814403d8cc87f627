/// Cuts normalized messages into units (characters) for n-gram counting, and turns n-grams
/// back into text.
///
/// A unit is one `Character` of the normalized text (so an emoji sequence is never cut), given
/// a small id. Some units are barriers (id 0), which no n-gram crosses:
/// - white space;
/// - a bracketed token of at most ``maximumTokenLength`` characters, brackets included, such as
///   the corpus's anonymisation tokens `[数字x]`, `[订单x]`, `[金额x]` or a chat client's
///   `[微笑]`: it stands for text the buyer did not type this way, so nothing inside it is
///   counted;
/// - a `[` or `]` outside such a token.
///
/// Units that are only punctuation, symbols (emoji included) or digits are *filler*: an
/// n-gram made of filler alone is not a candidate (`!!!`, `12`, `?😊`).
///
/// A run of ASCII letters and digits is a word: an n-gram never starts or ends inside one, so
/// `hdmi线` gives `hdmi` and `hdmi线` but not `hd`, `dm` or `mi线` (a word longer than six
/// characters gives no n-gram of its own).
///
/// Not thread-safe (it learns new characters); one per mining run.
struct NGramAlphabet {
  /// The longest bracketed token treated as one barrier, in characters, brackets included.
  static let maximumTokenLength = 12

  private var ids: [Character: UInt32] = [:]
  /// The character of each id (index 0 is the barrier's placeholder).
  private var characters: [Character] = [" "]
  /// Whether each id is filler.
  private(set) var isFiller: [Bool] = [true]
  /// Whether each id is an ASCII letter or digit (part of a word).
  private var isWordPart: [Bool] = [false]

  /// The units of a normalized message, barriers as 0.
  mutating func units(of normalized: String) -> [UInt32] {
    let characters = Array(normalized)
    var units = [UInt32](repeating: 0, count: characters.count)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "[", let end = Self.tokenEnd(characters, openingAt: index) {
        index = end  // the token stays barriers
        continue
      }
      if !character.isWhitespace && character != "[" && character != "]" {
        units[index] = id(of: character)
      }
      index += 1
    }
    return units
  }

  /// The text of an n-gram's units.
  func text(of units: some Sequence<UInt32>) -> String {
    String(units.map { characters[Int($0)] })
  }

  /// Calls `body` with every n-gram of two to six units of `units` that crosses no barrier,
  /// neither starts nor ends inside a word, and is not filler alone: its key and where it is.
  ///
  /// The ends of `units` count as word boundaries. The same n-gram is passed as often as it
  /// occurs; callers count each message once.
  func forEachNGram(in units: [UInt32], _ body: (NGramKey, Range<Int>) -> Void) {
    /// Whether a word goes on across the boundary before `index`.
    func joins(_ index: Int) -> Bool {
      index > 0 && index < units.count && isWordPart[Int(units[index - 1])]
        && isWordPart[Int(units[index])]
    }
    for start in units.indices where units[start] != 0 && !joins(start) {
      var key = NGramKey()
      key.set(units[start], at: 0)
      var hasContent = !isFiller[Int(units[start])]
      let longest = min(NGramKey.maximumLength, units.count - start)
      guard longest >= NGramKey.minimumLength else { continue }
      for length in NGramKey.minimumLength...longest {
        let unit = units[start + length - 1]
        if unit == 0 { break }
        key.set(unit, at: length - 1)
        hasContent = hasContent || !isFiller[Int(unit)]
        if hasContent && !joins(start + length) { body(key, start..<start + length) }
      }
    }
  }

  private mutating func id(of character: Character) -> UInt32 {
    if let id = ids[character] { return id }
    let id = UInt32(characters.count)
    ids[character] = id
    characters.append(character)
    isFiller.append(Self.isFiller(character))
    isWordPart.append(character.isASCII && (character.isLetter || character.isNumber))
    return id
  }

  /// The index just past the `]` closing the token that opens at `start`, if it is short and
  /// holds no space or other `[`.
  private static func tokenEnd(_ characters: [Character], openingAt start: Int) -> Int? {
    let limit = min(characters.count, start + maximumTokenLength)
    var index = start + 1
    while index < limit {
      let character = characters[index]
      if character == "]" { return index + 1 }
      if character == "[" || character.isWhitespace { return nil }
      index += 1
    }
    return nil
  }

  private static func isFiller(_ character: Character) -> Bool {
    character.unicodeScalars.allSatisfy { scalar in
      switch scalar.properties.generalCategory {
      case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol,
        .currencySymbol, .modifierSymbol, .otherSymbol, .decimalNumber, .letterNumber,
        .otherNumber, .format, .control, .nonspacingMark, .enclosingMark, .spacingMark:
        true
      default:
        false
      }
    }
  }
}
