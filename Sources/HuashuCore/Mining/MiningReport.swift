/// What `huashu mine` found: the JSON it writes and what its text printer reads.
///
/// A labelled report has ``intents``; an unlabelled one has ``coverage`` and ``unclaimed``.
/// Shares and precisions are rounded to three decimals.
public struct MiningReport: Codable, Sendable {
  /// Which kind of input was mined.
  public enum Mode: String, Codable, Sendable {
    /// A corpus labelled with intents.
    case labelled
    /// Messages without labels.
    case unlabelled
  }

  /// What was found for one intent of a labelled corpus.
  public struct IntentFindings: Codable, Sendable {
    /// The intent.
    public var intent: IntentID
    /// Its label in the rule files, if the rules declare it.
    public var label: String?
    /// Messages labelled with it.
    public var messages: Int
    /// Of those, how many the rules classify as it.
    public var correct: Int
    /// Of those, how many the rules classify as something else: `messages − correct`.
    public var missed: Int
    /// The first missed messages, in corpus order.
    public var missedExamples: [MissedMessage]
    /// Keywords that would add missed messages, best first.
    public var candidates: [CandidatePattern]

    enum CodingKeys: String, CodingKey {
      case intent, label, messages, correct, missed
      case missedExamples = "missed_examples"
      case candidates
    }
  }

  /// What was found for one emotion (`upset` or `angry`) of a labelled corpus.
  ///
  /// A message is *missed* when the rules read it calmer than its label (an `upset` one as
  /// `calm`; an `angry` one as `calm` or `upset`). A candidate's precision counts the messages
  /// labelled with the emotion or a stronger one (an `upset` cue firing on an `angry` buyer is
  /// right: the buyer is not calm); it would break the messages labelled calmer and read right.
  public struct EmotionFindings: Codable, Sendable {
    /// The emotion.
    public var emotion: Emotion
    /// Messages labelled with it.
    public var messages: Int
    /// Of those, how many the rules read as it or stronger.
    public var correct: Int
    /// Of those, how many the rules read calmer: `messages − correct`.
    public var missed: Int
    /// The first missed messages, in corpus order.
    public var missedExamples: [MissedEmotion]
    /// Cue keywords that would add missed messages, best first.
    public var candidates: [CandidatePattern]

    enum CodingKeys: String, CodingKey {
      case emotion, messages, correct, missed
      case missedExamples = "missed_examples"
      case candidates
    }
  }

  /// A message whose emotion the rules miss.
  public struct MissedEmotion: Codable, Hashable, Sendable {
    /// Its corpus line (1-based).
    public var line: Int
    /// Its id, if the corpus has one.
    public var id: String?
    /// The message.
    public var text: String
    /// How the rules read it.
    public var predicted: Emotion
    /// The emotion cues that fire on it (too weak together), in rule-set order.
    public var cues: [RuleID]
  }

  /// A message the rules miss.
  public struct MissedMessage: Codable, Hashable, Sendable {
    /// Its corpus line (1-based).
    public var line: Int
    /// Its id, if the corpus has one.
    public var id: String?
    /// The message.
    public var text: String
    /// What the rules classify it as.
    public var predicted: IntentID
    /// The intent rules that fire on it, in rule-set order.
    public var rules: [RuleID]
  }

  /// How many messages one intent claims.
  public struct IntentCoverage: Codable, Hashable, Sendable {
    /// The intent.
    public var intent: IntentID
    /// Its label in the rule files.
    public var label: String?
    /// Messages classified as it.
    public var messages: Int
    /// Their share of all messages.
    public var share: Double
  }

  /// The messages no rule claims, and what is frequent in them.
  public struct UnclaimedFindings: Codable, Sendable {
    /// How many messages no rule claims (classified `other`).
    public var messages: Int
    /// Their share of all messages.
    public var share: Double
    /// The most frequent n-grams among them, best first.
    public var ngrams: [FrequentNGram]
  }

  /// An n-gram frequent among the unclaimed messages.
  public struct FrequentNGram: Codable, Hashable, Sendable {
    /// The n-gram, normalized.
    public var text: String
    /// Unclaimed messages containing it.
    public var count: Int
    /// All messages containing it, claimed or not.
    public var matches: Int
    /// The first unclaimed message containing it.
    public var example: ExampleMessage
  }

  /// A message shown as an example, with its input line.
  public struct ExampleMessage: Codable, Hashable, Sendable {
    /// The input line (1-based).
    public var line: Int
    /// The message as given.
    public var text: String
  }

  /// Which kind of input was mined.
  public var mode: Mode
  /// How many messages were read.
  public var messages: Int
  /// The thresholds and limits used.
  public var criteria: MiningCriteria
  /// Labelled: per intent, in name order (absent when an emotion was mined).
  public var intents: [IntentFindings]?
  /// Labelled, when ``MiningCriteria/emotion`` was asked for: that emotion's findings.
  public var emotions: [EmotionFindings]?
  /// Unlabelled: every intent of the rule set, most messages first (ties by name).
  public var coverage: [IntentCoverage]?
  /// Unlabelled: the messages no rule claims.
  public var unclaimed: UnclaimedFindings?
}
