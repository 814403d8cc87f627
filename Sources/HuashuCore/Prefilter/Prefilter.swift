internal import Foundation

/// The literal prefilter of a rule set.
///
/// One automaton holds every keyword and, for every regular expression, the literals it needs
/// (see ``RegexLiterals``). One pass over a message
/// finds every keyword; a rule is looked at only when one of its literals occurred, and a
/// pattern runs in PCRE2 only when its literals occurred (or when nothing safe could be
/// extracted from it).
///
/// Built once per rule set; immutable and safe to share. Its per-message state lives in a
/// ``PrefilterRecord``.
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
  /// The number of literal sets.
  let setCount: Int
  /// Per pattern, its compiled code, and the regexes that own the code.
  let patternCodes: [CompiledRegex.Code]
  private let patternRegexes: [CompiledRegex]
  /// Per rule, whether its `any` keywords are tracked in a mask (at most
  /// ``maskedKeywordLimit`` of them).
  let masksAnySlots: [Bool]
  /// The most `any` keywords a rule may have for their mask of occurred slots (one word).
  static let maskedKeywordLimit = 64
  /// For each literal, what the automaton pass does when it first meets it in a message, all
  /// in one list (one or two cache lines): the rules it triggers, the `any` slots it fills
  /// (see ``LiteralEffect``), the literal sets it belongs to.
  let literalEffects: FlatLists<LiteralEffect>
  /// Rules with a pattern that runs on every message.
  let alwaysRules: [Int32]

  /// How many patterns were decided by their literals alone.
  public let exactPatterns: Int
  /// How many patterns run only when a required literal occurred.
  public let gatedPatterns: Int
  /// How many patterns run on every message.
  public let ungatedPatterns: Int

  /// The number of distinct literals in the automaton.
  public var literalCount: Int { literalEffects.count }

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
    // Every rule's patterns in rule order, as `patternBase` numbers them. Reading them is the
    // costly part, and each is read on its own: on every core.
    let patternRegexes = rules.flatMap { $0.patterns.map(\.regex) }
    let analyses = patternRegexes.concurrentMap(
      threads: ProcessInfo.processInfo.activeProcessorCount, makeState: {}
    ) { regex, _ in RegexLiterals.analyze(regex.pattern) }
    var analysed = 0
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
      let ruleAnalyses = analyses[analysed..<analysed + rule.patterns.count]
      analysed += rule.patterns.count
      for analysis in ruleAnalyses {
        switch analysis {
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
    // Triggers first: a rule becomes a candidate (and its mask is cleared) before a slot of
    // it is set; an `any` keyword always triggers its rule.
    var effects = triggered.map { $0.map(LiteralEffect.trigger) }
    for (rule, ids) in anyLiterals.enumerated() where ids.count <= Self.maskedKeywordLimit {
      for (slot, literal) in ids.enumerated() {
        effects[Int(literal)].append(.anySlot(rule: Int32(rule), slot: Int32(slot)))
      }
    }
    for (literal, sets) in setsOfLiteral.enumerated() {
      effects[literal] += sets.map(LiteralEffect.set)
    }
    self.literalEffects = FlatLists(effects)
    self.masksAnySlots = anyLiterals.map { $0.count <= Self.maskedKeywordLimit }
    self.patternRegexes = patternRegexes
    self.patternCodes = patternRegexes.map(CompiledRegex.Code.init)
    self.patternRunsAlways = runsAlways
    self.patternSets = FlatLists(setsOfPattern)
    self.setCount = Int(setCount)
    self.alwaysRules = alwaysRules
    self.exactPatterns = exact
    self.gatedPatterns = gated
    self.ungatedPatterns = ungated
  }
}

/// One thing the automaton pass does on first meeting a literal in a message.
struct LiteralEffect: Sendable {
  enum Kind: UInt8, Sendable {
    /// Make rule `first` a candidate.
    case trigger
    /// Set bit `second` in rule `first`'s mask of occurred `any` slots.
    case anySlot
    /// Mark literal set `first` as occurred.
    case set
  }

  let kind: Kind
  let first: Int32
  let second: Int32

  static func trigger(_ rule: Int32) -> Self { Self(kind: .trigger, first: rule, second: 0) }
  static func anySlot(rule: Int32, slot: Int32) -> Self {
    Self(kind: .anySlot, first: rule, second: slot)
  }
  static func set(_ set: Int32) -> Self { Self(kind: .set, first: set, second: 0) }
}
