/// What the matcher found in one message: the intent, how sure it is, the emotion, and every
/// rule that fired with where.
///
/// Immutable; safe to share. A class, so that handing it along the pipeline retains it once
/// rather than each of its arrays and strings.
public final class Classification: Sendable {
  /// The winning intent, or ``IntentID/other`` when no rule fired.
  public let intent: IntentID
  /// The winning intent's score in [0, 1); 0 for `other`.
  public let confidence: Double
  /// Every intent with a positive score, best first (the winner, then the runners-up).
  public let scores: [IntentScore]
  /// The buyer's emotion and the cues behind it.
  public let emotion: EmotionAssessment
  /// Patterns that could not finish (a match limit) or were not run (the message's budget was
  /// spent, ``MatchError/isBudgetExhausted``), in rule-set order.
  ///
  /// Such a pattern counts as not matching.
  public let patternFailures: [PatternFailure]

  /// The rules with a pattern in ``patternFailures``, each once, in rule-set order: the rules
  /// that may have been kept from firing on this message.
  public var skippedRuleIDs: [RuleID] {
    guard !patternFailures.isEmpty else { return [] }
    var seen: Set<RuleID> = []
    return patternFailures.map(\.rule).filter { seen.insert($0).inserted }
  }

  let record: MatchRecord
  let hits: [HitRecord]
  let misses: [MissRecord]
  /// Whether the fallback rules' evidence counted: the matcher's decision, kept as it made it.
  let countsFallbacks: Bool

  /// Whether only broad topic words (fallback rules) decided the intent: no specific rule of
  /// any intent fired.
  public var isDecidedByFallbacks: Bool { countsFallbacks && intent != .other }

  init(
    record: MatchRecord, intent: IntentID, confidence: Double, scores: [IntentScore],
    emotion: EmotionAssessment, hits: [HitRecord], misses: [MissRecord],
    countsFallbacks: Bool, patternFailures: [PatternFailure]
  ) {
    self.record = record
    self.intent = intent
    self.confidence = confidence
    self.scores = scores
    self.emotion = emotion
    self.hits = hits
    self.misses = misses
    self.countsFallbacks = countsFallbacks
    self.patternFailures = patternFailures
  }

  /// The message, normalized, with the map back to the original.
  public var message: NormalizedText { record.message }

  /// The intent rules that fired, in rule-set order, with their spans.
  ///
  /// Built on each access from the compact record; read it once.
  public var firedRules: [RuleHit] { hits.map(record.hit) }

  /// Whether a fired intent rule's evidence counted in the scores: every rule's does, except a
  /// fallback rule's (``Rule/isFallback``) when a rule that is not a fallback fired too.
  public func counts(_ hit: RuleHit) -> Bool {
    !hit.rule.isFallback || countsFallbacks
  }

  /// How many intent rules fired (without building ``firedRules``).
  public var firedRuleCount: Int { hits.count }

  /// The ids of the intent rules that fired, in rule-set order.
  public var firedRuleIDs: [RuleID] { hits.map { record.rules[Int($0.rule)].id } }

  /// The names of the intent rules that fired (``Rule/name``), in rule-set order.
  public var firedRuleNames: [String] { hits.map { record.rules[Int($0.rule)].name } }

  /// Rules that almost fired, for `explain`.
  ///
  /// Each was triggered, but vetoed by a `none` keyword or missing an `all` keyword.
  public var nearMisses: [NearMiss] { misses.map(record.nearMiss) }

  /// The runner-up, if any intent besides the winner scored.
  public var runnerUp: IntentScore? { scores.count > 1 ? scores[1] : nil }
}

/// The score of one intent.
public struct IntentScore: Hashable, Sendable {
  /// The intent.
  public let intent: IntentID
  /// Noisy-OR of the evidence of its fired rules, in [0, 1).
  public let score: Double
}

/// The buyer's emotion, from the emotion cues.
public struct EmotionAssessment: Sendable {
  /// The level: calm, upset or angry.
  public let level: Emotion
  /// Noisy-OR of the angry cues' evidence.
  public let angerScore: Double
  /// Noisy-OR of every cue's evidence (angry cues count as upset too).
  public let upsetScore: Double

  let record: MatchRecord
  let cueHits: [HitRecord]

  init(
    level: Emotion, angerScore: Double, upsetScore: Double, record: MatchRecord,
    cues: [HitRecord]
  ) {
    self.level = level
    self.angerScore = angerScore
    self.upsetScore = upsetScore
    self.record = record
    self.cueHits = cues
  }

  /// The cues that fired, with their spans.
  ///
  /// Built on each access from the compact record; read it once.
  public var cues: [RuleHit] { cueHits.map(record.hit) }

  /// How many cues fired.
  public var cueCount: Int { cueHits.count }
}

/// A rule that fired, with the spans that made it fire.
public struct RuleHit: Sendable {
  /// The rule.
  public let rule: Rule
  /// What matched: one span per keyword or pattern hit, in the order found.
  public let spans: [MatchSpan]
  /// The evidence this rule contributes: `min(0.99, weight × length factor)`.
  public let evidence: Double

  /// The rule's id.
  public var id: RuleID { rule.id }
}

/// One stretch of a message that a keyword or pattern matched.
public struct MatchSpan: Hashable, Sendable {
  /// Byte offsets in the normalized text.
  public let normalizedUTF8: Range<Int>
  /// The matched range of the original message.
  public let original: Range<String.Index>
  /// What matched it: a keyword (as written) or a pattern (as written).
  public let source: String
  /// Whether `source` is a regular expression rather than a keyword.
  public let isPattern: Bool
}

/// A rule that was triggered but did not fire.
public struct NearMiss: Sendable {
  /// Why the rule did not fire.
  public enum Reason: Sendable {
    /// A `none` keyword was present.
    case vetoed(by: Keyword)
    /// These `all` keywords were absent.
    case missingAll([Keyword])
  }

  /// The rule.
  public let rule: Rule
  /// Why it did not fire.
  public let reason: Reason
  /// What triggered it.
  public let triggers: [MatchSpan]
}

/// A pattern PCRE2 gave up on for one message.
public struct PatternFailure: Sendable {
  /// The rule of the pattern.
  public let rule: RuleID
  /// The pattern as written.
  public let pattern: String
  /// What PCRE2 said.
  public let error: MatchError
}
