/// The literal prefilter of a rule set.
///
/// One automaton holds every keyword and, for every regular expression, the literals it needs
/// (see ``RegexLiterals``). One pass over a message
/// finds every keyword; a rule is looked at only when one of its literals occurred, and a
/// pattern runs in PCRE2 only when its literals occurred (or when nothing safe could be
/// extracted from it).
///
/// Built once per rule set; immutable and safe to share. Its per-message state lives in
/// ``MatchScratch``.
public final class Prefilter: Sendable {
  /// What to do with one pattern.
  enum PatternPlan: Sendable {
    /// Run only when one of these literals occurred, and one of each of the `also` sets.
    case literals([Int32], also: [[Int32]])
    /// Run on every message.
    case always
  }

  let automaton: LiteralAutomaton
  /// Per rule, the literal ids of its `any`, `all` and `none` keywords.
  let anyLiterals: FlatLists<Int32>
  let allLiterals: FlatLists<Int32>
  let noneLiterals: FlatLists<Int32>
  /// Per rule, the global number of its first pattern.
  let patternBase: [Int32]
  /// Per pattern, whether it runs on every message.
  let patternRunsAlways: [Bool]
  /// Per pattern, the numbers of its literal sets: it runs only when every one of them had a
  /// literal occur (the first set is the one that triggers its rule, the others its `also`
  /// sets; see ``RegexLiterals``).
  let patternSets: FlatLists<Int32>
  /// For each literal, the numbers of the literal sets it belongs to, marked as occurred when
  /// the automaton first finds it, so a gate is checked in one load per set rather than by
  /// looking for each of its literals.
  let literalSets: FlatLists<Int32>
  /// The number of literal sets.
  let setCount: Int
  /// Per pattern, its compiled code, and the regexes that own the code.
  let patternCodes: [CompiledRegex.Code]
  private let patternRegexes: [CompiledRegex]
  /// Per rule, what evaluating it needs besides keywords and patterns.
  let shapes: [RuleShape]
  /// For each literal, the `any` keywords it is, as rule and slot, for rules of at most 64
  /// `any` keywords: the automaton pass sets their bits in the rule's mask of occurred slots,
  /// so evaluating a rule visits only the keywords that occurred.
  let literalAnySlots: FlatLists<RuleSlot>
  /// Per rule, whether its `any` keywords are tracked in a mask (at most 64 of them).
  let masksAnySlots: [Bool]
  /// For each literal, the rules it can trigger.
  let triggeredRules: FlatLists<Int32>
  /// Rules with a pattern that runs on every message.
  let alwaysRules: [Int32]

  /// How many patterns were decided by their literals alone.
  public let exactPatterns: Int
  /// How many patterns run only when a required literal occurred.
  public let gatedPatterns: Int
  /// How many patterns run on every message.
  public let ungatedPatterns: Int

  /// The number of distinct literals in the automaton.
  public var literalCount: Int { triggeredRules.count }

  /// Builds the prefilter for `rules` (the rule set's `allRules`, in order).
  public init(rules: [Rule]) {
    var literalIDs: [[UInt8]: Int32] = [:]
    var literals: [[UInt8]] = []
    func id(_ bytes: [UInt8]) -> Int32 {
      if let existing = literalIDs[bytes] { return existing }
      let new = Int32(literals.count)
      literalIDs[bytes] = new
      literals.append(bytes)
      return new
    }
    var anyLiterals: [[Int32]] = []
    var allLiterals: [[Int32]] = []
    var noneLiterals: [[Int32]] = []
    var patternPlans: [[PatternPlan]] = []
    var triggers: [(literal: Int32, rule: Int32)] = []
    var alwaysRules: [Int32] = []
    var exact = 0
    var gated = 0
    var ungated = 0
    for (index, rule) in rules.enumerated() {
      let ruleIndex = Int32(index)
      let any = rule.any.map { id($0.utf8) }
      let all = rule.all.map { id($0.utf8) }
      anyLiterals.append(any)
      allLiterals.append(all)
      noneLiterals.append(rule.none.map { id($0.utf8) })
      triggers += any.map { ($0, ruleIndex) }
      if rule.isAllOnly { triggers += all.map { ($0, ruleIndex) } }
      var plans: [PatternPlan] = []
      var runsAlways = false
      for pattern in rule.patterns {
        switch RegexLiterals.analyze(pattern.regex.pattern) {
        case .exact(let strings):
          exact += 1
          let ids = strings.map { id(Array($0.utf8)) }
          plans.append(.literals(ids, also: []))
          triggers += ids.map { ($0, ruleIndex) }
        case .required(let strings, let also):
          gated += 1
          let ids = strings.map { id(Array($0.utf8)) }
          plans.append(.literals(ids, also: also.map { $0.map { id(Array($0.utf8)) } }))
          triggers += ids.map { ($0, ruleIndex) }
        case .always:
          ungated += 1
          plans.append(.always)
          runsAlways = true
        }
      }
      patternPlans.append(plans)
      if runsAlways { alwaysRules.append(ruleIndex) }
    }
    var triggered = [[Int32]](repeating: [], count: literals.count)
    for (literal, rule) in triggers where triggered[Int(literal)].last != rule {
      triggered[Int(literal)].append(rule)
    }
    self.automaton = LiteralAutomaton(literals: literals)
    self.anyLiterals = FlatLists(anyLiterals)
    self.allLiterals = FlatLists(allLiterals)
    self.noneLiterals = FlatLists(noneLiterals)
    var base: [Int32] = []
    var runsAlways: [Bool] = []
    var setsOfPattern: [[Int32]] = []
    var setsOfLiteral = [[Int32]](repeating: [], count: literals.count)
    var setCount: Int32 = 0
    for plans in patternPlans {
      base.append(Int32(runsAlways.count))
      for plan in plans {
        switch plan {
        case .always:
          runsAlways.append(true)
          setsOfPattern.append([])
        case .literals(let ids, let also):
          runsAlways.append(false)
          var sets: [Int32] = []
          for members in [ids] + also {
            for literal in Set(members).sorted() { setsOfLiteral[Int(literal)].append(setCount) }
            sets.append(setCount)
            setCount += 1
          }
          setsOfPattern.append(sets)
        }
      }
    }
    self.patternBase = base
    var anySlots = [[RuleSlot]](repeating: [], count: literals.count)
    for (rule, ids) in anyLiterals.enumerated() where ids.count <= 64 {
      for (slot, literal) in ids.enumerated() {
        anySlots[Int(literal)].append(RuleSlot(rule: Int32(rule), slot: Int32(slot)))
      }
    }
    self.literalAnySlots = FlatLists(anySlots)
    self.masksAnySlots = anyLiterals.map { $0.count <= 64 }
    self.patternRegexes = rules.flatMap { $0.patterns.map(\.regex) }
    self.patternCodes = patternRegexes.map(CompiledRegex.Code.init)
    self.shapes = rules.map(RuleShape.init)
    self.patternRunsAlways = runsAlways
    self.patternSets = FlatLists(setsOfPattern)
    self.literalSets = FlatLists(setsOfLiteral)
    self.setCount = Int(setCount)
    self.triggeredRules = FlatLists(triggered)
    self.alwaysRules = alwaysRules
    self.exactPatterns = exact
    self.gatedPatterns = gated
    self.ungatedPatterns = ungated
  }

