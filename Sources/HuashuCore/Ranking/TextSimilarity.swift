/// How much two replies say the same thing, by shared character bigrams (Dice coefficient).
///
/// Chinese has no spaces, so words are out of reach without a dictionary; character bigrams
/// catch replies that differ by a few swapped words, which is what near-duplicates look like.
/// Punctuation, symbols and white space are ignored.
struct TextSimilarity {
  /// The bigrams of one text, each packed as two scalar values.
  private let bigrams: Set<UInt64>

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
      bigrams = Set(scalars.map { UInt64($0.value) })
      return
    }
    var bigrams = Set<UInt64>(minimumCapacity: scalars.count)
    for index in 1..<scalars.count {
      bigrams.insert(UInt64(scalars[index - 1].value) << 32 | UInt64(scalars[index].value))
    }
    self.bigrams = bigrams
  }

  /// The Dice coefficient of the two bigram sets, in [0, 1].
  func dice(_ other: TextSimilarity) -> Double {
    guard !bigrams.isEmpty || !other.bigrams.isEmpty else { return 1 }
    let shared = bigrams.intersection(other.bigrams).count
    return 2 * Double(shared) / Double(bigrams.count + other.bigrams.count)
  }
}
