/// Finds what the rules miss, and proposes keywords for it; it never changes a rule file.
///
/// Every message is classified with the current rules and its normalized text (the matcher's
/// own ``Normalizer``, as rule keywords are) is cut into character n-grams of two to six
/// characters; no n-gram crosses white space or a bracketed token such as `[数字x]`, and
/// n-grams of punctuation, symbols and digits alone are skipped (see ``NGramAlphabet``).
/// Every count is of messages (document frequency), never of occurrences.
///
/// - Labelled (``mine(labelled:criteria:jobs:progress:)``): for each intent, the messages
///   labelled with it that the rules classify otherwise (missed), and ``CandidatePattern``s:
///   n-grams of the missed messages with their support (missed messages containing them),
///   precision over the whole corpus, matches, the rules they overlap and the correctly
///   classified messages of other intents they would put at risk.
/// - Unlabelled (``mine(unlabelled:criteria:jobs:progress:)``): the share of messages each
///   intent claims, the share no rule claims, and the n-grams most frequent among those.
///
/// Both prune and rank candidates as ``CandidateSelection`` describes, so the output is
/// deterministic. Immutable; safe to share. Classification runs on `jobs` threads; counting
/// runs on the calling thread.
public struct CorpusMiner: Sendable {
  /// The matcher whose rules are measured.
  public let matcher: Matcher

  /// Creates a miner with `matcher`.
  public init(matcher: Matcher) {
    self.matcher = matcher
  }

  /// The label the rules give `intent`, if they declare it.
  func label(of intent: IntentID) -> String? {
    matcher.ruleSet.intent(intent)?.label
  }

  /// `part / whole`, rounded; 0 for an empty whole.
  static func share(_ part: Int, of whole: Int) -> Double {
    whole == 0 ? 0 : (Double(part) / Double(whole)).roundedToThousandths
  }
}
