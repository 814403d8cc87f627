/// Classifies buyer messages against a ``RuleSet``: normalizes once, finds every rule that
/// fires with its spans, scores the intents and, independently, the emotion.
///
/// ## Scoring
///
/// A fired rule contributes evidence `e = min(0.99, weight × L)`, where `L` depends on the
/// length of the rule's longest matched span in normalized characters: 1 → 0.5, 2 → 0.8,
/// 3 or more → 1.0 (longer matches are more specific; a rule that fires only through `all`
/// uses its longest `all` keyword). An intent's score is the noisy-OR of its rules' evidence,
/// `1 − Π(1 − e)`, so more independent evidence raises it without passing 1. The winner is the
/// highest score; ties go to the intent whose strongest fired rule has the higher weight, then
/// to the intent declared first. No fired rule means ``IntentID/other`` with confidence 0.
/// A fallback rule (``Rule/isFallback``, broad topic words) counts only when no other intent
/// rule fired: it decides a message nothing specific claims and never tips one that is.
///
/// Emotion uses the same evidence: `A` is the noisy-OR of the angry cues, `U` that of every
/// cue. The buyer is angry when `A ≥ 0.5`; else upset when `U ≥ 0.5` or any angry cue fired;
/// else calm. So one weak angry cue (`!!!`, weight below 0.5) alone reads as upset, and two
/// together as angry.
///
/// Immutable; safe to share. Each thread passes its own ``MatchScratch``.
public final class Matcher: Sendable {
  /// The rules matched against.
  public let ruleSet: RuleSet
  /// The normalizer applied to messages (the same one applied to keywords).
  public let normalizer: Normalizer
  /// The longest normalized message, in UTF-8 bytes, that is matched; the rest is ignored and
  /// the result says ``NormalizedText/isTruncated``.
  public let utf8Limit: Int

  /// The threshold a level's score must reach for the buyer to count as upset or angry.
  public static let emotionThreshold = 0.5

  /// The intents in declaration order; scores are accumulated by position in this list.
  private let intentSlots: [IntentID]
  /// For each rule of `ruleSet.allRules`, the position of its intent in `intentSlots`, or
  /// ``upsetSlot`` / ``angrySlot`` for an emotion cue.
  private let ruleSlots: [Int]
  /// For each rule of `ruleSet.allRules`, its weight (read without touching the shared rule).
  private let ruleWeights: [Double]
  /// For each rule of `ruleSet.allRules`, whether it is a fallback rule.
  private let ruleIsFallback: [Bool]
  private static let upsetSlot = -1
  private static let angrySlot = -2
  /// The literal prefilter, for the prefiltered engine.
  public let prefilter: Prefilter?
  /// For each rule of `ruleSet.allRules`, what evaluating it needs besides its keywords and
  /// patterns.
  private let ruleShapes: [RuleShape]

  /// How rules are matched.
  ///
  /// Both engines give identical results (a differential test checks).
  public enum Engine: String, Sendable, CaseIterable {
    /// One automaton pass finds every keyword; patterns run only when their literals occurred.
    case prefiltered
    /// Every keyword searched and every pattern run, for every rule: the reference.
    case naive
  }

