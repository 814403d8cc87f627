import HuashuCore

/// Writes `suggest` answers: readable text, or one JSON object per input line.
struct SuggestPrinter {
  let format: OutputFormat
  let ruleSet: RuleSet
  private let encoder = JSONLineEncoder()
  private let style = Terminal.Style(enabled: Terminal.isTerminal(1))

  init(format: OutputFormat, ruleSet: RuleSet) {
    self.format = format
    self.ruleSet = ruleSet
  }

  func print(_ answer: SuggestSession.Answer, line: Int) throws {
    switch format {
    case .json:
      LineWriter.standardOutput.write(try encoder.line(record(answer, line: line)))
    case .text:
      text(answer, line: line)
    }
  }

  private func record(_ answer: SuggestSession.Answer, line: Int) -> SuggestionRecord {
    switch answer {
    case .suggestions(let result, let chat):
      SuggestionRecord(line: line, chat: chat, result: result, ruleSet: ruleSet)
    case .accepted(let reply, let count, let chat):
      SuggestionRecord(line: line, chat: chat, accepted: reply, count: count)
    case .failure(let message):
      SuggestionRecord(line: line, error: message)
    }
  }

  private func text(_ answer: SuggestSession.Answer, line: Int) {
    switch answer {
    case .failure(let message):
      LineWriter.standardError.write("<stdin>:\(line): error: \(message)")
    case .accepted(let reply, let count, let chat):
      LineWriter.standardOutput.write(
        style.dim("[\(chat)] recorded: \(reply) (accepted \(count) times)"))
    case .suggestions(let result, let chat):
      let classification = result.classification
      var lines: [String] = []
      let label = ruleSet.intent(classification.intent).map { " \($0.label)" } ?? ""
      let chatPrefix = chat == SuggestRequest.defaultChat ? "" : "[\(chat)] "
      lines.append(
        style.bold(
          "\(chatPrefix)\(classification.intent)\(label) · \(classification.emotion.level) · "
            + classification.confidence.formatted(decimals: 2))
          + "  \(classification.message.original)")
      if let reason = result.noSuggestionReason {
        lines.append(style.dim("  no suggestion: \(reason)"))
      }
      for (index, suggestion) in result.suggestions.enumerated() {
        let code = suggestion.entry.code.map { " \($0)" } ?? ""
        lines.append(
          "  \(index + 1). \(suggestion.reply.text)  "
            + style.dim("(\(suggestion.entry.layer.rawValue)\(code), \(suggestion.entry.id))"))
        if !suggestion.reply.missingVariables.isEmpty {
          lines.append(
            style.yellow(
              "     fill in: " + suggestion.reply.missingVariables.joined(separator: ", ")))
        }
        for image in suggestion.entry.images { lines.append(style.dim("     image: \(image)")) }
      }
      LineWriter.standardOutput.write(lines.joined(separator: "\n"))
    }
  }
}
