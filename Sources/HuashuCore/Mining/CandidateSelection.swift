/// The pruning and ranking rules of ``CorpusMiner``, in one place.
///
/// ## Pruning
///
/// An n-gram is dropped when a shorter n-gram it contains has the same support and the same
/// matches: the shorter one is more general and says the same. "Contains" means as an n-gram
/// of its own (see ``NGramAlphabet``: two units or more, not filler alone, not starting or
/// ending inside a word), so the longer one occurs in no message the shorter misses, and equal
/// match counts mean the very same messages (and so the same precision, overlap and
/// everything else). Of a run of n-grams with the same messages, the shortest are kept
/// (several, when they do not contain each other).
///
/// ## Ranking
///
/// Labelled candidates: by score, support × precision (the messages it would add, discounted
/// by how often it is wrong), higher first; ties by higher precision, then shorter, then text
/// (Unicode order). Frequent n-grams of unclaimed messages: by count, higher first; ties by
/// the share of their matches that are unclaimed (count / matches), higher first, then shorter,
/// then text. Comparisons of ratios are made exactly, on integers, so the order never depends
/// on rounding.
enum CandidateSelection {
  /// An n-gram with the two figures pruning compares.
  struct Tally {
    /// The n-gram.
    var key: NGramKey
    /// Its units.
    var units: ArraySlice<UInt32>
    /// The messages it would add (labelled) or the unclaimed messages it occurs in.
    var support: Int
    /// All messages it occurs in.
    var matches: Int
  }

  /// `tallies` without every n-gram that a shorter one contained in it makes redundant (see
  /// the type's documentation), in their order.
  ///
  /// `tallies` must hold every n-gram whose support reaches the minimum used to choose them
  /// (an n-gram it contains has at least its support, so is among them).
  static func pruned(_ tallies: [Tally], alphabet: NGramAlphabet) -> [Tally] {
    var figures: [NGramKey: (support: Int, matches: Int)] = [:]
    figures.reserveCapacity(tallies.count)
    for tally in tallies { figures[tally.key] = (tally.support, tally.matches) }
    return tallies.filter { tally in
      guard tally.units.count > NGramKey.minimumLength else { return true }
      var isRedundant = false
      alphabet.forEachNGram(in: Array(tally.units)) { key, range in
        guard range.count < tally.units.count, let other = figures[key] else { return }
        if other.support == tally.support && other.matches == tally.matches { isRedundant = true }
      }
      return !isRedundant
    }
  }

  /// Whether labelled candidate `a` ranks before `b`.
  ///
  /// - Parameters:
  ///   - a: Support, messages of the intent containing it, matches, length and text.
  ///   - b: The same for the other candidate.
  static func ranksBefore(
    _ a: (support: Int, inIntent: Int, matches: Int, length: Int, text: String),
    _ b: (support: Int, inIntent: Int, matches: Int, length: Int, text: String)
  ) -> Bool {
    // score = support × inIntent / matches; compared as support × inIntent × other matches.
    let scoreA = a.support * a.inIntent * b.matches
    let scoreB = b.support * b.inIntent * a.matches
    if scoreA != scoreB { return scoreA > scoreB }
    let precisionA = a.inIntent * b.matches
    let precisionB = b.inIntent * a.matches
    if precisionA != precisionB { return precisionA > precisionB }
    if a.length != b.length { return a.length < b.length }
    return a.text.unicodeScalars.lexicographicallyPrecedes(b.text.unicodeScalars)
  }

  /// Whether frequent n-gram `a` of the unclaimed messages ranks before `b`.
  static func ranksBefore(
    _ a: (count: Int, matches: Int, length: Int, text: String),
    _ b: (count: Int, matches: Int, length: Int, text: String)
  ) -> Bool {
    if a.count != b.count { return a.count > b.count }
    let shareA = a.count * b.matches
    let shareB = b.count * a.matches
    if shareA != shareB { return shareA > shareB }
    if a.length != b.length { return a.length < b.length }
    return a.text.unicodeScalars.lexicographicallyPrecedes(b.text.unicodeScalars)
  }
}
