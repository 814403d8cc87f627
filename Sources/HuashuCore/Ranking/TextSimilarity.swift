/// How much two replies say the same thing, by shared character bigrams (Dice coefficient).
///
/// Chinese has no spaces, so words are out of reach without a dictionary; character bigrams
/// catch replies that differ by a few swapped words, which is what near-duplicates look like.
/// Punctuation, symbols and white space are ignored.
struct TextSimilarity {
  /// The distinct bigrams of one text, each packed as two scalar values, in ascending order.
  private let bigrams: [UInt64]

  /// Computes the bigrams of `text` once, for comparing with several others.
  init(_ text: String) {
    let scalars: [Unicode.Scalar] = text.unicodeScalars.filter { scalar in
      switch scalar.properties.generalCategory {
      case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format,
        .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol,
        .currencySymbol, .modifierSymbol, .otherSymbol:
        false
      default:
        true
      }
    }
    guard scalars.count > 1 else {
      bigrams = scalars.map { UInt64($0.value) }
      return
    }
    var bigrams = Set<UInt64>(minimumCapacity: scalars.count)
    for index in 1..<scalars.count {
      bigrams.insert(UInt64(scalars[index - 1].value) << 32 | UInt64(scalars[index].value))
    }
    self.bigrams = bigrams.sorted()
  }

  /// The Dice coefficient of the two bigram sets, in [0, 1].
  func dice(_ other: TextSimilarity) -> Double {
    guard !bigrams.isEmpty || !other.bigrams.isEmpty else { return 1 }
    // Both are sorted: count the shared ones in one merge, without building a set.
    var shared = 0
    var left = 0
    var right = 0
    while left < bigrams.count && right < other.bigrams.count {
      if bigrams[left] == other.bigrams[right] {
        shared += 1
        left += 1
        right += 1
      } else if bigrams[left] < other.bigrams[right] {
        left += 1
      } else {
        right += 1
      }
    }
    return 2 * Double(shared) / Double(bigrams.count + other.bigrams.count)
  }
}
