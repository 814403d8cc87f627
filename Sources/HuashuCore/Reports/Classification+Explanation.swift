/// What the text trace (``ExplainTrace``) and its JSON form (``ExplainRecord``) both say.
extension Classification {
  /// One sentence on why the winner won: its strongest evidence against the runner-up's.
  func whyWinnerBeat(_ runnerUp: IntentScore) -> String {
    let counted = firedRules.filter(counts)
    func strongest(_ intent: IntentID) -> RuleHit? {
      counted.filter { $0.rule.target == .intent(intent) }.max { $0.evidence < $1.evidence }
    }
    func count(_ intent: IntentID) -> Int {
      counted.filter { $0.rule.target == .intent(intent) }.count
    }
    guard let winner = strongest(intent), let other = strongest(runnerUp.intent)
    else { return "" }
    if confidence == runnerUp.score {
      return "a tie, broken by rule weight (\(winner.rule.weight.formatted(decimals: 2)) vs "
        + "\(other.rule.weight.formatted(decimals: 2))), then by declaration order"
    }
    return "\(count(intent)) rule(s), strongest \(winner.id) "
      + "(evidence \(winner.evidence.formatted(decimals: 3))), against "
      + "\(count(runnerUp.intent)) rule(s), strongest \(other.id) "
      + "(evidence \(other.evidence.formatted(decimals: 3)))"
  }

}

extension NearMiss.Reason {
  /// Why the rule did not fire, in a few words (`vetoed by none keyword '退款' (file:3:7)`).
  var explanation: String {
    switch self {
    case .vetoed(let keyword):
      "vetoed by none keyword '\(keyword.text)' (\(keyword.location))"
    case .missingAll(let keywords):
      "missing all keyword(s) " + keywords.map { "'\($0.text)'" }.joined(separator: ", ")
    }
  }
}

extension Suggester {
  /// The replies for a message on its own (no chat, no line fields), as explain shows them.
  func explainedSuggestions(
    for classification: Classification, profile: ShopProfile?, usage: [ReplyID: Int]
  ) -> SuggestionResult {
    let context = ReplyContext.forMessage(fields: [:], profile: profile ?? ShopProfile())
    return suggestions(for: classification, context: context, usage: usage)
  }
}
