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
  private let isAnswer: [Bool]

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
    let result = replies(for: turn, avoiding: suggestedPositions(&state))
    state.remember(
      suggested: result.suggestions.map { ($0.entry.id, $0.position) },
      in: suggester.phrasebook.identity)
    return Answer(
      result: result, intent: intent, intentSource: intentSource, facts: facts,
      handoff: handoff(classification, state), state: state,
      deescalationStepName: deescalation.step?.step.name, deescalationReason: deescalation.reason)
  }

  /// What one turn's replies depend on, once the scripts have moved on.
  private struct Turn {
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

  /// The phrasebook positions of the replies already suggested in the chat.
  ///
  /// The state keeps the positions its earlier turns found: trusted when this phrasebook found
  /// them, else each checked against its id (one comparison) and looked up again when it does
  /// not match (a state read from a file, or another phrasebook).
  private func suggestedPositions(_ state: inout ChatState) -> BitSet {
    let phrasebook = suggester.phrasebook
    let ids = phrasebook.ids
    var set = BitSet(count: ids.count)
    var cache = state.takeSuggestedPositions()
    let isTrusted = cache.phrasebook == phrasebook.identity
    for offset in state.suggested.indices {
      var position = Int(cache.positions[offset])
      if !isTrusted || position < 0,
        !ids.indices.contains(position) || ids[position] != state.suggested[offset]
      {
        position = phrasebook.position(of: ReplyID(state.suggested[offset])) ?? -1
        cache.positions[offset] = Int32(position)
      }
      guard position >= 0 else { continue }
      set.insert(position)
      if phrasebook.hasSharedIDs {
        for other in ids.indices where ids[other] == ids[position] { set.insert(other) }
      }
    }
    cache.phrasebook = phrasebook.identity
    state.suggestedPositions = cache
    return set
  }

  /// The turn's replies: the scripted one first, the rest from the ranking; replies at the
  /// positions in `avoided` (the chat's) only when nothing else fits.
  private func replies(for turn: Turn, avoiding avoided: BitSet) -> SuggestionResult {
    let classification = turn.classification
    let context = Suggester.ScoringContext(
      turn.context, firedIn: classification, index: suggester.index)
    let entries = suggester.phrasebook.entries
    let avoiding: (Int) -> Bool = { avoided.contains($0) }
    let isAnswer = self.isAnswer

    var first: Suggestion?
    if let step = turn.deescalation, let tag = step.step.tag {
      first = scriptedReply(
        tag: tag, topic: turn.topic, context: context, avoiding: avoiding,
        why: String(
          concatenating: "de-escalation step ", String(step.number), " of ", String(step.count),
          ": ", step.step.name, " (buyer ", classification.emotion.level.rawValue, ")"))
    }
    if first == nil, let cod = turn.cod, let intent = scripts.cashOnDelivery?.intent {
      first = scriptedReply(
        tag: cod.tag, topic: intent, context: context, avoiding: avoiding, why: cod.why)
    }
    if first == nil, let offer = turn.offer, let bargaining = scripts.bargaining {
      first = scriptedReply(
        tag: offer.tag, topic: bargaining.intent, context: context, avoiding: avoiding,
        why: offer.why)
    }
    if first == nil, let bargaining = scripts.bargaining,
      classification.intent == bargaining.intent
    {
      let round = turn.bargainingRound
      first = suggester.ranked(
        intents: [(bargaining.intent, classification.confidence)], scoring: context,
        usage: turn.usage, limit: 1, isAvoided: avoiding,
        where: { entries[$0].step == round && isAnswer[$0] }
      ).first?.because(
        String(
          concatenating: "bargaining round ", String(round), " of ",
          String(bargaining.rounds.count), ": ", bargaining.rounds[round - 1]))
    }

    // The rest from the ranking: the message's intents, or the chat's topic when the message
    // has none.
    var result: SuggestionResult
    if turn.intentSource == .chat, let topic = turn.topic {
      let replies = suggester.ranked(
        intents: [(topic, 1)], scoring: context, usage: turn.usage, limit: limit,
        isAvoided: avoiding, where: { isAnswer[$0] })
      result = SuggestionResult(
        classification: classification,
        suggestions: replies.map { reply in
          reply.because(
            String(
              concatenating: "a reply for the chat's topic, ", topic.rawValue, " (score ",
              reply.score.twoDecimalText, ")"))
        },
        noSuggestionReason: replies.isEmpty ? "no reply for \(topic) fits" : nil)
    } else {
      result = suggester.suggestions(
        for: classification, scoring: context, usage: turn.usage, limit: limit,
        isAvoided: avoiding, where: { isAnswer[$0] })
    }
    if first == nil, let step = turn.deescalation, step.step.tag == nil,
      let solution = result.suggestions.first
    {
      // The solve step: the topic's own best reply is the step's answer.
      first = solution.because(
        String(
          concatenating: "de-escalation step ", String(step.number), " of ", String(step.count),
          ": ", step.step.name, " — ", solution.why))
    }
    if first == nil, let step = turn.deescalation, step.step.tag == nil,
      classification.emotion.level != .calm,
      let earlier = scripts.deescalation?.steps[..<(step.number - 1)].last(where: { $0.tag != nil }
      ),
      let tag = earlier.tag
    {
      // Nothing to solve with (no topic yet) while the buyer is still upset: stay with the
      // emotion rather than say nothing.
      first = scriptedReply(
        tag: tag, topic: turn.topic, context: context, avoiding: avoiding,
        why: String(
          concatenating: "de-escalation step ", String(step.number), " of ", String(step.count),
          ": ", step.step.name, " has no reply for this message yet, so ", earlier.name,
          " (buyer ", classification.emotion.level.rawValue, ")"))
    }
    guard let first else { return result }
    var suggestions: [Suggestion] = []
    suggestions.reserveCapacity(limit)
    suggestions.append(first)
    for suggestion in result.suggestions
    where suggestions.count < limit && suggestion.entry.id != first.entry.id {
      suggestions.append(suggestion)
    }
    return SuggestionResult(
      classification: classification, suggestions: suggestions, noSuggestionReason: nil)
  }

  /// The COD script's move for this turn: answer a pending question, or ask one.
  private func codAnswer(
    _ cod: ConversationScripts.CashOnDelivery, _ classification: Classification,
    _ state: inout ChatState
  ) -> (tag: String, why: String)? {
    if state.codPending, let response = cod.response(in: classification.message) {
      state.codPending = false
      switch response {
      case .declined: return (cod.decline.tag, "COD: the buyer declined, so offer to pay online")
      case .confirmed: return (cod.confirm.tag, "COD: the buyer accepted the higher COD price")
      }
    }
    guard classification.intent == cod.intent else { return nil }
    state.codPending = true
    return (cod.askTag, "COD: tell the buyer COD costs a little more and ask to confirm")
  }

  /// The best reply tagged `tag`: one written for `topic` if there is one, else a generic one
  /// (`intent: any`), preferring one not yet suggested in the chat; never one outside its
  /// validity window.
  private func scriptedReply(
    tag: String, topic: IntentID?, context: Suggester.ScoringContext, avoiding: (Int) -> Bool,
    why: String
  ) -> Suggestion? {
    let phrasebook = suggester.phrasebook
    let entries = phrasebook.entries
    let tagged = phrasebook.indicesByTag[tag] ?? []
    // The pools in order of preference, walked in place rather than filtered into arrays.
    let pools: [(Int) -> Bool] = [
      { entries[$0].intent == topic }, { entries[$0].intent == .any }, { _ in true },
    ]
    for isInPool in pools {
      var first: Int?
      var chosen: Int?
      for index in tagged
      where suggester.index.isValid(index, at: context.now) && isInPool(index) {
        first = first ?? index
        if !avoiding(index) {
          chosen = index
          break
        }
      }
      guard let index = chosen ?? first else { continue }
      let entry = entries[index]
      let candidate = suggester.score(index, intentScore: 1, context: context, usage: 0)
      return Suggestion(
        entry: entry, position: index, reply: entry.template.render(context.variables),
        score: candidate.score, parts: candidate.parts, why: why)
    }
    return nil
  }

  /// Why this turn should go to a human, if it should.
  private func handoff(_ classification: Classification, _ state: ChatState) -> Handoff? {
    var reasons: [String] = []
    let emotion = classification.emotion
    // Only the cues that hand off are made into hits with spans.
    for hit in emotion.cueHits {
      guard let reason = emotion.record.rules[Int(hit.rule)].handoffReason else { continue }
      let cue = emotion.record.hit(hit)
      let said = cue.spans.first.map { span in
        " (\"\(classification.message.original[span.original])\")"
      }
      reasons.append(reason + (said ?? ""))
    }
    if let script = scripts.deescalation, state.angryTurns >= script.handoffAngryTurns {
      reasons.append("the buyer has been upset or angry for \(state.angryTurns) turns in a row")
    }
    return reasons.isEmpty ? nil : Handoff(reasons: reasons)
  }
}
