/// Decides whether one rule fires on one normalized message, and why not when it does not.
///
/// The naive engine: every keyword and pattern of the rule is tried. Lives for one message.
struct RuleEvaluator {
  /// The outcome for one rule.
  enum Outcome {
    /// The rule fired.
    case fired(RuleHit)
    /// A trigger matched but a `none` keyword vetoed the rule.
    case vetoed(by: Keyword, triggers: [MatchSpan])
    /// A trigger matched but some `all` keywords are missing.
    case incomplete(missing: [Keyword], triggers: [MatchSpan])
    /// Nothing triggered the rule.
    case silent

    var hit: RuleHit? {
      if case .fired(let hit) = self { hit } else { nil }
    }
  }

  let message: NormalizedText
  let bytes: UnsafeBufferPointer<UInt8>

  func evaluate(
    _ rule: Rule, using scratch: inout MatchScratch, failures: inout [PatternFailure]
  ) -> Outcome {
    var triggers: [MatchSpan] = []
    for keyword in rule.any {
      if let range = ByteSearch.firstRange(of: keyword.utf8, in: bytes) {
        triggers.append(span(range, source: keyword.text, isPattern: false))
      }
    }
    for pattern in rule.patterns {
      do {
        if let range = try pattern.regex.firstMatch(inUTF8: bytes, using: &scratch) {
          triggers.append(span(range, source: pattern.source, isPattern: true))
        }
      } catch {
        failures.append(PatternFailure(rule: rule.id, pattern: pattern.source, error: error))
      }
    }
    var required: [MatchSpan] = []
    var missing: [Keyword] = []
    for keyword in rule.all {
      if let range = ByteSearch.firstRange(of: keyword.utf8, in: bytes) {
        required.append(span(range, source: keyword.text, isPattern: false))
      } else {
        missing.append(keyword)
      }
    }
    if triggers.isEmpty && !(rule.isAllOnly && !required.isEmpty) { return .silent }
    if !missing.isEmpty { return .incomplete(missing: missing, triggers: triggers) }
    for keyword in rule.none where ByteSearch.firstRange(of: keyword.utf8, in: bytes) != nil {
      return .vetoed(by: keyword, triggers: triggers)
    }
    let evidenceSpans = triggers.isEmpty ? required : triggers
    let longest = evidenceSpans.map { message.scalarCount(ofUTF8: $0.normalizedUTF8) }.max() ?? 0
    let evidence = min(0.99, rule.weight * Matcher.lengthFactor(characters: longest))
    return .fired(RuleHit(rule: rule, spans: triggers + required, evidence: evidence))
  }

  private func span(_ range: Range<Int>, source: String, isPattern: Bool) -> MatchSpan {
    MatchSpan(
      normalizedUTF8: range, original: message.originalRange(ofUTF8: range), source: source,
      isPattern: isPattern)
  }
}
