/// Decides whether one rule fires on one normalized message, and why not when it does not.
///
/// What matched is appended to a span buffer shared by every rule of the message (see
/// ``MatchRecord``), so deciding a rule allocates nothing. Lives for one message.
struct RuleEvaluator {
  /// The outcome for one rule; its spans are `spans[range]` of the buffer passed in.
  enum Outcome {
    /// The rule fired with this evidence.
    case fired(evidence: Double, spans: Range<Int32>)
    /// A trigger matched but `none` keyword number `keyword` vetoed the rule.
    case vetoed(keyword: Int32, triggers: Range<Int32>)
    /// A trigger matched but the `all` keywords with these numbers are missing.
    case incomplete(missing: [Int32], triggers: Range<Int32>)
    /// Nothing triggered the rule.
    case silent

    var fired: Bool {
      if case .fired = self { true } else { false }
    }
  }

  let message: NormalizedText
  let bytes: UnsafeBufferPointer<UInt8>

  /// Evaluates `rule` with the naive engine: every keyword searched, every pattern run.
  func evaluate(
    _ rule: Rule, spans: inout [SpanRecord], using scratch: inout MatchScratch,
    failures: inout [PatternFailure]
  ) -> Outcome {
    evaluate(
      rule, index: 0, locator: NaiveLocator(bytes: bytes), spans: &spans, using: &scratch,
      failures: &failures)
  }

  /// Evaluates `rule`, number `index` in its rule set, through `locator`, appending what
  /// matched to `spans`.
  ///
  /// Keywords are found and patterns allowed to run by the locator. Both engines share this
  /// logic, so they agree. A silent rule leaves `spans` as it found it.
  func evaluate<Locator: KeywordLocator>(
    _ rule: Rule, index: Int, locator: Locator, spans: inout [SpanRecord],
    using scratch: inout MatchScratch, failures: inout [PatternFailure]
  ) -> Outcome {
    let start = spans.count
    // Indices rather than `for keyword in`: a Keyword copy costs four reference counts, and
    // this runs for every candidate rule of every message.
    for slot in rule.any.indices {
      if let range = locator.range(of: rule.any[slot], rule: index, slot: .any(slot)) {
        spans.append(SpanRecord(range, source: .any(Int32(slot))))
      }
    }
    for slot in rule.patterns.indices where locator.mayMatch(rule: index, pattern: slot) {
      do {
        if let range = try rule.patterns[slot].regex.firstMatch(inUTF8: bytes, using: &scratch) {
          spans.append(SpanRecord(range, source: .pattern(Int32(slot))))
        }
      } catch {
        failures.append(
          PatternFailure(rule: rule.id, pattern: rule.patterns[slot].source, error: error))
      }
    }
    let triggerEnd = spans.count
    var missing: [Int32] = []
    for slot in rule.all.indices {
      if let range = locator.range(of: rule.all[slot], rule: index, slot: .all(slot)) {
        spans.append(SpanRecord(range, source: .all(Int32(slot))))
      } else {
        missing.append(Int32(slot))
      }
    }
    let triggers = Int32(start)..<Int32(triggerEnd)
    let allOnlyFired = rule.isAllOnly && spans.count > triggerEnd
    if triggers.isEmpty && !allOnlyFired {
      spans.removeSubrange(start...)
      return .silent
    }
    if !missing.isEmpty {
      spans.removeSubrange(triggerEnd...)
      return .incomplete(missing: missing, triggers: triggers)
    }
    for slot in rule.none.indices
    where locator.range(of: rule.none[slot], rule: index, slot: .none(slot)) != nil {
      spans.removeSubrange(triggerEnd...)
      return .vetoed(keyword: Int32(slot), triggers: triggers)
    }
    // The longest trigger decides the evidence; a rule that fired through `all` alone uses its
    // longest `all` keyword.
    var longest = 0
    for position in (triggers.isEmpty ? triggerEnd..<spans.count : start..<triggerEnd) {
      longest = max(longest, message.scalarCount(ofUTF8: spans[position].normalizedUTF8))
    }
    return .fired(
      evidence: Matcher.evidence(weight: rule.weight, characters: longest),
      spans: Int32(start)..<Int32(spans.count))
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
