/// A keyword the rules of an intent might gain: an n-gram of that intent's missed messages,
/// with what adding it would do on the corpus.
///
/// Every figure counts messages (a message containing the keyword twice counts once), and
/// "containing" means containing it as ``CorpusMiner`` cuts messages: in the normalized text,
/// outside white space and bracketed tokens such as `[数字x]`.
public struct CandidatePattern: Codable, Hashable, Sendable {
  /// The keyword, normalized (as a rule keyword is matched).
  public var text: String
  /// The intent's missed messages containing it: the messages it would add.
  public var support: Int
  /// All corpus messages containing it.
  public var matches: Int
  /// Of ``matches``, the share labelled with the intent (correctly classified or not).
  public var precision: Double
  /// The ranking score: support × precision.
  public var score: Double
  /// Messages containing it that are now correctly classified as another intent (`other`
  /// included): the ones a rule with this keyword would put at risk.
  public var wouldBreak: Int
  /// The rules that already fire on the messages containing it, with on how many; most first.
  public var overlap: [RuleOverlap]

  /// Creates a candidate.
  public init(
    text: String, support: Int, matches: Int, precision: Double, score: Double,
    wouldBreak: Int, overlap: [RuleOverlap]
  ) {
    self.text = text
    self.support = support
    self.matches = matches
    self.precision = precision
    self.score = score
    self.wouldBreak = wouldBreak
    self.overlap = overlap
  }

  enum CodingKeys: String, CodingKey {
    case text, support, matches, precision, score
    case wouldBreak = "would_break"
    case overlap
  }
}

/// A rule that fires on some of the messages containing a candidate.
public struct RuleOverlap: Codable, Hashable, Sendable {
  /// The rule.
  public var rule: RuleID
  /// The rule's intent, for an intent rule.
  public var intent: IntentID?
  /// The cue's emotion, for an emotion cue.
  public var emotion: Emotion?
  /// On how many of the candidate's messages it fires.
  public var messages: Int

  /// Creates the overlap of an intent rule.
  public init(rule: RuleID, intent: IntentID, messages: Int) {
    self.rule = rule
    self.intent = intent
    self.messages = messages
  }

  /// Creates the overlap of an emotion cue.
  public init(rule: RuleID, emotion: Emotion, messages: Int) {
    self.rule = rule
    self.emotion = emotion
    self.messages = messages
  }
}
