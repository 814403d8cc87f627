/// The JSON form of one answer of `huashu suggest --format json`.
///
/// Described once so the CLI and the server agree: the fields here, their JSON names in the
/// `CodingKeys`, their order and presence in ``write(to:)`` (the only writer). Exactly one record
/// is written per input line.
public struct SuggestionRecord: Sendable {
  /// One suggested reply.
  public struct Reply: Sendable {
    /// The reply id (for `accepted`).
    public var id: String
    /// The text, variables filled.
    public var text: String
    /// The ranking score.
    public var score: Double
    /// `team` or `personal`.
    public var source: String
    /// The reply's group.
    public var group: String
    /// The Qianniu code, if any.
    public var code: String?
    /// Variables with no value and no fallback, shown as `【name】` in the text.
    public var missingVariables: [String]
    /// Images to send with the reply.
    public var images: [String]
    /// Why it is suggested.
    public var why: String

    enum CodingKeys: String, JSONCodingKey {
      case id, text, score, source, group, code
      case missingVariables = "missing_variables"
      case images, why

      static let jsonKeys = JSONKeys<Self>()
    }
  }

  /// Where the chat stands after a message.
  public struct ChatStateRecord: Sendable {
    /// Buyer messages in the chat so far.
    public var turn: Int
    /// The de-escalation step (1-based) and its name, while the script runs.
    public var deescalationStep: Int?
    /// The name of that step.
    public var deescalation: String?
    /// The bargaining round so far (0 before any bargaining).
    public var bargainingRound: Int
    /// Whether the buyer still has to confirm or decline cash on delivery.
    public var codPending: Bool
    /// The chat's topic: the last intent other than `other`.
    public var topic: String?

    enum CodingKeys: String, JSONCodingKey {
      case turn
      case deescalationStep = "deescalation_step"
      case deescalation
      case bargainingRound = "bargaining_round"
      case codPending = "cod_pending"
      case topic

      static let jsonKeys = JSONKeys<Self>()
    }
  }

  /// The 1-based input line.
  public var line: Int
  /// The chat id.
  public var chat: String?
  /// The intent, for a message: its own, or the chat's topic when it has none
  /// (``intentSource``).
  public var intent: String?
  /// `message` when ``intent`` is the message's own, `chat` when it is the chat's topic.
  public var intentSource: String?
  /// The intent's label.
  public var label: String?
  /// The emotion, for a message.
  public var emotion: String?
  /// The matcher's confidence in the message's own intent, for a message.
  public var confidence: Double?
  /// The buyer's province-level region, when known (from the line, this message or earlier).
  public var region: String?
  /// Amounts of money the message names, in yuan, for a message.
  public var amounts: [Double]?
  /// The amount the buyer offers, in a bargaining message.
  public var offer: Double?
  /// Whether the offer is at or above the floor, when both are known.
  public var offerAcceptable: Bool?
  /// The suggestions, for a message (empty when there are none).
  public var suggestions: [Reply]?
  /// Why nothing is suggested.
  public var noSuggestionReason: String?
  /// Whether a human should take the chat over (only present when true).
  public var handoff: Bool?
  /// Why, when `handoff` is true.
  public var handoffReason: String?
  /// Where the chat stands after the message.
  public var chatState: ChatStateRecord?
  /// Whether only a prefix of an over-long message was matched.
  public var truncated: Bool?
  /// The ids of the rules with a pattern that gave up or was not run on the message (match
  /// limits and budget); present only when there is one.
  public var skipped: [String]?
  /// The reply id an `accepted` line recorded.
  public var accepted: String?
  /// How often that reply has now been accepted.
  public var acceptedCount: Int?
  /// What was wrong with a bad line.
  public var error: String?

  enum CodingKeys: String, JSONCodingKey {
    case line, chat, intent
    case intentSource = "intent_source"
    case label, emotion, confidence, region, amounts, offer
    case offerAcceptable = "offer_acceptable"
    case suggestions
    case noSuggestionReason = "no_suggestion_reason"
    case handoff
    case handoffReason = "handoff_reason"
    case chatState = "chat_state"
    case truncated, skipped, accepted
    case acceptedCount = "accepted_count"
    case error

    static let jsonKeys = JSONKeys<Self>()
  }

  /// The record of a message answered as a turn of its chat.
  public init(line: Int, answer: ConversationCoach.Answer, ruleSet: RuleSet) {
    self.init(line: line, chat: answer.state.chat, result: answer.result, ruleSet: ruleSet)
    intent = answer.intent.rawValue
    intentSource = answer.intentSource.rawValue
    label = ruleSet.intent(answer.intent)?.label
    region = answer.facts.region
    amounts = answer.facts.amounts
    offer = answer.facts.offer
    offerAcceptable = answer.facts.isOfferAcceptable
    if let handoff = answer.handoff {
      self.handoff = true
      handoffReason = handoff.reasons.joined(separator: "; ")
    }
    chatState = ChatStateRecord(
      turn: answer.state.turn, deescalationStep: answer.state.deescalationStep,
      deescalation: answer.deescalationStepName, bargainingRound: answer.state.bargainingRound,
      codPending: answer.state.codPending, topic: answer.state.topic)
  }

