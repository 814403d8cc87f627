/// How well the rules classify a labelled corpus: what `huashu test --corpus` reports, and its
/// JSON form.
public struct EvaluationReport: Codable, Sendable {
  /// The scores of one intent.
  public struct IntentMetrics: Codable, Hashable, Sendable {
    /// The intent.
    public var intent: String
    /// How many messages are labelled with it.
    public var support: Int
    /// How many messages were classified as it.
    public var predicted: Int
    /// Of the messages classified as it, the share labelled with it.
    public var precision: Double
    /// Of the messages labelled with it, the share classified as it.
    public var recall: Double
    /// The harmonic mean of precision and recall.
    public var f1: Double
    /// What its messages were classified as instead, with counts, most frequent first.
    public var confusedWith: [Confusion]

    enum CodingKeys: String, CodingKey {
      case intent, support, predicted, precision, recall, f1
      case confusedWith = "confused_with"
    }
  }

  /// How often messages of one intent were taken for another.
  public struct Confusion: Codable, Hashable, Sendable {
    /// The intent predicted instead.
    public var intent: String
    /// How many times.
    public var count: Int
  }

  /// The scores of one emotion level.
  public struct EmotionMetrics: Codable, Hashable, Sendable {
    /// `upset` or `angry`.
    public var emotion: String
    /// How many messages are labelled with it.
    public var support: Int
    /// Of the messages assessed as it, the share labelled with it.
    public var precision: Double
    /// Of the messages labelled with it, the share assessed as it.
    public var recall: Double
  }

  /// A misclassified message and what caused it.
  public struct Misclassification: Codable, Hashable, Sendable {
    /// The corpus line (1-based).
    public var line: Int
    /// The message's id, if the corpus has one.
    public var id: String?
    /// The message (shortened to 40 characters in text reports).
    public var text: String
    /// The labelled intent.
    public var expected: String
    /// The predicted intent.
    public var predicted: String
    /// The matcher's confidence in the prediction.
    public var confidence: Double
    /// The strongest rule behind the prediction, with its location (`nil` when no rule
    /// fired).
    public var rule: String?
    /// Where that rule is.
    public var location: String?
  }

  /// The number of messages.
  public var messages: Int
  /// The share classified with their labelled intent.
  public var accuracy: Double
  /// The mean F1 over the intents labelled in the corpus.
  public var macroF1: Double
  /// F1 over all messages (equal to accuracy for single-label data).
  public var microF1: Double
  /// Per intent, in name order.
  public var intents: [IntentMetrics]
  /// For `upset` and `angry`.
  public var emotions: [EmotionMetrics]
  /// The worst misclassifications: the most confident wrong answers first.
  public var worst: [Misclassification]

  enum CodingKeys: String, CodingKey {
    case messages, accuracy
    case macroF1 = "macro_f1"
    case microF1 = "micro_f1"
    case intents, emotions, worst
  }

  /// The scores of the emotion `level` (`upset` or `angry`), if the report has them.
  public func emotion(_ level: String) -> EmotionMetrics? {
    emotions.first { $0.emotion == level }
  }
}
