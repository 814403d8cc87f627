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

  /// Evaluates `rule` with the naive engine: every keyword searched, every pattern run.
  func evaluate(
    _ rule: Rule, using scratch: inout MatchScratch, failures: inout [PatternFailure]
  ) -> Outcome {
    evaluate(
      rule, index: 0, locator: NaiveLocator(bytes: bytes), using: &scratch, failures: &failures)
  }

  /// Evaluates `rule`, number `index` in its rule set, through `locator`.
  ///
  /// Keywords are found and patterns allowed to run by the locator. Both engines share this
  /// logic, so they agree.
  func evaluate<Locator: KeywordLocator>(
    _ rule: Rule, index: Int, locator: Locator, using scratch: inout MatchScratch,
    failures: inout [PatternFailure]
  ) -> Outcome {
    // Indices rather than `for keyword in`: a Keyword copy costs four reference counts, and
    // this runs for every candidate rule of every message.
    var triggers: [MatchSpan] = []
    for slot in rule.any.indices {
      if let range = locator.range(of: rule.any[slot], rule: index, slot: .any(slot)) {
        triggers.append(span(range, source: rule.any[slot].text, isPattern: false))
      }
    }
    for slot in rule.patterns.indices where locator.mayMatch(rule: index, pattern: slot) {
      do {
        if let range = try rule.patterns[slot].regex.firstMatch(inUTF8: bytes, using: &scratch) {
          triggers.append(span(range, source: rule.patterns[slot].source, isPattern: true))
        }
      } catch {
        failures.append(
          PatternFailure(rule: rule.id, pattern: rule.patterns[slot].source, error: error))
      }
    }
    var required: [MatchSpan] = []
    var missing: [Keyword] = []
    for slot in rule.all.indices {
      if let range = locator.range(of: rule.all[slot], rule: index, slot: .all(slot)) {
        required.append(span(range, source: rule.all[slot].text, isPattern: false))
      } else {
        missing.append(rule.all[slot])
      }
    }
    if triggers.isEmpty && !(rule.isAllOnly && !required.isEmpty) { return .silent }
    if !missing.isEmpty { return .incomplete(missing: missing, triggers: triggers) }
    for slot in rule.none.indices
    where locator.range(of: rule.none[slot], rule: index, slot: .none(slot)) != nil {
      return .vetoed(by: rule.none[slot], triggers: triggers)
    }
    var longest = 0
    for span in triggers.isEmpty ? required : triggers {
      longest = max(longest, message.scalarCount(ofUTF8: span.normalizedUTF8))
    }
    let evidence = Matcher.evidence(weight: rule.weight, characters: longest)
    let spans = required.isEmpty ? triggers : triggers + required
    return .fired(RuleHit(rule: rule, spans: spans, evidence: evidence))
  }

  private func span(_ range: Range<Int>, source: String, isPattern: Bool) -> MatchSpan {
    MatchSpan(
      normalizedUTF8: range, original: message.originalRange(ofUTF8: range), source: source,
      isPattern: isPattern)
  }
}

/// Where a keyword sits in its rule.
enum KeywordSlot {
  case any(Int)
  case all(Int)
  case none(Int)
}

/// Finds a rule's keywords in a message and says which of its patterns can match.
protocol KeywordLocator {
  /// The byte range of the first occurrence of `keyword`, if any.
  func range(of keyword: Keyword, rule: Int, slot: KeywordSlot) -> Range<Int>?
  /// Whether pattern `pattern` of rule `rule` needs to run.
  func mayMatch(rule: Int, pattern: Int) -> Bool
}

/// The naive engine: a substring search per keyword, every pattern run.
struct NaiveLocator: KeywordLocator {
  let bytes: UnsafeBufferPointer<UInt8>

  func range(of keyword: Keyword, rule: Int, slot: KeywordSlot) -> Range<Int>? {
    ByteSearch.firstRange(of: keyword.utf8, in: bytes)
  }

  func mayMatch(rule: Int, pattern: Int) -> Bool { true }
}
