/// How the de-escalation and bargaining scripts move on a turn.
extension ConversationCoach {
  /// The de-escalation step a turn is at: its number, the step count and the step.
  typealias DeescalationStep = (number: Int, count: Int, step: ConversationScripts.Step)

  /// What the buyer did this turn, as far as the de-escalation script cares.
  struct BuyerMove {
    /// The message's emotion.
    let emotion: Emotion
    /// The emotion of the buyer's previous message in the chat.
    let previousEmotion: Emotion?
    /// Whether the message is an acknowledgement (好的, 行, 谢谢): at the solve step, the buyer
    /// takes the solution.
    let acceptsSolution: Bool
    /// Whether the message brings what was asked for (a photo, an order number, an amount).
    let suppliesInformation: Bool

    /// Whether the buyer is calmer than in the previous message.
    var isCalmer: Bool {
      guard let previousEmotion else { return false }
      return emotion < previousEmotion
    }
  }

  /// Moves the de-escalation script on for one turn: the step the turn is at and why.
  ///
  /// The script follows the buyer, not the turn count (seed 004: take the emotion first, then
  /// the problem). An upset turn starts it at the first step. While the buyer stays upset it
  /// moves through the steps before the solve step (acknowledge, apologize) and stays on the
  /// last of them; it goes on to solve as soon as the buyer is calmer or brings what was asked
  /// for. It stays on solve until the buyer, calm, takes the solution (an acknowledgement),
  /// then follows up once and ends. An upset turn after the solve step starts it over.
  func advanceDeescalation(_ state: inout ChatState, by move: BuyerMove)
    -> (step: DeescalationStep?, reason: String?)
  {
    guard let script = scripts.deescalation else { return (nil, nil) }
    let count = script.steps.count
    let solve = script.solveStep
    let isUpset = move.emotion != .calm
    let next: Int?
    let reason: String
    switch state.deescalationStep {
    case nil:
      guard isUpset else { return (nil, nil) }
      (next, reason) = (1, "the buyer is \(move.emotion.rawValue): take the emotion first")
    case let current? where current < solve:
      if !isUpset {
        (next, reason) = (solve, "the buyer is calm again: solve the problem")
      } else if move.isCalmer {
        (next, reason) = (solve, "the buyer is calmer: solve the problem")
      } else if move.suppliesInformation {
        (next, reason) = (solve, "the buyer sent what was asked for: solve the problem")
      } else {
        next = min(current + 1, max(1, solve - 1))
        reason = "the buyer is still \(move.emotion.rawValue): stay with the emotion"
      }
    case let current? where current == solve:
      if isUpset {
        (next, reason) = (solve, "the buyer is still \(move.emotion.rawValue): keep solving")
      } else if move.acceptsSolution {
        next = solve < count ? solve + 1 : nil
        reason = "the buyer took the solution: follow up"
      } else {
        (next, reason) = (solve, "the problem is not settled yet: keep solving")
      }
    case let current?:
      if isUpset {
        (next, reason) = (1, "the buyer is upset again: take the emotion first")
      } else {
        next = current < count ? current + 1 : nil
        reason = next == nil ? "followed up: the script ends" : "follow up"
      }
    }
    state.deescalationStep = next
    return (next.map { ($0, count, script.steps[$0 - 1]) }, reason)
  }

  /// Moves the bargaining ladder for a turn answered for `intent`.
  ///
  /// An offer at or above the floor is taken (the reply tagged with the script's accept tag,
  /// the round stays); any other bargaining message climbs one round. Sets the ranking's step
  /// and the `offer`/`floor` template values; returns the accept tag and why when the offer
  /// is taken.
  func moveBargaining(
    _ bargaining: ConversationScripts.Bargaining, intent: IntentID, facts: inout TurnFacts,
    _ state: inout ChatState, _ context: inout ReplyContext
  ) -> (tag: String, why: String)? {
    if let floor = facts.floor { context.variables["floor"] = Amount.text(floor) }
    if let price = facts.price, context.variables["price"] == nil {
      context.variables["price"] = Amount.text(price)
    }
    guard intent == bargaining.intent else {
      if state.bargainingRound > 0 {
        context.step = min(state.bargainingRound, bargaining.rounds.count)
      }
      return nil
    }
    facts.offer = facts.amounts.last { $0 != facts.price && $0 > 0 }
    if let offer = facts.offer { context.variables["offer"] = Amount.text(offer) }
    if let tag = bargaining.acceptTag, let offer = facts.offer, let floor = facts.floor,
      offer >= floor
    {
      context.step = max(1, state.bargainingRound)
      return (
        tag,
        "the buyer offers \(Amount.text(offer)), at or above the floor \(Amount.text(floor)): take it"
      )
    }
    if let offer = facts.offer, let floor = facts.floor, offer < floor {
      context.situations.insert(.offerBelowFloor)
    }
    state.bargainingRound = min(state.bargainingRound + 1, bargaining.rounds.count)
    context.step = state.bargainingRound
    return nil
  }
}
