import Foundation
import Testing

@testable import HuashuCore

/// The scripts' transitions, on a small rule set and phrasebook written here.
struct ConversationCoachTests {
  static let files = [
    "missing.yaml": """
    intent: missing_item
    rules:
      - id: missing_item.short
        any: [少发]
        examples: {match: [少发了]}
    """,
    "closing.yaml": """
    intent: closing
    counts_as: other
    rules:
      - id: closing.okay
        any: [好的, 谢谢, 嗯]
        examples: {match: [好的]}
    """,
    "bargain.yaml": """
    intent: bargain
    rules:
      - id: bargain.cheaper
        any: [便宜]
        examples: {match: [便宜点]}
    """,
    "emotion.yaml": """
    rules:
      - id: emotion.angry
        emotion: angry
        any: [太过分]
        examples: {match: [太过分了]}
      - id: emotion.threat
        emotion: angry
        handoff: complaint threat
        any: [投诉]
        examples: {match: [我要投诉]}
    """,
    "deescalation.yaml": """
    script: deescalation
    steps:
      - {name: acknowledge, tag: acknowledge}
      - {name: apologize, tag: apologize}
      - {name: solve}
      - {name: follow-up, tag: follow-up}
    handoff:
      angry_turns: 3
    """,
    "bargaining.yaml": """
    script: bargaining
    intent: bargain
    rounds: [{label: hold}, {label: gift}]
    """,
  ]

  static func entry(_ id: String, _ intent: String, step: Int? = nil, tags: [String] = [])
    throws -> PhrasebookEntry
  {
    PhrasebookEntry(
      id: ReplyID(id), intent: IntentID(intent), code: nil,
      template: try ReplyTemplate("回复 \(id)"), step: step, tags: tags, images: [],
      group: intent, layer: .team, location: SourceLocation(path: "t.yaml", line: 1, column: 1))
  }

  struct Fixture {
    let matcher: Matcher
    let coach: ConversationCoach

    /// With `rotated`, the last reply comes first, so every other one moves one place on.
    init(rotated: Bool = false) throws {
      let directory = try TestSupport.temporaryDirectory(files: ConversationCoachTests.files)
      let rules = try RuleSetLoader().load(directory: directory)
      #expect(!rules.diagnostics.containsErrors, "\(rules.diagnostics)")
      let scripts = try ConversationScriptLoader().load(
        directory: directory, ruleSet: rules.ruleSet)
      #expect(scripts.diagnostics.isEmpty, "\(scripts.diagnostics)")
      let entries = [
        try entry("ack-missing", "missing_item", tags: ["acknowledge"]),
        try entry("ack-any", "any", tags: ["acknowledge"]),
        try entry("ack-any-2", "any", tags: ["acknowledge"]),
        try entry("sorry-any", "any", tags: ["apologize"]),
        try entry("thanks-any", "any", tags: ["follow-up"]),
        try entry("reship", "missing_item"),
        try entry("check-list", "missing_item"),
        try entry("hold", "bargain", step: 1),
        try entry("gift", "bargain", step: 2),
      ]
      let phrasebook = Phrasebook(
        entries: rotated ? entries.suffix(1) + entries.dropLast() : entries)
      matcher = Matcher(ruleSet: rules.ruleSet)
      coach = ConversationCoach(
        suggester: Suggester(phrasebook: phrasebook), scripts: scripts.scripts, limit: 3)
    }

    /// Plays `messages` as one chat, from `state` (a new chat by default); the answers in
    /// order.
    func play(
      _ messages: [String],
      from state: ChatState = ChatState(chat: "t", now: Date(timeIntervalSince1970: 0))
    ) -> [ConversationCoach.Answer] {
      var scratch = MatchScratch()
      var state = state
      return messages.map { message in
        let answer = coach.respond(
          to: matcher.classify(message, using: &scratch), context: ReplyContext(), state: state,
          now: Date(timeIntervalSince1970: 0))
        state = answer.state
        return answer
      }
    }
  }

  static func first(_ answer: ConversationCoach.Answer) -> String? {
    answer.result.suggestions.first?.entry.id.rawValue
  }

