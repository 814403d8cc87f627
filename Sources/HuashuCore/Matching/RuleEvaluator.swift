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

  /// Evaluates `rule` with the naive engine: every keyword searched, every pattern run.
  func evaluate(
    _ rule: Rule, bytes: [UInt8], spans: inout [SpanRecord],
    using scratch: inout RegexScratch, failures: inout [PatternFailure]
  ) -> Outcome {
    evaluate(
      RuleShape(rule), rule: 0, locator: NaiveLocator(rule: rule, bytes: bytes), spans: &spans,
      using: &scratch, failures: &failures)
  }

  /// Evaluates rule number `rule`, of shape `shape`, through `locator`, appending what matched
  /// to `spans`.
  ///
  /// Keywords are found, and patterns allowed to run and run, by the locator: the rule itself
  /// is not read here, so the prefiltered engine decides a rule from its own flat tables
  /// without touching (and retaining) the shared rule. Both engines share this logic, so they
  /// agree. A silent rule leaves `spans` as it found it.
  func evaluate<Locator: RuleLocator>(
    _ shape: RuleShape, rule: Int, locator: Locator, spans: inout [SpanRecord],
    using scratch: inout RegexScratch, failures: inout [PatternFailure]
  ) -> Outcome {
    let start = spans.count
    if var occurred = locator.occurredAnySlots(rule: rule) {
      while occurred != 0 {
        let slot = occurred.trailingZeroBitCount
        occurred &= occurred - 1
        if let range = locator.range(of: .any(slot), rule: rule) {
          spans.append(SpanRecord(range, source: .any(Int32(slot))))
        }
      }
    } else {
      for slot in 0..<Int(shape.anyCount) {
        if let range = locator.range(of: .any(slot), rule: rule) {
          spans.append(SpanRecord(range, source: .any(Int32(slot))))
        }
      }
    }
    for slot in 0..<Int(shape.patternCount) where locator.mayMatch(pattern: slot, rule: rule) {
      // Once patterns that gave up have spent the message's budget, the rest are not run: a
      // rule set of many costly patterns costs a few match limits per message, not one each.
      guard scratch.hasBudget else {
        failures.append(locator.failure(pattern: slot, rule: rule, error: .budgetExhausted))
        continue
      }
      do {
        if let range = try locator.firstMatch(pattern: slot, rule: rule, using: &scratch) {
          spans.append(SpanRecord(range, source: .pattern(Int32(slot))))
        }
      } catch {
        scratch.spendBudget()
        failures.append(locator.failure(pattern: slot, rule: rule, error: error))
      }
    }
    let triggerEnd = spans.count
    var missing: [Int32] = []
    for slot in 0..<Int(shape.allCount) {
      if let range = locator.range(of: .all(slot), rule: rule) {
        spans.append(SpanRecord(range, source: .all(Int32(slot))))
      } else {
        missing.append(Int32(slot))
      }
    }
    let triggers = Int32(start)..<Int32(triggerEnd)
    let allOnlyFired = shape.isAllOnly && spans.count > triggerEnd
    if triggers.isEmpty && !allOnlyFired {
      spans.removeSubrange(start...)
      return .silent
    }
    if !missing.isEmpty {
      spans.removeSubrange(triggerEnd...)
      return .incomplete(missing: missing, triggers: triggers)
    }
    for slot in 0..<Int(shape.noneCount) where locator.range(of: .none(slot), rule: rule) != nil {
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
      evidence: Matcher.evidence(weight: shape.weight, characters: longest),
      spans: Int32(start)..<Int32(spans.count))
  }
}

/// What evaluating a rule needs to know of it besides its keywords and patterns.
///
/// How many of each, and its weight: plain values, read without touching the rule.
struct RuleShape: Sendable {
  let anyCount: Int32
  let allCount: Int32
  let noneCount: Int32
  let patternCount: Int32
  /// Whether the rule has only `all` keywords (and maybe `none`): it fires when all occur.
  let isAllOnly: Bool
  let weight: Double

  init(_ rule: Rule) {
    anyCount = Int32(rule.any.count)
    allCount = Int32(rule.all.count)
    noneCount = Int32(rule.none.count)
    patternCount = Int32(rule.patterns.count)
    isAllOnly = rule.isAllOnly
    weight = rule.weight
  }
}

/// Where a keyword sits in its rule.
enum KeywordSlot {
  case any(Int)
  case all(Int)
  case none(Int)
}

/// Finds rules' keywords in one message and runs their patterns; rules are given by number in
/// their rule set.
protocol RuleLocator {
  /// The byte range of the first occurrence of the keyword in `slot` of rule `rule`, if any.
  func range(of slot: KeywordSlot, rule: Int) -> Range<Int>?
  /// The `any` slots of rule `rule` whose keyword occurred, one bit each (slot 0 lowest), when
  /// the locator knows them without looking; nil to look at every slot.
  func occurredAnySlots(rule: Int) -> UInt64?
  /// Whether pattern number `pattern` of rule `rule` needs to run.
  func mayMatch(pattern: Int, rule: Int) -> Bool
  /// The first match of pattern number `pattern` of rule `rule`.
  func firstMatch(pattern: Int, rule: Int, using scratch: inout RegexScratch) throws(MatchError)
    -> Range<Int>?
  /// What to report when pattern number `pattern` of rule `rule` gave up.
  func failure(pattern: Int, rule: Int, error: MatchError) -> PatternFailure
}

/// The naive engine for one rule (whatever its number): a substring search per keyword, every
/// pattern run.
struct NaiveLocator: RuleLocator {
  let rule: Rule
  let bytes: [UInt8]

  func range(of slot: KeywordSlot, rule _: Int) -> Range<Int>? {
    let keyword =
      switch slot {
      case .any(let index): rule.any[index]
      case .all(let index): rule.all[index]
      case .none(let index): rule.none[index]
      }
    return ByteSearch.firstRange(of: keyword.utf8, in: bytes)
  }

  func occurredAnySlots(rule _: Int) -> UInt64? { nil }

  func mayMatch(pattern: Int, rule _: Int) -> Bool { true }

  func firstMatch(pattern: Int, rule _: Int, using scratch: inout RegexScratch)
    throws(MatchError) -> Range<Int>?
  {
    try rule.patterns[pattern].regex.firstMatch(inUTF8: bytes, using: &scratch)
  }

  func failure(pattern: Int, rule _: Int, error: MatchError) -> PatternFailure {
    PatternFailure(rule: rule.id, pattern: rule.patterns[pattern].source, error: error)
  }
}
