/// The conversation scripts of a rules directory, loaded and checked: how a chat with an
/// upset buyer, a bargaining buyer or a cash-on-delivery buyer should go.
///
/// Each script is optional: without `deescalation.yaml` there is no de-escalation, and so on.
/// Immutable; safe to share.
public struct ConversationScripts: Sendable {
  /// One step of the de-escalation script.
  public struct Step: Hashable, Sendable {
    /// The step's name (`acknowledge`).
    public let name: String
    /// A human label.
    public let label: String
    /// The tag of its replies; nil for the step answered by the topic's own replies.
    public let tag: String?
  }

  /// The empathy-first de-escalation script (`script: deescalation`).
  public struct Deescalation: Sendable {
    /// The steps, in order (step numbers are 1-based positions in this list).
    public let steps: [Step]
    /// This many upset or angry turns in a row hand the chat to a human.
    public let handoffAngryTurns: Int
    /// Where the script is written.
    public let location: SourceLocation

    /// The 1-based number of the step answered by the topic's own replies (the first step
    /// without a tag), or the step after the last tagged one before it.
    public var solveStep: Int {
      (steps.firstIndex { $0.tag == nil } ?? min(2, steps.count - 1)) + 1
    }
  }

  /// The bargaining ladder (`script: bargaining`).
  public struct Bargaining: Sendable {
    /// The intent whose messages count as bargaining.
    public let intent: IntentID
    /// The rounds' labels; round N is answered with replies of `step: N`.
    public let rounds: [String]
    /// The tag of the replies that take an offer at or above the floor; nil when the script
    /// has none (offers then climb the ladder like any bargaining message).
    public let acceptTag: String?
    /// Where the script is written.
    public let location: SourceLocation
  }

  /// One answer a buyer can give to a scripted question.
  public struct Answer: Sendable {
    /// The tag of the replies for it.
    public let tag: String
    /// Its words, normalized.
    public let keywords: [Keyword]

    /// Creates an answer.
    public init(tag: String, keywords: [Keyword]) {
      self.tag = tag
      self.keywords = keywords
    }

    /// The words as automaton literals (an empty word can never be said).
    var literals: [[UInt8]] { keywords.map(\.utf8).filter { !$0.isEmpty } }
  }

  /// The cash-on-delivery flow (`script: cod`).
  public struct CashOnDelivery: Sendable {
    /// The intent of COD questions.
    public let intent: IntentID
    /// The tag of the replies that tell the buyer COD costs more and ask to confirm.
    public let askTag: String
    /// The buyer confirms COD.
    public let confirm: Answer
    /// The buyer declines COD.
    public let decline: Answer
    /// Where the script is written.
    public let location: SourceLocation
    /// The decline words, then the confirm words, in one automaton: an answer is read in one
    /// pass over the message.
    private let answerWords: LiteralAutomaton
    /// How many of the automaton's literals are decline words.
    private let declineCount: Int

    /// How the buyer answered the COD question.
    public enum Response: Sendable {
      case confirmed
      case declined
    }

    /// Creates the script.
    init(
      intent: IntentID, askTag: String, confirm: Answer, decline: Answer,
      location: SourceLocation
    ) {
      self.intent = intent
      self.askTag = askTag
      self.confirm = confirm
      self.decline = decline
      self.location = location
      answerWords = LiteralAutomaton(literals: decline.literals + confirm.literals)
      declineCount = decline.literals.count
    }

    /// How a normalized message answers the question, if it says a decline or a confirm word:
    /// declined when it says both.
    public func response(in message: NormalizedText) -> Response? {
      var response: Response?
      answerWords.forEachMatch(in: message.utf8) { literal, _ in
        if literal < declineCount {
          response = .declined
        } else if response == nil {
          response = .confirmed
        }
      }
      return response
    }
  }

  /// The de-escalation script, if the rules directory has one.
  public var deescalation: Deescalation?
  /// The bargaining ladder, if any.
  public var bargaining: Bargaining?
  /// The COD flow, if any.
  public var cashOnDelivery: CashOnDelivery?
  /// Intents that say no need of their own (thanks, OK, goodbye: the rule files that count as
  /// `other`): they never become the chat's topic, and at the solve step they mean the buyer
  /// took the solution.
  public var acknowledgements: Set<IntentID> = []

  /// No scripts: every message is answered on its own.
  public init(
    deescalation: Deescalation? = nil, bargaining: Bargaining? = nil,
    cashOnDelivery: CashOnDelivery? = nil
  ) {
    self.deescalation = deescalation
    self.bargaining = bargaining
    self.cashOnDelivery = cashOnDelivery
  }

  /// Script steps and answers that no reply of `phrasebook` can give: a de-escalation step tag
  /// without replies, a bargaining round without a `step: N` reply, a COD tag without replies.
  public func missingReplies(in phrasebook: Phrasebook) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    func hasTag(_ tag: String) -> Bool { phrasebook.entries.contains { $0.tags.contains(tag) } }
    func missing(_ what: String, at location: SourceLocation, hint: String) {
      findings.append(
        Diagnostic(.warning, .noReplies, at: location, "no reply for \(what)", hint: hint))
    }
    if let script = deescalation {
      for step in script.steps where step.tag.map({ !hasTag($0) }) ?? false {
        missing(
          "de-escalation step '\(step.name)' (tag \(step.tag ?? ""))", at: script.location,
          hint: "add replies tagged \(step.tag ?? "") (intent `any`, or a topic's intent)")
      }
    }
    if let script = bargaining {
      if let tag = script.acceptTag, !hasTag(tag) {
        missing(
          "an accepted offer (tag \(tag))", at: script.location, hint: "add replies tagged \(tag)")
      }
      for round in 1...max(1, script.rounds.count)
      where !phrasebook.entries(for: script.intent).contains(where: { $0.step == round }) {
        missing(
          "bargaining round \(round)", at: script.location,
          hint: "add a \(script.intent) reply with `step: \(round)`")
      }
    }
    if let script = cashOnDelivery {
      for tag in [script.askTag, script.confirm.tag, script.decline.tag] where !hasTag(tag) {
        missing("the COD tag \(tag)", at: script.location, hint: "add replies tagged \(tag)")
      }
    }
    return findings
  }
}
