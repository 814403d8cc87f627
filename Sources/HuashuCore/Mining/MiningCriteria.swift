/// What ``CorpusMiner`` keeps: thresholds, how many of each list, which intent.
///
/// Part of ``MiningReport``, so a report says how it was made.
public struct MiningCriteria: Codable, Hashable, Sendable {
  /// The fewest messages an n-gram must add (labelled) or occur in among the unclaimed
  /// messages (unlabelled) to be listed.
  public var minimumSupport: Int
  /// The lowest precision a labelled candidate may have (`nil` in unlabelled mode, where there
  /// is no precision).
  public var minimumPrecision: Double?
  /// How many candidates to list per intent (labelled) or frequent n-grams (unlabelled).
  public var top: Int
  /// How many missed messages to show per intent (labelled only).
  public var examples: Int?
  /// The one intent to mine, or `nil` for every intent labelled in the corpus.
  public var intent: IntentID?
  /// The one emotion to mine (`upset` or `angry`) instead of intents, or `nil` for intents.
  public var emotion: Emotion?

  /// The defaults of labelled mining: support 2, precision 0.6, top 10, 5 examples.
  public static let labelledDefaults = MiningCriteria(
    minimumSupport: 2, minimumPrecision: 0.6, top: 10, examples: 5)
  /// The defaults of unlabelled mining: support 2, top 10.
  public static let unlabelledDefaults = MiningCriteria(minimumSupport: 2, top: 10)

  /// Creates criteria.
  public init(
    minimumSupport: Int, minimumPrecision: Double? = nil, top: Int, examples: Int? = nil,
    intent: IntentID? = nil, emotion: Emotion? = nil
  ) {
    self.minimumSupport = minimumSupport
    self.minimumPrecision = minimumPrecision
    self.top = top
    self.examples = examples
    self.intent = intent
    self.emotion = emotion
  }

  enum CodingKeys: String, CodingKey {
    case minimumSupport = "min_support"
    case minimumPrecision = "min_precision"
    case top, examples, intent, emotion
  }
}
