internal import Foundation

extension ConversationCoach {
  /// The turn's replies: the scripted one first, the rest from the ranking; replies at the
  /// positions in `avoided` (the chat's) only when nothing else fits.
  func replies(for turn: Turn, avoiding avoided: BitSet) -> SuggestionResult {
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
  func codAnswer(
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
  func scriptedReply(
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
  func handoff(_ classification: Classification, _ state: ChatState) -> Handoff? {
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