  /// Creates a matcher.
  public init(
    ruleSet: RuleSet, normalizer: Normalizer = .standard,
    utf8Limit: Int = Normalizer.defaultUTF8Limit, engine: Engine = .prefiltered
  ) {
    self.prefilter = engine == .prefiltered ? Prefilter(rules: ruleSet.allRules) : nil
    self.ruleSet = ruleSet
    self.normalizer = normalizer
    self.utf8Limit = utf8Limit
    var slots = ruleSet.intents.map(\.id)
    var slotOf = Dictionary(slots.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    self.ruleWeights = ruleSet.allRules.map(\.weight)
    self.ruleShapes = ruleSet.allRules.map(RuleShape.init)
    self.ruleIsFallback = ruleSet.allRules.map(\.isFallback)
    self.ruleSlots = ruleSet.allRules.map { rule in
      switch rule.target {
      case .emotion(.angry): return Self.angrySlot
      case .emotion: return Self.upsetSlot
      case .intent: break
      }
      guard case .intent(let intent) = rule.target else { return Self.upsetSlot }
      if let slot = slotOf[intent] { return slot }
      slots.append(intent)
      slotOf[intent] = slots.count - 1
      return slots.count - 1
    }
    self.intentSlots = slots
  }

  /// Classifies one message.
  ///
  /// - Parameters:
  ///   - text: The buyer's message, as received.
  ///   - scratch: This thread's PCRE2 scratch.
  public func classify(_ text: String, using scratch: inout MatchScratch) -> Classification {
    let message = normalizer.normalizedText(text, utf8Limit: utf8Limit)
    scratch.prepare(
      literals: prefilter?.literalCount ?? 0, sets: prefilter?.setCount ?? 0,
      rules: ruleSlots.count, intents: intentSlots.count)
    var failures: [PatternFailure] = []
    var misses: [MissRecord] = []
    var fired: [HitRecord] = []
    var cues: [HitRecord] = []
    var spans: [SpanRecord] = []
    func record(_ outcome: RuleEvaluator.Outcome, index: Int) {
      switch outcome {
      case .fired(let evidence, let range):
        let hit = HitRecord(rule: Int32(index), evidence: evidence, spans: range)
        if ruleSlots[index] >= 0 { fired.append(hit) } else { cues.append(hit) }
      case .vetoed(let keyword, let triggers):
        misses.append(MissRecord(rule: Int32(index), reason: .vetoed(keyword), spans: triggers))
      case .incomplete(let missing, let triggers):
        misses.append(
          MissRecord(rule: Int32(index), reason: .missingAll(missing), spans: triggers))
      case .silent:
        break
      }
    }
    let rules = ruleSet.allRules
    let bytes = message.utf8
    let evaluator = RuleEvaluator(message: message)
    if let prefilter {
      // The scratch's buffer, taken out while the scratch itself is passed on, then put back.
      var candidates: [Int32] = []
      swap(&candidates, &scratch.candidateBuffer)
      defer { swap(&candidates, &scratch.candidateBuffer) }
      prefilter.candidates(in: bytes, into: &candidates, record: &scratch.prefilter)
      // Room for a hit and two spans per candidate up front, rather than growing one append
      // at a time (each growth is an allocation and a copy); capped, since a large rule set
      // makes hundreds of candidates of which few fire, and the record outlives the message.
      fired.reserveCapacity(min(candidates.count, 16))
      spans.reserveCapacity(min(2 * candidates.count, 32))
      // A copy of the record (the scratch is also passed inout to PCRE2 below).
      let prefilterRecord = scratch.prefilter
      prefilterRecord.withView { view in
        let locator = PrefilterLocator(
          prefilter: prefilter, rules: rules, bytes: bytes, record: view)
        for index in candidates {
          let index = Int(index)
          record(
            evaluator.evaluate(
              ruleShapes[index], rule: index, locator: locator, spans: &spans,
              using: &scratch.regex, failures: &failures),
            index: index)
        }
      }
    } else {
      for (index, rule) in rules.enumerated() {
        record(
          evaluator.evaluate(
            rule, bytes: bytes, spans: &spans, using: &scratch.regex, failures: &failures),
          index: index)
      }
    }
    // Fallback rules count only when nothing but fallbacks fired.
    let countsFallbacks = fired.allSatisfy { ruleIsFallback[Int($0.rule)] }
    let scores = intentScores(fired, countsFallbacks: countsFallbacks, scratch: &scratch)
    let winner = scores.first
    let matchRecord = MatchRecord(rules: rules, message: message, spans: spans)
    return Classification(
      record: matchRecord, intent: winner?.intent ?? .other, confidence: winner?.score ?? 0,
      scores: scores, emotion: emotion(cues, record: matchRecord), hits: fired, misses: misses,
      countsFallbacks: countsFallbacks, patternFailures: failures)
  }

  /// The noisy-OR scores of the intents with fired rules, best first.
  ///
  /// Ties go to the stronger rule weight, then to the intent declared first. Fallback rules
  /// count only when `countsFallbacks` (no other rule fired).
  func intentScores(
    _ hits: [HitRecord], countsFallbacks: Bool, scratch: inout MatchScratch
  ) -> [IntentScore] {
    guard !hits.isEmpty else { return [] }
    // Only the intents that fired are touched (a large rule set declares hundreds); the
    // scratch remembers where each one's running score is for this message.
    let generation = scratch.intentRound
    // The scratch's buffer, taken out while the scratch's slots are written, then put back.
    var touched = scratch.touchedIntents
    scratch.touchedIntents = []
    defer {
      touched.removeAll(keepingCapacity: true)
      scratch.touchedIntents = touched
    }
    for hit in hits where countsFallbacks || !ruleIsFallback[Int(hit.rule)] {
      let slot = ruleSlots[Int(hit.rule)]
      let weight = ruleWeights[Int(hit.rule)]
      if scratch.intentGeneration[slot] == generation {
        let position = Int(scratch.intentPosition[slot])
        touched[position].remaining *= 1 - hit.evidence
        touched[position].strongest = max(touched[position].strongest, weight)
      } else {
        scratch.intentGeneration[slot] = generation
        scratch.intentPosition[slot] = Int32(touched.count)
        touched.append((slot, 1 - hit.evidence, weight))
      }
    }
    // Usually one or two intents: sorted in place by insertion.
    func precedes(
      _ lhs: (slot: Int, remaining: Double, strongest: Double),
      _ rhs: (slot: Int, remaining: Double, strongest: Double)
    ) -> Bool {
      let (left, right) = (1 - lhs.remaining, 1 - rhs.remaining)
      if left != right { return left > right }
      if lhs.strongest != rhs.strongest { return lhs.strongest > rhs.strongest }
      return lhs.slot < rhs.slot
    }
    for position in touched.indices.dropFirst() {
      var index = position
      while index > 0, precedes(touched[index], touched[index - 1]) {
        touched.swapAt(index, index - 1)
        index -= 1
      }
    }
    return touched.map { IntentScore(intent: intentSlots[$0.slot], score: 1 - $0.remaining) }
  }

  func emotion(_ cues: [HitRecord], record: MatchRecord) -> EmotionAssessment {
    var calmAnger = 1.0
    var calmAll = 1.0
    for cue in cues {
      if ruleSlots[Int(cue.rule)] == Self.angrySlot { calmAnger *= 1 - cue.evidence }
      calmAll *= 1 - cue.evidence
    }
    let anger = 1 - calmAnger
    let upset = 1 - calmAll
    let anyAngryCue = calmAnger < 1
    let level: Emotion =
      anger >= Self.emotionThreshold
      ? .angry : (upset >= Self.emotionThreshold || anyAngryCue) ? .upset : .calm
    return EmotionAssessment(
      level: level, angerScore: anger, upsetScore: upset, record: record, cues: cues)
  }

  /// The evidence of a rule of `weight` whose longest match is `characters` long.
  ///
  /// `min(0.99, weight × L)`: the one place the formula lives (the linter uses it too).
  public static func evidence(weight: Double, characters: Int) -> Double {
    min(0.99, weight * lengthFactor(characters: characters))
  }

  /// The length factor `L` for a span of `characters` normalized characters.
  public static func lengthFactor(characters: Int) -> Double {
    switch characters {
    case ...1: 0.5
    case 2: 0.8
    default: 1.0
    }
  }
}
