/// The trace of one classification as JSON (what `POST /api/explain` answers): the fired
/// rules with where they are and what they matched, the near misses, the scores, the emotion
/// and, when the phrasebooks are loaded, the replies with the parts of their scores.
///
/// The same facts as ``ExplainTrace``, for a program or a page to lay out.
public struct ExplainRecord: Encodable, Sendable {
  /// A matched stretch of the message; `start` and `end` count `Character`s.
  public struct Match: Encodable, Sendable {
    public var start: Int
    public var end: Int
    public var text: String
    /// The keyword or pattern, as written in the rule file.
    public var source: String
    /// `keyword` or `regex`.
    public var kind: String
  }

  /// A rule that fired (an intent rule or an emotion cue).
  public struct FiredRule: Encodable, Sendable {
    public var id: String
    public var file: String
    public var line: Int
    public var column: Int
    public var weight: Double
    public var evidence: Double
    /// Whether its evidence counted: a fallback rule counts only when no specific rule fired.
    public var counted: Bool
    public var fallback: Bool
    public var matches: [Match]
  }

  /// A rule that was triggered but did not fire.
  public struct NearMiss: Encodable, Sendable {
    public var id: String
    public var file: String
    public var line: Int
    public var column: Int
    /// `intent` or `emotion`.
    public var target: String
    public var reason: String
    public var matches: [Match]
  }

  /// The second-best intent, and why the winner beat it.
  public struct RunnerUp: Encodable, Sendable {
    public var intent: String
    public var score: Double
    public var margin: Double
    public var why: String
  }

  /// The buyer's emotion and its cues.
  public struct Emotion: Encodable, Sendable {
    /// `calm`, `upset` or `angry`.
    public var level: String
    public var anger: Double
    public var upset: Double
    /// The score a level needs.
    public var threshold: Double
    public var cues: [FiredRule]
  }

  /// A reply with the parts of its score: `score = intent × fit × layer × usage`.
  public struct Suggestion: Encodable, Sendable {
    /// The factors of the score.
    public struct Parts: Encodable, Sendable {
      public var intent: Double
      public var fit: Double
      public var layer: Double
      public var usage: Double
      public var accepted: Int
    }

    public var id: String
    public var text: String
    public var file: String
    public var line: Int
    public var score: Double
    /// `team` or `personal`.
    public var source: String
    public var group: String?
    public var code: String?
    public var parts: Parts
  }

  public var text: String
  public var normalized: String
  public var truncated: Bool
  public var intent: String
  public var label: String?
  public var confidence: Double
  public var runnerUp: RunnerUp?
  public var scores: [ClassificationRecord.Score]
  public var rules: [FiredRule]
  public var nearMisses: [NearMiss]
  public var emotion: Emotion
  public var patternFailures: [String]
  /// The replies; absent when no phrasebook was given.
  public var suggestions: [Suggestion]?
  public var noSuggestionReason: String?

  enum CodingKeys: String, CodingKey {
    case text, normalized, truncated, intent, label, confidence
    case runnerUp = "runner_up"
    case scores, rules
    case nearMisses = "near_misses"
    case emotion
    case patternFailures = "pattern_failures"
    case suggestions
    case noSuggestionReason = "no_suggestion_reason"
  }

  /// The record of `classification`; with a suggester, the replies it ranks for the message
  /// on its own, with the agent's `usage`.
  public init(
    _ classification: Classification, ruleSet: RuleSet, suggester: Suggester? = nil,
    profile: ShopProfile? = nil, usage: [ReplyID: Int] = [:]
  ) {
    let message = classification.message
    func matches(_ spans: [MatchSpan]) -> [Match] {
      spans.map { span in
        let record = ClassificationRecord.span(span, in: message)
        return Match(
          start: record.start, end: record.end, text: record.text, source: record.source,
          kind: span.isPattern ? "regex" : "keyword")
      }
    }
    func fired(_ hit: RuleHit) -> FiredRule {
      FiredRule(
        id: hit.id.rawValue, file: hit.rule.location.path, line: hit.rule.location.line,
        column: hit.rule.location.column, weight: hit.rule.weight.roundedToThousandths,
        evidence: hit.evidence.roundedToThousandths, counted: classification.counts(hit),
        fallback: hit.rule.isFallback, matches: matches(hit.spans))
    }
    text = message.original
    normalized = message.text
    truncated = message.isTruncated
    intent = classification.intent.rawValue
    label = ruleSet.intent(classification.intent)?.label
    confidence = classification.confidence.roundedToThousandths
    runnerUp = classification.runnerUp.map { runnerUp in
      RunnerUp(
        intent: runnerUp.intent.rawValue, score: runnerUp.score.roundedToThousandths,
        margin: (classification.confidence - runnerUp.score).roundedToThousandths,
        why: classification.whyWinnerBeat(runnerUp))
    }
    scores = classification.scores.map {
      ClassificationRecord.Score(intent: $0.intent.rawValue, score: $0.score.roundedToThousandths)
    }
    rules = classification.firedRules.map(fired)
    nearMisses = classification.nearMisses.map { miss in
      let target = if case .intent = miss.rule.target { "intent" } else { "emotion" }
      return NearMiss(
        id: miss.rule.id.rawValue, file: miss.rule.location.path,
        line: miss.rule.location.line, column: miss.rule.location.column, target: target,
        reason: miss.reason.explanation, matches: matches(miss.triggers))
    }
    let emotion = classification.emotion
    self.emotion = Emotion(
      level: emotion.level.rawValue, anger: emotion.angerScore.roundedToThousandths,
      upset: emotion.upsetScore.roundedToThousandths, threshold: Matcher.emotionThreshold,
      cues: emotion.cues.map(fired))
    patternFailures = classification.patternFailures.map {
      "gave up on pattern '\($0.pattern)' of \($0.rule): \($0.error.message)"
    }
    guard let suggester else { return }
    let result = suggester.explainedSuggestions(
      for: classification, profile: profile, usage: usage)
    suggestions = result.suggestions.map { suggestion in
      let parts = suggestion.parts
      return Suggestion(
        id: suggestion.entry.id.rawValue, text: suggestion.reply.text,
        file: suggestion.entry.location.path, line: suggestion.entry.location.line,
        score: suggestion.score.roundedToThousandths, source: suggestion.entry.layer.rawValue,
        group: suggestion.entry.group, code: suggestion.entry.code,
        parts: Suggestion.Parts(
          intent: parts.intent.roundedToThousandths, fit: parts.fit.roundedToThousandths,
          layer: parts.layer.roundedToThousandths, usage: parts.usage.roundedToThousandths,
          accepted: parts.acceptedCount))
    }
    noSuggestionReason = result.noSuggestionReason
  }
}
