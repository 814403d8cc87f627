public import Foundation

/// Answers one buyer message as a turn of its chat: runs the conversation scripts over the
/// chat's state, puts the scripted reply first, fills the rest from the ranking, and says when
/// a human should take over.
///
/// ## The scripts (see ``ConversationScripts``)
///
/// - **De-escalation**: an upset or angry turn starts the script at step 1 or moves it on one
///   step (after the last step it starts over); a calm turn after anger goes to the solve step,
///   then on to the steps after it, then the script ends. A step with a tag puts the tag's
///   reply first, preferring one written for the chat's topic over a generic one
///   (`intent: any`); the solve step is the topic's own replies.
/// - **Bargaining**: each bargaining message moves the round on (up to the last); the round's
///   reply (`step: N`) comes first, and the ranking prefers that step.
/// - **Cash on delivery**: a COD message gets the ask reply and leaves the chat waiting for an
///   answer; the next message with a decline or confirm word gets the matching reply.
/// - **Hand-off**: a hand-off cue (complaint threat, abuse) or too many upset turns in a row
///   set ``Answer/handoff``; the suggestions are given all the same.
///
/// A reply already suggested in the chat is suggested again only when nothing else fits; a
/// time-bound reply is suggested only inside its window, at the turn's `now`.
/// Immutable; safe to share.
public final class ConversationCoach: Sendable {
  /// Ranks replies.
  public let suggester: Suggester
  /// The scripts.
  public let scripts: ConversationScripts
  /// Replies per message.
  public let limit: Int

  /// Per position in the phrasebook, whether the reply may be ranked as an answer to a
  /// message: the replies of de-escalation steps come only as a step of the script.
  let isAnswer: [Bool]

  /// Creates a coach.
  public init(suggester: Suggester, scripts: ConversationScripts, limit: Int = 3) {
    self.suggester = suggester
    self.scripts = scripts
    self.limit = limit
    let tags = scripts.deescalation?.steps.compactMap(\.tag) ?? []
    var isAnswer = [Bool](repeating: true, count: suggester.phrasebook.entries.count)
    for index in tags.flatMap({ suggester.phrasebook.indicesByTag[$0] ?? [] }) {
      isAnswer[index] = false
    }
    self.isAnswer = isAnswer
  }

  /// Why a chat should go to a human.
  public struct Handoff: Hashable, Sendable {
    /// The reasons, in words for the agent.
    public let reasons: [String]
  }

  /// Where a turn's intent comes from.
  public enum IntentSource: String, Hashable, Sendable {
    /// The message's own classification.
    case message
    /// The chat's topic: the message had no intent of its own (`那要怎么处理呢`).
    case chat
  }

  /// The answer to one turn.
  public struct Answer: Sendable {
    /// The classification and the suggestions (each with its `why`), or why there are none.
    public let result: SuggestionResult
    /// The intent the turn was answered for: the message's, or the chat's topic when the
    /// message has none of its own (see ``intentSource``).
    public let intent: IntentID
    /// Where ``intent`` comes from.
    public let intentSource: IntentSource
    /// What the buyer's words gave: the region, amounts, the offer.
    public let facts: TurnFacts
    /// Set when a human should take the chat over.
    public let handoff: Handoff?
    /// The chat's state after this turn.
    public let state: ChatState
    /// The name of the de-escalation step this turn is at, if the script runs.
    public let deescalationStepName: String?
    /// Why the de-escalation script is on its step (or stopped), when it ran this turn.
    public let deescalationReason: String?
  }

  /// Answers `classification` as the next turn of the chat whose state is `state`.
  ///
  /// - Parameters:
  ///   - facts: What the message says beyond its intent (``TurnFacts``); the region in it is
  ///     already in `context`.
  public func respond(
    to classification: Classification, context: ReplyContext, facts: TurnFacts = TurnFacts(),
    usage: [ReplyID: Int] = [:], state: consuming ChatState, now: Date
  ) -> Answer {
    var positions = SuggestedPositions()
    return respond(
      to: classification, context: context, facts: facts, usage: usage, state: consume state,
      now: now, positions: &positions)
  }