  @Test func angerMovesTheScriptOnAndCalmGoesToSolveThenFollowUpThenEnds() throws {
    let answers = try Fixture().play(["少发了！太过分", "太过分", "好的", "谢谢", "嗯"])
    #expect(answers.map(\.state.deescalationStep) == [1, 2, 3, 4, nil])
    #expect(
      answers.map(\.deescalationStepName) == [
        "acknowledge", "apologize", "solve", "follow-up", nil,
      ])
    // The topic's own acknowledgement first; then the apology; the solution for the topic
    // even though "好的" has no topic of its own; then the follow-up once the buyer, calm,
    // took the solution.
    #expect(answers.map(Self.first) == ["ack-missing", "sorry-any", "reship", "thanks-any", nil])
    #expect(answers[0].result.suggestions.dropFirst().map(\.entry.id) == ["reship", "check-list"])
    #expect(answers[2].intent == "missing_item" && answers[2].intentSource == .chat)
    #expect(
      answers.map(\.deescalationReason) == [
        "the buyer is angry: take the emotion first",
        "the buyer is still angry: stay with the emotion",
        "the buyer is calm again: solve the problem",
        "the buyer took the solution: follow up",
        "followed up: the script ends",
      ])
  }

  @Test func aCalmQuestionAtTheSolveStepKeepsSolving() throws {
    let answers = try Fixture().play(["少发了！太过分", "少发了", "少发了"])
    #expect(answers.map(\.state.deescalationStep) == [1, 3, 3])
    #expect(answers[2].deescalationReason == "the problem is not settled yet: keep solving")
  }

  @Test func aCalmerBuyerOrOneWhoSendsWhatWasAskedGoesOnToSolve() throws {
    let fixture = try Fixture()
    let calmer = fixture.play(["太过分！！！", "少发了！"])
    #expect(calmer.map(\.state.deescalationStep) == [1, 3], "\(calmer.map(\.deescalationReason))")
    var scratch = MatchScratch()
    let first = fixture.play(["太过分"])[0]
    var facts = TurnFacts()
    facts.suppliesInformation = true
    let sent = fixture.coach.respond(
      to: fixture.matcher.classify("太过分", using: &scratch), context: ReplyContext(),
      facts: facts, state: first.state, now: Date(timeIntervalSince1970: 0))
    #expect(sent.state.deescalationStep == 3)
    #expect(sent.deescalationReason == "the buyer sent what was asked for: solve the problem")
    // Still angry and no topic to solve with yet: the apology, not nothing.
    #expect(Self.first(sent) == "sorry-any")
    #expect(sent.result.suggestions.first?.why.contains("so apologize") == true)
  }

  @Test func aCalmChatNeverStartsTheScript() throws {
    let answers = try Fixture().play(["少发了", "好的"])
    #expect(answers.map(\.state.deescalationStep) == [nil, nil])
    #expect(Self.first(answers[0]) == "reship")
  }

  @Test func aBuyerWhoStaysAngryStaysWithTheEmotionNeverFollowUp() throws {
    let answers = try Fixture().play(["太过分", "太过分", "太过分", "太过分", "太过分"])
    #expect(answers.map(\.state.deescalationStep) == [1, 2, 2, 2, 2])
    #expect(
      answers.map(Self.first) == ["ack-any", "sorry-any", "sorry-any", "sorry-any", "sorry-any"])
  }

  @Test func anAngryTurnAfterTheFollowUpStartsOverWithAnotherAcknowledgement() throws {
    let answers = try Fixture().play(["太过分", "好的", "谢谢", "太过分"])
    #expect(answers.map(\.state.deescalationStep) == [1, 3, 4, 1])
    // Without a topic the generic acknowledgements take turns rather than repeating.
    #expect(Self.first(answers[0]) == "ack-any")
    #expect(Self.first(answers[3]) == "ack-any-2")
  }

  /// The replies a chat was given are avoided however its state arrives: read back from a
  /// state file, carried over to a phrasebook whose replies sit in other positions, or with
  /// its ids edited.
  @Test func aChatAvoidsItsEarlierRepliesAfterAStateFileOrAPhrasebookChange() throws {
    let fixture = try Fixture()
    let earlier = fixture.play(["太过分", "好的", "谢谢"])
    #expect(earlier[0].state.suggested.first == "ack-any")
    let state = try #require(earlier.last?.state)
    let data = try JSONEncoder().encode(state)
    let read = try JSONDecoder().decode(ChatState.self, from: data)
    #expect(read == state)
    #expect(Self.first(try #require(fixture.play(["太过分"], from: read).first)) == "ack-any-2")
    // The positions the state remembers now name other replies, and must not be trusted.
    let reordered = try Fixture(rotated: true)
    #expect(
      Self.first(try #require(reordered.play(["太过分"], from: state).first)) == "ack-any-2")
    // Ids changed in place are what the chat was given, whatever positions were kept.
    var edited = state
    edited.suggested = state.suggested.map { $0 == "ack-any" ? "ack-any-2" : $0 }
    #expect(Self.first(try #require(fixture.play(["太过分"], from: edited).first)) == "ack-any")
  }

  /// The COD answer words are read in one pass; a message saying a decline word is a decline
  /// even when the word holds a confirm word (不可以 holds 可以).
  @Test func aCODAnswerIsReadOnceAndADeclineWins() {
    let location = SourceLocation(path: "cod.yaml", line: 1, column: 1)
    func answer(_ tag: String, _ words: [String]) -> ConversationScripts.Answer {
      ConversationScripts.Answer(
        tag: tag,
        keywords: words.map { Keyword(text: $0, normalized: $0, location: location) })
    }
    let cod = ConversationScripts.CashOnDelivery(
      intent: "cod", askTag: "cod-ask", confirm: answer("yes", ["可以", "好的"]),
      decline: answer("no", ["不可以", "算了"]), location: location)
    func response(_ text: String) -> ConversationScripts.CashOnDelivery.Response? {
      cod.response(in: Normalizer.standard.normalizedText(text))
    }
    #expect(response("可以的") == .confirmed)
    #expect(response("不可以") == .declined)
    #expect(response("好的，算了吧") == .declined)
    #expect(response("什么时候发货") == nil)
  }

  @Test func handOffOnAThreatAtOnceAndOnLongAnger() throws {
    let threat = try Fixture().play(["我要投诉"])
    #expect(threat[0].handoff?.reasons.first?.hasPrefix("complaint threat") == true)
    let long = try Fixture().play(["太过分", "太过分", "太过分"])
    #expect(long.map { $0.handoff != nil } == [false, false, true])
  }

  @Test func bargainingRoundsClimbAndStayAtTheLast() throws {
    let answers = try Fixture().play(["便宜点", "再便宜", "便宜"])
    #expect(answers.map(\.state.bargainingRound) == [1, 2, 2])
    #expect(answers.map(Self.first) == ["hold", "gift", "gift"])
  }
}
