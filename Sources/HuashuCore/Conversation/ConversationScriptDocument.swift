/// The format of a conversation script file in the rules directory, described once: a YAML
/// file whose top-level `script:` names the kind, instead of `intent:` and `rules:`.
///
/// ```yaml
/// script: deescalation        # or bargaining, or cod
/// ```
///
/// The rule loader leaves these files to ``ConversationScriptLoader``.
public struct ConversationScriptDocument: Codable, Hashable, Sendable {
  /// The kind of script.
  public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
    case deescalation
    case bargaining
    case cod
  }

  /// Which script the file holds.
  public var script: Kind?
  /// A human label.
  public var label: String?
  /// The intent the script drives (bargaining, cod).
  public var intent: String?
  /// De-escalation: the steps, in order.
  public var steps: [Step]?
  /// De-escalation: when to hand the chat to a human.
  public var handoff: Handoff?
  /// Bargaining: the rounds, in order (round N answers with replies of `step: N`).
  public var rounds: [Round]?
  /// Bargaining: the tag of the replies that take an offer at or above the shop's floor
  /// (拍下后我给您改价).
  public var acceptTag: String?
  /// COD: the tag of the replies that tell the buyer COD costs more and ask to confirm.
  public var askTag: String?
  /// COD: the buyer's answer that confirms COD.
  public var confirm: Answer?
  /// COD: the buyer's answer that declines COD.
  public var decline: Answer?

  /// The keys of a script file.
  public enum CodingKeys: String, CodingKey, CaseIterable {
    case script, label, intent, steps, handoff, rounds
    case acceptTag = "accept_tag"
    case askTag = "ask_tag"
    case confirm, decline
  }

  /// One step of the de-escalation script.
  public struct Step: Codable, Hashable, Sendable {
    /// The step's name (`acknowledge`, `apologize`, `solve`, `follow-up`).
    public var name: String?
    /// A human label.
    public var label: String?
    /// The tag of the phrasebook replies for this step; absent for the step answered by the
    /// topic's own replies.
    public var tag: String?

    /// The keys of a step.
    public enum CodingKeys: String, CodingKey, CaseIterable {
      case name, label, tag
    }
  }

  /// When a chat goes to a human.
  public struct Handoff: Codable, Hashable, Sendable {
    /// No longer read: kept to explain, when found, where hand-off cues went.
    ///
    /// A cue that hands off says so itself (`handoff:` on the emotion rule), so every hand-off
    /// cue is listed in one rule file.
    public var cues: [String: String]?
    /// This many upset or angry buyer turns in a row hand off.
    public var angryTurns: Int?

    /// The keys of a hand-off block.
    public enum CodingKeys: String, CodingKey, CaseIterable {
      case cues
      case angryTurns = "angry_turns"
    }
  }

  /// One bargaining round.
  public struct Round: Codable, Hashable, Sendable {
    /// A human label (what the round offers).
    public var label: String?

    /// The keys of a round.
    public enum CodingKeys: String, CodingKey, CaseIterable {
      case label
    }
  }

  /// One answer a buyer can give to a scripted question.
  public struct Answer: Codable, Hashable, Sendable {
    /// The tag of the replies for this answer.
    public var tag: String?
    /// Words that give this answer (matched in the normalized message).
    public var keywords: [String]?

    /// The keys of an answer.
    public enum CodingKeys: String, CodingKey, CaseIterable {
      case tag, keywords
    }
  }
}