  /// Runs the automaton over `bytes`, recording each literal's first end in `scratch`, and
  /// puts the indexes of the rules worth evaluating into `candidates`, in rule-set order.
  ///
  /// The scratch must have been prepared for this message (``MatchScratch/prepare``);
  /// `candidates` is emptied first and keeps its capacity, so a reused buffer allocates nothing.
  func candidates(
    in bytes: UnsafeBufferPointer<UInt8>, into candidates: inout [Int32],
    scratch: inout MatchScratch
  ) {
    let generation = scratch.generation
    candidates.removeAll(keepingCapacity: true)
    candidates.append(contentsOf: alwaysRules)
    for rule in alwaysRules {
      scratch.ruleGeneration[Int(rule)] = generation
      scratch.anyMask[Int(rule)] = 0
    }
    automaton.forEachMatch(in: bytes) { literal, end in
      guard scratch.literalGeneration[literal] != generation else { return }
      scratch.literalGeneration[literal] = generation
      scratch.literalFirstEnd[literal] = Int32(end)
      for position in literalSets.positions(of: literal) {
        scratch.setGeneration[Int(literalSets.element(at: position))] = generation
      }
      for position in triggeredRules.positions(of: literal) {
        let rule = triggeredRules.element(at: position)
        guard scratch.ruleGeneration[Int(rule)] != generation else { continue }
        scratch.ruleGeneration[Int(rule)] = generation
        scratch.anyMask[Int(rule)] = 0
        candidates.append(rule)
      }
      // Every rule here became a candidate just above: an `any` keyword triggers its rule.
      for position in literalAnySlots.positions(of: literal) {
        let found = literalAnySlots.element(at: position)
        scratch.anyMask[Int(found.rule)] |= 1 << UInt64(found.slot)
      }
    }
    candidates.sort()
  }
}

/// Finds keywords through the prefilter's record of one message (which literals and literal
/// sets occurred, and where), and runs patterns when their literals occurred.
///
/// Made once per message and passed along by reference, so deciding a rule copies no
/// reference.
struct PrefilterLocator: RuleLocator {
  let prefilter: Prefilter
  let rules: UnsafeBufferPointer<Rule>
  let bytes: UnsafeBufferPointer<UInt8>
  let firstEnd: UnsafeBufferPointer<Int32>
  let seen: UnsafeBufferPointer<UInt32>
  /// Per literal set, the generation of the last message in which one of its literals occurred.
  let setSeen: UnsafeBufferPointer<UInt32>
  /// Per candidate rule, the `any` slots whose keyword occurred.
  let anyMask: UnsafeBufferPointer<UInt64>
  let generation: UInt32

  @inline(__always)
  private func range(ofLiteral literal: Int32) -> Range<Int>? {
    guard seen[Int(literal)] == generation else { return nil }
    let end = Int(firstEnd[Int(literal)])
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
    prefilter.masksAnySlots[rule] ? anyMask[rule] : nil
  }

  func mayMatch(pattern: Int, rule: Int) -> Bool {
    let global = Int(prefilter.patternBase[rule]) + pattern
    if prefilter.patternRunsAlways[global] { return true }
    for position in prefilter.patternSets.positions(of: global)
    where setSeen[Int(prefilter.patternSets.element(at: position))] != generation {
      return false
    }
    return true
  }

  func firstMatch(pattern: Int, rule: Int, using scratch: inout MatchScratch)
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

/// A keyword's place: rule number and slot.
struct RuleSlot: Sendable {
  let rule: Int32
  let slot: Int32
}
