/// The readable trace of one turn of a replayed chat (`huashu explain --chat`).
public struct ChatTrace: Sendable {
  let ruleSet: RuleSet
  let scripts: ConversationScripts
  let style: TextStyle

  /// Creates a trace renderer.
  public init(ruleSet: RuleSet, scripts: ConversationScripts, style: TextStyle) {
    self.ruleSet = ruleSet
    self.scripts = scripts
    self.style = style
  }

  /// The trace of one answer of a replayed chat.
  public func render(_ answer: SuggestSession.Answer, line: Int) -> String {
    switch answer {
    case .failure(let message):
      return style.red("line \(line): error: \(message)")
    case .accepted(let reply, let count, let chat):
      return style.dim("line \(line) [\(chat)]: the agent used \(reply) (\(count) times)")
    case .suggestions(let answer):
      return render(answer, line: line)
    }
  }

  private func render(_ answer: ConversationCoach.Answer, line: Int) -> String {
    let classification = answer.result.classification
    let state = answer.state
    var lines = [
      style.bold("line \(line) · chat \(state.chat) · turn \(state.turn)") + "  "
        + classification.message.original,
      "  message: \(classification.intent) · \(classification.emotion.level) · "
        + classification.confidence.formatted(decimals: 2)
        + (classification.firedRuleIDs.isEmpty
          ? ""
          : "  (rules: \(classification.firedRuleIDs.map(\.rawValue).joined(separator: ", ")))"),
    ]
    if answer.intentSource == .chat {
      lines.append("  answered for the chat's topic: \(answer.intent) (the message has no intent)")
    }
    lines.append("  facts: " + facts(answer.facts))
    var status: [String] = []
    if let steps = scripts.deescalation?.steps.count {
      let why = answer.deescalationReason.map { " (\($0))" } ?? ""
      status.append(
        (state.deescalationStep.map {
          "de-escalation step \($0) of \(steps): "
            + (answer.deescalationStepName ?? "")
        } ?? "de-escalation: not running") + why)
    }
    if let rounds = scripts.bargaining?.rounds.count {
      status.append("bargaining round \(state.bargainingRound) of \(rounds)")
    }
    if scripts.cashOnDelivery != nil {
      status.append(state.codPending ? "COD: waiting for the buyer's answer" : "COD: nothing asked")
    }
    status.append("topic \(state.topic ?? "none"), \(state.angryTurns) upset turn(s) in a row")
    lines.append("  state: " + status.joined(separator: "; "))
    if let handoff = answer.handoff {
      lines.append(style.yellow("  hand off: " + handoff.reasons.joined(separator: "; ")))
    }
    if let reason = answer.result.noSuggestionReason {
      lines.append(style.dim("  no suggestion: \(reason)"))
    }
    for (index, suggestion) in answer.result.suggestions.enumerated() {
      lines.append("  \(index + 1). \(suggestion.reply.text)")
      lines.append(style.dim("     \(suggestion.entry.id) — \(suggestion.why)"))
    }
    return lines.joined(separator: "\n")
  }

  /// The region, amounts and offer of a turn, in one line.
  private func facts(_ facts: TurnFacts) -> String {
    var parts: [String] = []
    if let region = facts.region {
      let source = facts.regionSource.map { " (from the \($0 == .field ? "line" : $0.rawValue))" }
      parts.append(
        "region \(region)\(source ?? "")"
          + (facts.isOutsideFeeTable ? ", outside the fee table" : ""))
    } else {
      parts.append("region unknown")
    }
    parts.append(
      facts.amounts.isEmpty
        ? "no amounts" : "amounts " + facts.amounts.map(Amount.text).joined(separator: ", "))
    if let offer = facts.offer {
      let floor =
        facts.floor.map { " against the floor \(Amount.text($0))" } ?? ", no floor known"
      let verdict = facts.isOfferAcceptable.map { $0 ? ": acceptable" : ": below the floor" } ?? ""
      parts.append("offer \(Amount.text(offer))\(floor)\(verdict)")
    }
    return parts.joined(separator: "; ")
  }
}
