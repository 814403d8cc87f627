/// Why ``CorpusMiner`` cannot mine what it was asked to.
public enum MiningError: Error, Hashable, Sendable {
  /// The intent asked for is neither declared by the rules nor labelled in the corpus.
  case unknownIntent(IntentID, known: [IntentID])
  /// `other` was asked for: it is what no rule claims, so no keyword can be proposed for it.
  case otherHasNoRules
}

extension MiningError: CustomStringConvertible {
  /// The problem and what to do about it.
  public var description: String {
    switch self {
    case .unknownIntent(let intent, let known):
      "unknown intent '\(intent)'; known: \(known.map(\.rawValue).joined(separator: ", "))"
    case .otherHasNoRules:
      "'other' is what no rule claims; mine it with `huashu mine FILE` (unlabelled) instead"
    }
  }
}