  /// ``respond(to:context:facts:usage:state:now:)`` with where the chat's suggested replies
  /// are in the phrasebook, as the chat's earlier turns left them (and left for the next).
  func respond(
    to classification: Classification, context: ReplyContext, facts: TurnFacts,
    usage: [ReplyID: Int], state: consuming ChatState, now: Date,
    positions: inout SuggestedPositions
  ) -> Answer {
    state.turn += 1
    state.updatedAt = now
    let emotion = classification.emotion.level
    let previousEmotion = state.recentEmotions.last
    let previousTopic = state.topic.map { IntentID($0) }
    let ownIntent = classification.intent
    let isAcknowledgement = scripts.acknowledgements.contains(ownIntent)
    // The scripts move on first; each may name the reply that goes first.
    let deescalation = advanceDeescalation(
      &state,
      by: BuyerMove(
        emotion: emotion, previousEmotion: previousEmotion,
        acceptsSolution: isAcknowledgement, suppliesInformation: facts.suppliesInformation))
    // A message with no need of its own is answered for the chat's topic; so is one that only
    // names a place with a broad word (那寄到深圳呢 after a fee question: the place is what is
    // new, the need goes on), and an acknowledgement that brings an upset chat to its solve
    // step (好的 after the apology: now the solution).
    let followsTopic =
      ownIntent == .other
      || (facts.regionSource == .message && classification.isDecidedByFallbacks)
      || (isAcknowledgement && deescalation.step.map { $0.step.tag == nil } == true)
    let intentSource: IntentSource =
      followsTopic && previousTopic != ownIntent
        && previousTopic.map({ state.isRecent(topic: $0) }) == true ? .chat : .message
    let intent = intentSource == .chat ? previousTopic ?? ownIntent : ownIntent
    // Only a need of the message's own is remembered: an acknowledgement or a turn that
    // follows the topic leaves the topic as it was, and it fades after a few such turns.
    state.remember(
      intent: isAcknowledgement || intentSource == .chat ? .other : intent, emotion: emotion)
    state.angryTurns = emotion == .calm ? 0 : state.angryTurns + 1
    let topic = isAcknowledgement || intent == .other ? previousTopic : intent
    // The rules that fired are read from the classification when the context is scored.
    var context = context
    context.now = now

    var facts = facts
    let offer = scripts.bargaining.flatMap { bargaining in
      // Only the buyer's own bargaining moves the ladder; a message that follows the topic
      // is answered at the round the chat is on.
      moveBargaining(bargaining, intent: ownIntent, facts: &facts, &state, &context)
    }
    let cod = scripts.cashOnDelivery.flatMap { codAnswer($0, classification, &state) }
    let turn = Turn(
      classification: classification, intent: intent, intentSource: intentSource,
      context: context, usage: usage,
      topic: topic,
      deescalation: deescalation.step, cod: cod, offer: offer,
      bargainingRound: state.bargainingRound)
    let phrasebook = suggester.phrasebook
    let result = replies(
      for: turn, avoiding: positions.set(of: state.suggested, in: phrasebook))
    positions.remember(
      result.suggestions.map { ($0.entry.id, $0.position) }, in: &state,
      phrasebook: phrasebook.identity)
    return Answer(
      result: result, intent: intent, intentSource: intentSource, facts: facts,
      handoff: handoff(classification, state), state: state,
      deescalationStepName: deescalation.step?.step.name, deescalationReason: deescalation.reason)
  }

  /// What one turn's replies depend on, once the scripts have moved on.
  struct Turn {
    let classification: Classification
    /// The intent answered: the message's, or the chat's topic.
    let intent: IntentID
    let intentSource: IntentSource
    let context: ReplyContext
    let usage: [ReplyID: Int]
    /// The message's intent, or the chat's topic when the message has none.
    let topic: IntentID?
    let deescalation: DeescalationStep?
    let cod: (tag: String, why: String)?
    /// The reply tag and reason of an offer the bargaining script answers.
    let offer: (tag: String, why: String)?
    let bargainingRound: Int
  }
}
