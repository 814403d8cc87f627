/// Suggests the known key nearest to a misspelt one (`ani` → `any`, `noMatch` → `no_match`).
enum KeySuggestion {
  /// The nearest of `candidates` by edit distance, if it is close enough to be a typo.
  static func nearest(to word: String, among candidates: [String]) -> String? {
    let folded = fold(word)
    let scored = candidates.map { ($0, distance(folded, fold($0))) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    let tolerance = max(1, min(3, best.0.count / 2))
    return best.1 <= tolerance ? best.0 : nil
  }

  /// Lower case without `_` and `-`, so `noMatch`, `no-match` and `no_match` meet.
  private static func fold(_ word: String) -> [Character] {
    Array(word.lowercased().filter { $0 != "_" && $0 != "-" })
  }

  /// Levenshtein distance.
  static func distance(_ lhs: [Character], _ rhs: [Character]) -> Int {
    if lhs.isEmpty { return rhs.count }
    if rhs.isEmpty { return lhs.count }
    var previous = Array(0...rhs.count)
    var current = previous
    for (i, left) in lhs.enumerated() {
      current[0] = i + 1
      for (j, right) in rhs.enumerated() {
        current[j + 1] = min(
          previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[rhs.count]
  }
}
