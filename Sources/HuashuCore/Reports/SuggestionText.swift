/// Renders an answer of a ``SuggestSession`` for an agent reading a terminal: the message's
/// intent, emotion and the chat's progress on one line, a hand-off warning, then the numbered
/// replies with where each comes from.
public struct SuggestionText: Sendable {
  let ruleSet: RuleSet
  let style: TextStyle

  /// Creates a renderer.
  public init(ruleSet: RuleSet, style: TextStyle) {
    self.ruleSet = ruleSet
    self.style = style
  }

  /// The answer as text (a failure as one red line).
  public func text(_ answer: SuggestSession.Answer) -> String {
    switch answer {
    case .failure(let message):
      return style.red("error: \(message)")
    case .accepted(let reply, let count, let chat):
      return style.dim("[\(chat)] recorded: \(reply) (accepted \(count) times)")
    case .suggestions(let answer):
      let result = answer.result
      let chat = answer.state.chat
      let classification = result.classification
      var lines: [String] = []
      let label = ruleSet.intent(answer.intent).map { " \($0.label)" } ?? ""
      let chatPrefix = chat == SuggestRequest.defaultChat ? "" : "[\(chat)] "
      var progress: [String] = []
      if answer.intentSource == .chat { progress.append("the chat's topic") }
      if let region = answer.facts.region { progress.append("region \(region)") }
      if let offer = answer.facts.offer {
        let verdict = answer.facts.isOfferAcceptable.map { $0 ? " ≥ floor" : " < floor" } ?? ""
        progress.append("offer \(Amount.text(offer))\(verdict)")
      }
      if let step = answer.deescalationStepName { progress.append("安抚: \(step)") }
      if answer.state.bargainingRound > 0 && answer.intent == "bargain" {
        progress.append("议价 round \(answer.state.bargainingRound)")
      }
      if answer.state.codPending { progress.append("COD: awaiting answer") }
      lines.append(
        style.bold(
          "\(chatPrefix)\(answer.intent)\(label) · \(classification.emotion.level) · "
            + classification.confidence.formatted(decimals: 2))
          + "  \(classification.message.original)"
          + (progress.isEmpty ? "" : style.dim("  [" + progress.joined(separator: ", ") + "]")))
      if let handoff = answer.handoff {
        lines.append(
          style.yellow("  ⚠ hand off to a human: " + handoff.reasons.joined(separator: "; ")))
      }
      if let reason = result.noSuggestionReason {
        lines.append(style.dim("  no suggestion: \(reason)"))
      }
      for (index, suggestion) in result.suggestions.enumerated() {
        let code = suggestion.entry.code.map { " \($0)" } ?? ""
        lines.append(
          "  \(index + 1). \(suggestion.reply.text)  "
            + style.dim(
              "(\(suggestion.entry.layer.rawValue)\(code), \(suggestion.entry.id); "
                + "\(suggestion.why))"))
        if !suggestion.reply.missingVariables.isEmpty {
          lines.append(
            style.yellow(
              "     fill in: " + suggestion.reply.missingVariables.joined(separator: ", ")))
        }
        for image in suggestion.entry.images { lines.append(style.dim("     image: \(image)")) }
      }
      return lines.joined(separator: "\n")
    }
  }
}
