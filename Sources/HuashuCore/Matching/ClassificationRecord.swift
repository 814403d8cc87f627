/// The JSON form of a ``Classification``, one object per line of `classify --format json`.
///
/// Described once here so the CLI and the server agree.
///
/// Offsets (`start`, `end`) count `Character`s of the original message; `end` is exclusive.
public struct ClassificationRecord: Codable, Hashable, Sendable {
  /// A matched stretch of the original message.
  public struct Span: Codable, Hashable, Sendable {
    /// Offset of the first character, in `Character`s.
    public var start: Int
    /// Offset just past the last character, in `Character`s.
    public var end: Int
    /// The original text of the span.
    public var text: String
    /// The keyword or pattern that matched, as written in the rule file.
    public var source: String
  }

  /// A fired rule.
  public struct FiredRule: Codable, Hashable, Sendable {
    /// The rule id.
    public var id: String
    /// The rule file.
    public var file: String
    /// The line of the rule in its file.
    public var line: Int
    /// The column of the rule in its file.
    public var column: Int
    /// The evidence the rule contributed.
    public var evidence: Double
    /// The span that gave the evidence (the longest).
    public var span: Span?
    /// Every span the rule matched.
    public var matches: [Span]
  }

  /// An intent's score.
  public struct Score: Codable, Hashable, Sendable {
    /// The intent.
    public var intent: String
    /// Its score.
    public var score: Double
  }

  /// The message as received.
  public var text: String
  /// The winning intent, `other` when no rule fired.
  public var intent: String
  /// The intent's label, when the rule files give one.
  public var label: String?
  /// The winning intent's score.
  public var confidence: Double
  /// `calm`, `upset` or `angry`.
  public var emotion: String
  /// The emotion's score: the anger score when angry, else the upset score.
  public var emotionScore: Double
  /// Every scored intent, best first.
  public var scores: [Score]
  /// The intent rules that fired.
  public var rules: [FiredRule]
  /// The emotion cues that fired.
  public var cues: [FiredRule]
  /// Whether only a prefix of an over-long message was matched.
  public var truncated: Bool
  /// The ids of the rules with a pattern that gave up at a match limit or was not run because
  /// the message's budget was spent; present only when there is one.
  public var skipped: [String]?

  enum CodingKeys: String, CodingKey {
    case text, intent, label, confidence, emotion
    case emotionScore = "emotion_score"
    case scores, rules, cues, truncated, skipped
  }

  /// Builds the record of `classification`, with scores rounded to 3 decimals.
  public init(_ classification: Classification, ruleSet: RuleSet) {
    let message = classification.message
    func record(_ hit: RuleHit) -> FiredRule { Self.firedRule(hit, in: message) }
    let emotion = classification.emotion
    text = message.original
    intent = classification.intent.rawValue
    label = ruleSet.intent(classification.intent)?.label
    confidence = classification.confidence.roundedToThousandths
    self.emotion = emotion.level.rawValue
    emotionScore =
      (emotion.level == .angry ? emotion.angerScore : emotion.upsetScore)
      .roundedToThousandths
    scores = classification.scores.map {
      Score(intent: $0.intent.rawValue, score: $0.score.roundedToThousandths)
    }
    rules = classification.firedRules.map(record)
    cues = emotion.cues.map(record)
    truncated = message.isTruncated
    let skippedRules = classification.skippedRuleIDs
    skipped = skippedRules.isEmpty ? nil : skippedRules.map(\.rawValue)
  }

  /// The record of a matched span of `message`: its offsets count `Character`s of the
  /// original text.
  static func span(_ span: MatchSpan, in message: NormalizedText) -> Span {
    let original = message.original
    return Span(
      start: original.distance(from: original.startIndex, to: span.original.lowerBound),
      end: original.distance(from: original.startIndex, to: span.original.upperBound),
      text: String(original[span.original]), source: span.source)
  }

  /// The record of a fired rule, with its longest span as the one that gave the evidence.
  static func firedRule(_ hit: RuleHit, in message: NormalizedText) -> FiredRule {
    let longest = hit.spans.max {
      message.scalarCount(ofUTF8: $0.normalizedUTF8)
        < message.scalarCount(ofUTF8: $1.normalizedUTF8)
    }
    return FiredRule(
      id: hit.id.rawValue, file: hit.rule.location.path, line: hit.rule.location.line,
      column: hit.rule.location.column, evidence: hit.evidence.roundedToThousandths,
      span: longest.map { span($0, in: message) },
      matches: hit.spans.map { span($0, in: message) })
  }
}
