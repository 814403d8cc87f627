/// Why ``CorpusMiner`` cannot mine what it was asked to.
public enum MiningError: Error, Hashable, Sendable {
  /// The intent asked for is neither declared by the rules nor labelled in the corpus.
  case unknownIntent(IntentID, known: [IntentID])
  /// `other` was asked for: it is what no rule claims, so no keyword can be proposed for it.
  case otherHasNoRules
  /// `calm` was asked for: it is what no cue fires on, so no cue can be proposed for it.
  case calmHasNoCues
  /// An emotion was asked for and no message of the corpus has an `emotion` label.
  case noEmotionLabels
  /// Both an intent and an emotion were asked for: a report mines one or the other.
  case intentAndEmotion
}

extension MiningError: CustomStringConvertible {
  /// The problem and what to do about it.
  public var description: String {
    switch self {
    case .unknownIntent(let intent, let known):
      "unknown intent '\(intent)'; known: \(known.map(\.rawValue).joined(separator: ", "))"
    case .otherHasNoRules:
      "'other' is what no rule claims; mine it with `huashu mine FILE` (unlabelled) instead"
    case .calmHasNoCues:
      "'calm' is what no emotion cue fires on; mine 'upset' or 'angry'"
    case .noEmotionLabels:
      "no message of the corpus has an \"emotion\" label (calm, upset or angry) to mine"
    case .intentAndEmotion:
      "mine either one intent or one emotion, not both"
    }
  }
}
