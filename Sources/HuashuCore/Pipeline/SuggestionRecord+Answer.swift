extension SuggestionRecord {
  /// The record of one answer of a ``SuggestSession``, for input line `line`.
  public init(line: Int, answer: SuggestSession.Answer, ruleSet: RuleSet) {
    switch answer {
    case .suggestions(let answer):
      self.init(line: line, answer: answer, ruleSet: ruleSet)
    case .accepted(let reply, let count, let chat):
      self.init(line: line, chat: chat, accepted: reply, count: count)
    case .failure(let message):
      self.init(line: line, error: message)
    }
  }

  /// One answer as the JSON line `suggest --format json` writes (without the newline).
  public static func jsonLine(
    line: Int, answer: SuggestSession.Answer, ruleSet: RuleSet
  ) -> [UInt8] {
    var json = JSONBuilder(capacity: 4096)
    SuggestionRecord(line: line, answer: answer, ruleSet: ruleSet).write(to: &json)
    return json.bytes
  }
}
