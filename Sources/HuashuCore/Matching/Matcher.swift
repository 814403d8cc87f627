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
///
/// Emotion uses the same evidence: `A` is the noisy-OR of the angry cues, `U` that of every
/// cue. The buyer is angry when `A ≥ 0.5`; else upset when `U ≥ 0.5` or any angry cue fired;
/// else calm. So one weak angry cue (`!!!`, weight below 0.5) alone reads as upset, and two
/// together as angry.
///
/// Immutable; safe to share. Each thread passes its own ``MatchScratch``.
public struct Matcher: Sendable {
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
  /// For each rule of `ruleSet.allRules`, the position of its intent in `intentSlots`, or -1
  /// for an emotion cue.
  private let ruleSlots: [Int]
  /// The literal prefilter, for the prefiltered engine.
  public let prefilter: Prefilter?

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
    self.ruleSlots = ruleSet.allRules.map { rule in
      guard case .intent(let intent) = rule.target else { return -1 }
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
    var failures: [PatternFailure] = []
    var nearMisses: [NearMiss] = []
    var fired: [RuleHit] = []
    var cues: [RuleHit] = []
    var evidence: [(slot: Int, evidence: Double, weight: Double)] = []
    func record(_ outcome: RuleEvaluator.Outcome, of rule: Rule, index: Int) {
      switch outcome {
      case .fired(let hit):
        if case .intent = rule.target {
          fired.append(hit)
          evidence.append((ruleSlots[index], hit.evidence, rule.weight))
        } else {
          cues.append(hit)
        }
      case .vetoed(let keyword, let triggers):
        nearMisses.append(NearMiss(rule: rule, reason: .vetoed(by: keyword), triggers: triggers))
      case .incomplete(let missing, let triggers):
        nearMisses.append(NearMiss(rule: rule, reason: .missingAll(missing), triggers: triggers))
      case .silent:
        break
      }
    }
    message.utf8.withUnsafeBufferPointer { bytes in
      let evaluator = RuleEvaluator(message: message, bytes: bytes)
      let rules = ruleSet.allRules
      guard let prefilter else {
        for (index, rule) in rules.enumerated() {
          record(
            evaluator.evaluate(rule, using: &scratch, failures: &failures), of: rule, index: index)
        }
        return
      }
      let candidates = prefilter.candidates(in: bytes, scratch: &scratch)
      let generation = scratch.generation
      // Copies of the record (the scratch is also passed inout to PCRE2 below).
      let firstEnd = scratch.literalFirstEnd
      let seen = scratch.literalGeneration
      firstEnd.withUnsafeBufferPointer { firstEnd in
        seen.withUnsafeBufferPointer { seen in
          let locator = PrefilterLocator(
            prefilter: prefilter, firstEnd: firstEnd, seen: seen, generation: generation)
          for index in candidates {
            let rule = rules[Int(index)]
            record(
              evaluator.evaluate(
                rule, index: Int(index), locator: locator, using: &scratch, failures: &failures),
              of: rule, index: Int(index))
          }
        }
      }
    }
    let scores = intentScores(evidence)
    let winner = scores.first
    return Classification(
      message: message, intent: winner?.intent ?? .other, confidence: winner?.score ?? 0,
      scores: scores, emotion: emotion(cues), firedRules: fired, nearMisses: nearMisses,
      patternFailures: failures)
  }

  /// The noisy-OR scores of the intents with fired rules, best first: ties go to the stronger
  /// rule weight, then to the intent declared first.
  func intentScores(_ hits: [(slot: Int, evidence: Double, weight: Double)]) -> [IntentScore] {
    guard !hits.isEmpty else { return [] }
    // Only the few intents that fired are touched: a message fires a handful of rules, while a
    // large rule set declares hundreds of intents.
    var touched: [(slot: Int, remaining: Double, strongest: Double)] = []
    for hit in hits {
      if let position = touched.firstIndex(where: { $0.slot == hit.slot }) {
        touched[position].remaining *= 1 - hit.evidence
        touched[position].strongest = max(touched[position].strongest, hit.weight)
      } else {
        touched.append((hit.slot, 1 - hit.evidence, hit.weight))
      }
    }
    return touched.sorted { lhs, rhs in
      let (left, right) = (1 - lhs.remaining, 1 - rhs.remaining)
      if left != right { return left > right }
      if lhs.strongest != rhs.strongest { return lhs.strongest > rhs.strongest }
      return lhs.slot < rhs.slot
    }
    .map { IntentScore(intent: intentSlots[$0.slot], score: 1 - $0.remaining) }
  }

  func emotion(_ cues: [RuleHit]) -> EmotionAssessment {
    var calmAnger = 1.0
    var calmAll = 1.0
    for cue in cues {
      if case .emotion(.angry) = cue.rule.target { calmAnger *= 1 - cue.evidence }
      calmAll *= 1 - cue.evidence
    }
    let anger = 1 - calmAnger
    let upset = 1 - calmAll
    let anyAngryCue = calmAnger < 1
    let level: Emotion =
      anger >= Self.emotionThreshold
      ? .angry : (upset >= Self.emotionThreshold || anyAngryCue) ? .upset : .calm
    return EmotionAssessment(level: level, angerScore: anger, upsetScore: upset, cues: cues)
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
