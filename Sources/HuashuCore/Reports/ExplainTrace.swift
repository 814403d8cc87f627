internal import Foundation

/// The readable trace of one classification.
public struct ExplainTrace: Sendable {
  let ruleSet: RuleSet
  let style: TextStyle
  /// Ranks replies, when the phrasebooks loaded.
  let suggester: Suggester?
  let profile: ShopProfile?
  let usage: [ReplyID: Int]

  /// Creates a trace renderer; with a suggester, the trace ends with the replies it ranks.
  public init(
    ruleSet: RuleSet, style: TextStyle, suggester: Suggester? = nil, profile: ShopProfile? = nil,
    usage: [ReplyID: Int] = [:]
  ) {
    self.ruleSet = ruleSet
    self.style = style
    self.suggester = suggester
    self.profile = profile
    self.usage = usage
  }

  /// The trace of `classification`: the message, its scores, the rules that fired with their
  /// spans, the near misses and (with a suggester) the replies.
  public func render(_ classification: Classification) -> String {
    var lines: [String] = []
    let message = classification.message
    func field(_ name: String, _ value: String) {
      lines.append(style.bold(name.padding(toLength: 12, withPad: " ", startingAt: 0)) + value)
    }
    field("message", message.original)
    field("normalized", message.text)
    if message.isTruncated {
      field("note", "message too long: only the first \(message.utf8.count) bytes were matched")
    }
    let label = ruleSet.intent(classification.intent).map { " (\($0.label))" } ?? ""
    field(
      "intent",
      "\(classification.intent)\(label)  confidence \(classification.confidence.formatted(decimals: 3))"
    )
    if let runnerUp = classification.runnerUp {
      let margin = classification.confidence - runnerUp.score
      field(
        "runner-up",
        "\(runnerUp.intent) \(runnerUp.score.formatted(decimals: 3))"
          + "  (margin \(margin.formatted(decimals: 3)))")
      field("why", classification.whyWinnerBeat(runnerUp))
    }
    if classification.scores.isEmpty {
      field("scores", "no rule fired")
    } else {
      field(
        "scores",
        classification.scores.map { "\($0.intent) \($0.score.formatted(decimals: 3))" }
          .joined(separator: "  "))
    }
    lines.append("")
    lines.append(style.bold("fired rules (\(classification.firedRules.count))"))
    for hit in classification.firedRules {
      lines += render(hit, in: message, counted: classification.counts(hit))
    }
    let intentMisses = classification.nearMisses.filter {
      if case .intent = $0.rule.target { true } else { false }
    }
    if !intentMisses.isEmpty {
      lines.append("")
      lines.append(style.bold("almost fired (\(intentMisses.count))"))
      for miss in intentMisses { lines += render(miss, in: message) }
    }

    let emotion = classification.emotion
    lines.append("")
    field(
      "emotion",
      "\(emotion.level.rawValue)  (anger \(emotion.angerScore.formatted(decimals: 3)), "
        + "upset \(emotion.upsetScore.formatted(decimals: 3)); threshold "
        + "\(Matcher.emotionThreshold.formatted(decimals: 1)))")
    for cue in emotion.cues { lines += render(cue, in: message) }
    for miss in classification.nearMisses {
      if case .emotion = miss.rule.target { lines += render(miss, in: message) }
    }
    for failure in classification.patternFailures {
      lines.append(
        style.yellow(
          "  gave up on pattern '\(failure.pattern)' of \(failure.rule): "
            + failure.error.message))
    }
    if let suggester {
      lines.append("")
      lines += suggestions(for: classification, suggester: suggester)
    }
    return lines.joined(separator: "\n")
  }

  private func render(_ miss: NearMiss, in message: NormalizedText) -> [String] {
    let reason = miss.reason.explanation
    var lines = [
      "  \(style.bold(miss.rule.id.rawValue))  \(miss.rule.location)  " + style.yellow(reason)
    ]
    for span in miss.triggers { lines.append(highlightLine(span, in: message)) }
    return lines
  }

  private func suggestions(for classification: Classification, suggester: Suggester) -> [String] {
    let result = suggester.explainedSuggestions(
      for: classification, profile: profile, usage: usage)
    var lines = [style.bold("suggestions (\(result.suggestions.count))")]
    if let reason = result.noSuggestionReason { lines.append("  none: \(reason)") }
    for (index, suggestion) in result.suggestions.enumerated() {
      let parts = suggestion.parts
      lines.append("  \(index + 1). \(suggestion.reply.text)")
      let score = suggestion.score.formatted(decimals: 3)
      let intent = parts.intent.formatted(decimals: 3)
      let fit = parts.fit.formatted(decimals: 3)
      let layer = "\(suggestion.entry.layer.rawValue) \(parts.layer.formatted(decimals: 2))"
      let usage = "\(parts.usage.formatted(decimals: 3)) (accepted \(parts.acceptedCount))"
      let breakdown =
        "     \(suggestion.entry.id)  \(suggestion.entry.location)  score \(score) = intent "
        + "\(intent) × fit \(fit) × \(layer) × usage \(usage)"
      lines.append(style.dim(breakdown))
    }
    return lines
  }

  private func render(_ hit: RuleHit, in message: NormalizedText, counted: Bool = true)
    -> [String]
  {
    var header =
      "  \(style.bold(hit.id.rawValue))  \(hit.rule.location)  "
      + "weight \(hit.rule.weight.formatted(decimals: 2))  evidence "
      + hit.evidence.formatted(decimals: 3)
    if hit.rule.isFallback {
      header +=
        counted
        ? "  (fallback: counted, no specific rule fired)"
        : style.dim("  (fallback: not counted, a specific rule fired)")
    }
    var lines = [header]
    for span in hit.spans { lines.append(highlightLine(span, in: message)) }
    return lines
  }

  /// The message with one span highlighted, and what matched it.
  private func highlightLine(_ span: MatchSpan, in message: NormalizedText) -> String {
    let original = message.original
    let highlighted =
      String(original[..<span.original.lowerBound])
      + (style.enabled
        ? style.highlight(String(original[span.original]))
        : "[" + original[span.original] + "]")
      + String(original[span.original.upperBound...])
    let kind = span.isPattern ? "regex" : "keyword"
    let source: String = style.dim("← \(kind) \(span.source)")
    return "      " + highlighted + "    " + source
  }
}
