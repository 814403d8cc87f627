/// How much two replies say the same thing, by shared character bigrams (Dice coefficient).
///
/// Chinese has no spaces, so words are out of reach without a dictionary; character bigrams
/// catch replies that differ by a few swapped words, which is what near-duplicates look like.
enum TextSimilarity {
  /// Dice coefficient of the two texts' character-bigram sets, in [0, 1].
  static func dice(_ lhs: String, _ rhs: String) -> Double {
    let left = bigrams(lhs)
    let right = bigrams(rhs)
    guard !left.isEmpty || !right.isEmpty else { return 1 }
    let shared = left.intersection(right).count
    return 2 * Double(shared) / Double(left.count + right.count)
  }

  private static func bigrams(_ text: String) -> Set<String> {
    let characters = text.filter { !$0.isWhitespace && !$0.isPunctuation && !$0.isSymbol }
      .map { $0 }
    guard characters.count > 1 else { return Set(characters.map { String($0) }) }
    return Set((1..<characters.count).map { String(characters[$0 - 1]) + String(characters[$0]) })
  }
}
