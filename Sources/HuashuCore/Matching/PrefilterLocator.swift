/// Finds keywords through the prefilter's record of one message (which literals and literal
/// sets occurred, and where), and runs patterns when their literals occurred.
///
/// Made once per message and passed along by reference, so deciding a rule copies no
/// reference.
struct PrefilterLocator: RuleLocator {
  let prefilter: Prefilter
  /// The rule set's rules, read only to describe a pattern that failed.
  let rules: [Rule]
  let bytes: [UInt8]
  /// The prefilter's record of this message.
  let record: PrefilterView

  @inline(__always)
  private func range(ofLiteral literal: Int32) -> Range<Int>? {
    let mark = record.literalMarks[Int(literal)]
    guard mark.generation == record.generation else { return nil }
    let end = Int(mark.firstEnd)
    return (end - Int(prefilter.automaton.literalLengths[Int(literal)]))..<end
  }

  func range(of slot: KeywordSlot, rule: Int) -> Range<Int>? {
    switch slot {
    case .any(let index): range(ofLiteral: prefilter.anyLiterals[rule, index])
    case .all(let index): range(ofLiteral: prefilter.allLiterals[rule, index])
    case .none(let index): range(ofLiteral: prefilter.noneLiterals[rule, index])
    }
  }

  func occurredAnySlots(rule: Int) -> UInt64? {
    prefilter.masksAnySlots[rule] ? record.ruleMarks[rule].anySlots : nil
  }

  func mayMatch(pattern: Int, rule: Int) -> Bool {
    let global = Int(prefilter.patternBase[rule]) + pattern
    if prefilter.patternRunsAlways[global] { return true }
    for position in prefilter.patternSets.positions(of: global)
    where record.setSeen[Int(prefilter.patternSets.element(at: position))] != record.generation {
      return false
    }
    return true
  }

  func firstMatch(pattern: Int, rule: Int, using scratch: inout RegexScratch)
    throws(MatchError) -> Range<Int>?
  {
    let global = Int(prefilter.patternBase[rule]) + pattern
    return try CompiledRegex.firstMatch(
      code: prefilter.patternCodes[global], inUTF8: bytes, using: &scratch)
  }

  func failure(pattern: Int, rule: Int, error: MatchError) -> PatternFailure {
    let rule = rules[rule]
    return PatternFailure(rule: rule.id, pattern: rule.patterns[pattern].source, error: error)
  }
}
