/// A reply suggested for one message, filled in and scored.
public struct Suggestion: Sendable {
  /// The phrasebook entry.
  public let entry: PhrasebookEntry
  /// Its text with the variables filled.
  public let reply: RenderedReply
  /// The final score; suggestions are ordered by it.
  public let score: Double
  /// How the score was made, for `explain`.
  public let parts: ScoreParts
  /// Why it is suggested, in a few words for the agent ("de-escalation step 1 of 4…").
  public var why: String
  /// The entry's position in the phrasebook's entries, or -1 when not known.
  let position: Int

  /// The same suggestion with another reason.
  public func because(_ why: String) -> Suggestion {
    var copy = self
    copy.why = why
    return copy
  }

  /// Creates a suggestion.
  public init(
    entry: PhrasebookEntry, reply: RenderedReply, score: Double, parts: ScoreParts, why: String
  ) {
    self.init(entry: entry, position: -1, reply: reply, score: score, parts: parts, why: why)
  }

  /// Creates a suggestion for the entry at `position` in the phrasebook.
  init(
    entry: PhrasebookEntry, position: Int, reply: RenderedReply, score: Double,
    parts: ScoreParts, why: String
  ) {
    self.entry = entry
    self.position = position
    self.reply = reply
    self.score = score
    self.parts = parts
    self.why = why
  }

  /// The factors of a suggestion's score: `score = intent × fit × layer × usage`.
  public struct ScoreParts: Hashable, Sendable {
    /// The matcher's score of the reply's intent.
    public let intent: Double
    /// How well the reply fits the context (step, situation tags, missing variables).
    public let fit: Double
    /// The boost for the agent's own replies.
    public let layer: Double
    /// The boost from the agent's accepted suggestions.
    public let usage: Double
    /// How often the agent accepted this reply.
    public let acceptedCount: Int
  }
}

/// The answer for one message: its classification and the suggestions, or why there are none.
public struct SuggestionResult: Sendable {
  /// What the matcher found.
  public let classification: Classification
  /// The top replies, best first; empty when ``noSuggestionReason`` is set.
  public let suggestions: [Suggestion]
  /// Why nothing is suggested (no rule matched, confidence below the floor, no replies).
  public let noSuggestionReason: String?
}
