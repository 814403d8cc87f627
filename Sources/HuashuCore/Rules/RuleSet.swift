/// A loaded, compiled set of rules: the intents, their rules and the emotion cues.
///
/// Built once by ``RuleSetLoader`` and then shared read-only; safe to share between threads.
public struct RuleSet: Sendable {
  /// An intent declared by a rule file.
  public struct Intent: Hashable, Sendable {
    /// The intent's id.
    public let id: IntentID
    /// Its human label (议价).
    public let label: String
    /// The file that declares it.
    public let location: SourceLocation
    /// The intent a labelled corpus counts it as (the file's `counts_as`), if not itself.
    public let countsAs: IntentID?

    /// Creates an intent.
    public init(
      id: IntentID, label: String, location: SourceLocation, countsAs: IntentID? = nil
    ) {
      self.id = id
      self.label = label
      self.location = location
      self.countsAs = countsAs
    }
  }

  /// Declared intents, in file order.
  public let intents: [Intent]
  /// Intent rules, in file order.
  public let rules: [Rule]
  /// Emotion cues, in file order.
  public let emotionCues: [Rule]

  /// Creates a rule set.
  ///
  /// Rule ids must be unique (the loader checks).
  public init(intents: [Intent], rules: [Rule], emotionCues: [Rule]) {
    self.intents = intents
    self.rules = rules
    self.emotionCues = emotionCues
    self.allRules = rules + emotionCues
    self.intentPositions = Dictionary(
      intents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// Where each intent is in ``intents``: `suggest` looks a label up for every line.
  private let intentPositions: [IntentID: Int]

  /// Every rule, intent rules first.
  public let allRules: [Rule]

  /// The intent with `id`, if declared.
  public func intent(_ id: IntentID) -> Intent? {
    intentPositions[id].map { intents[$0] }
  }

  /// The rule with `id`, if any.
  public func rule(_ id: RuleID) -> Rule? {
    allRules.first { $0.id == id }
  }
}