  /// The record of a message's suggestions.
  public init(line: Int, chat: String, result: SuggestionResult, ruleSet: RuleSet) {
    let classification = result.classification
    self.line = line
    self.chat = chat
    intent = classification.intent.rawValue
    label = ruleSet.intent(classification.intent)?.label
    emotion = classification.emotion.level.rawValue
    confidence = classification.confidence.roundedToThousandths
    suggestions = result.suggestions.map { suggestion in
      Reply(
        id: suggestion.entry.id.rawValue, text: suggestion.reply.text,
        score: suggestion.score.roundedToThousandths,
        source: suggestion.entry.layer.rawValue, group: suggestion.entry.group,
        code: suggestion.entry.code, missingVariables: suggestion.reply.missingVariables,
        images: suggestion.entry.images, why: suggestion.why)
    }
    noSuggestionReason = result.noSuggestionReason
    truncated = classification.message.isTruncated ? true : nil
    let skippedRules = classification.skippedRuleIDs
    skipped = skippedRules.isEmpty ? nil : skippedRules.map(\.rawValue)
  }

  /// The record of an `accepted` line.
  public init(line: Int, chat: String, accepted: ReplyID, count: Int) {
    self.line = line
    self.chat = chat
    self.accepted = accepted.rawValue
    self.acceptedCount = count
  }

  /// The record of a bad line.
  public init(line: Int, error: String) {
    self.line = line
    self.error = error
  }
}

extension SuggestionRecord {
  /// Writes the record: members in `CodingKeys` order, absent optionals left out.
  ///
  /// Numbers are written as Swift describes them. Straight into the builder, without
  /// `Encodable`'s per-member dispatch: `huashu suggest` writes one per input line.
  public func write(to json: inout JSONBuilder) {
    json.beginObject()
    json.member(CodingKeys.line, line)
    json.member(CodingKeys.chat, ifPresent: chat)
    json.member(CodingKeys.intent, ifPresent: intent)
    json.member(CodingKeys.intentSource, ifPresent: intentSource)
    json.member(CodingKeys.label, ifPresent: label)
    json.member(CodingKeys.emotion, ifPresent: emotion)
    json.member(CodingKeys.confidence, ifPresent: confidence)
    json.member(CodingKeys.region, ifPresent: region)
    if let amounts {
      json.key(CodingKeys.amounts)
      json.beginArray()
      for amount in amounts {
        json.element()
        json.value(amount)
      }
      json.endArray()
    }
    json.member(CodingKeys.offer, ifPresent: offer)
    json.member(CodingKeys.offerAcceptable, ifPresent: offerAcceptable)
    if let suggestions {
      json.key(CodingKeys.suggestions)
      json.beginArray()
      for reply in suggestions {
        json.element()
        reply.write(to: &json)
      }
      json.endArray()
    }
    json.member(CodingKeys.noSuggestionReason, ifPresent: noSuggestionReason)
    json.member(CodingKeys.handoff, ifPresent: handoff)
    json.member(CodingKeys.handoffReason, ifPresent: handoffReason)
    if let chatState {
      json.key(CodingKeys.chatState)
      chatState.write(to: &json)
    }
    json.member(CodingKeys.truncated, ifPresent: truncated)
    if let skipped { json.member(CodingKeys.skipped, skipped) }
    json.member(CodingKeys.accepted, ifPresent: accepted)
    json.member(CodingKeys.acceptedCount, ifPresent: acceptedCount)
    json.member(CodingKeys.error, ifPresent: error)
    json.endObject()
  }
}

extension SuggestionRecord.Reply {
  func write(to json: inout JSONBuilder) {
    json.beginObject()
    json.member(CodingKeys.id, id)
    json.member(CodingKeys.text, text)
    json.member(CodingKeys.score, score)
    json.member(CodingKeys.source, source)
    json.member(CodingKeys.group, group)
    json.member(CodingKeys.code, ifPresent: code)
    json.member(CodingKeys.missingVariables, missingVariables)
    json.member(CodingKeys.images, images)
    json.member(CodingKeys.why, why)
    json.endObject()
  }
}

extension SuggestionRecord.ChatStateRecord {
  func write(to json: inout JSONBuilder) {
    json.beginObject()
    json.member(CodingKeys.turn, turn)
    json.member(CodingKeys.deescalationStep, ifPresent: deescalationStep)
    json.member(CodingKeys.deescalation, ifPresent: deescalation)
    json.member(CodingKeys.bargainingRound, bargainingRound)
    json.member(CodingKeys.codPending, codPending)
    json.member(CodingKeys.topic, ifPresent: topic)
    json.endObject()
  }
}
