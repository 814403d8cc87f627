import HuashuCore

/// Writes `suggest` answers: readable text, or one JSON object per input line.
///
/// Rendering is pure (``render(_:line:)``), so with `--jobs` it runs on the worker threads and
/// only the writing is sequential.
struct SuggestPrinter: Sendable {
  let format: OutputFormat
  let ruleSet: RuleSet
  private let style = Terminal.Style(enabled: Terminal.isTerminal(1))

  init(format: OutputFormat, ruleSet: RuleSet) {
    self.format = format
    self.ruleSet = ruleSet
  }

  /// What to write for one answer: a line for standard output (UTF-8) and/or one for standard
  /// error.
  struct Rendered: Sendable {
    var output: [UInt8]?
    var error: String?

    init(output: [UInt8]? = nil, error: String? = nil) {
      self.output = output
      self.error = error
    }

    init(output: String) { self.output = Array(output.utf8) }
  }

  /// Writes `rendered`: its output line into `output`, its error line to standard error after
  /// the output before it.
  func write(_ rendered: Rendered, to output: OutputBuffer) {
    if let line = rendered.output { output.append(line: line) }
    if let error = rendered.error {
      output.flush()
      LineWriter.standardError.write(error)
    }
  }

  func render(_ answer: SuggestSession.Answer, line: Int) -> Rendered {
    switch format {
    case .json:
      Rendered(output: SuggestionRecord.jsonLine(line: line, answer: answer, ruleSet: ruleSet))
    case .text: text(answer, line: line)
    }
  }

  private func text(_ answer: SuggestSession.Answer, line: Int) -> Rendered {
    switch answer {
    case .failure(let message):
      return Rendered(error: "<stdin>:\(line): error: \(message)")
    case .accepted(let reply, let count, let chat):
      return Rendered(output: style.dim("[\(chat)] recorded: \(reply) (accepted \(count) times)"))
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
      return Rendered(output: lines.joined(separator: "\n"))
    }
  }
}
