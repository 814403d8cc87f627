public import Foundation

/// The state of one suggest stream: the turn engine, the agent's usage counts and the chats;
/// answers lines of the suggest input format one at a time, or in batches on several threads
/// (``answerAll(_:jobs:render:emit:)``).
///
/// What `huashu suggest`, `huashu bench` and `explain --chat` run; any other front end answers
/// through it too, so all of them answer alike.
public struct SuggestSession: ~Copyable {
  /// The answer to one input line.
  public enum Answer: Sendable {
    /// Suggestions for a message, as a turn of its chat.
    case suggestions(ConversationCoach.Answer)
    /// An `accepted` line was recorded.
    case accepted(ReplyID, count: Int, chat: String)
    /// The line was bad.
    case failure(String)
  }

  /// Answers one turn of a chat.
  public let engine: TurnEngine
  /// Where the accepted replies are counted (created at the first acceptance).
  public let usageDatabasePath: String
  /// Who accepts replies in this stream, recorded with each acceptance (`""`: not known).
  public let agent: String
  /// Warns once per rule whose patterns gave up or were skipped.
  let skippedPatterns: SkippedPatternLog
  /// Receives those warnings, on the thread that reads the lines.
  let warn: ([Diagnostic]) -> Void

  private var scratch = MatchScratch()
  private var store: UsageStore?
  var usage: [ReplyID: Int] = [:]
  /// The chats seen so far (and loaded from a saved state).
  public var chats: ChatStates
  /// The clock: a fixed time for replays, or the time each line is answered.
  let clock: @Sendable () -> Date

  /// Creates a session.
  ///
  /// - Parameters:
  ///   - usageDatabasePath: The agent's usage counts, read now if the file exists.
  ///   - agent: Who accepts replies in this stream, recorded with each acceptance.
  ///   - chats: The chats to go on with.
  ///   - clock: The time each line is answered at.
  ///   - warn: Receives the warnings about rules whose patterns gave up (once per rule).
  public init(
    matcher: Matcher, coach: ConversationCoach, profile: ShopProfile,
    usageDatabasePath: String, agent: String = "", chats: ChatStates = ChatStates(),
    clock: @escaping @Sendable () -> Date = { Date() },
    warn: @escaping ([Diagnostic]) -> Void = { _ in }
  ) {
    self.engine = TurnEngine(matcher: matcher, coach: coach, profile: profile)
    self.skippedPatterns = SkippedPatternLog(ruleSet: matcher.ruleSet)
    self.usageDatabasePath = usageDatabasePath
    self.agent = agent
    self.chats = chats
    self.clock = clock
    self.warn = warn
    // Read the counts if the database exists; it is created only when something is accepted.
    if !usageDatabasePath.isEmpty, FileManager.default.fileExists(atPath: usageDatabasePath),
      let store = try? UsageStore(path: usageDatabasePath)
    {
      self.store = store
      self.usage = (try? store.acceptedCounts()) ?? [:]
    }
  }

  /// A line read and, when it is a message, classified: the part of answering that needs no
  /// chat state, so any thread may do it (``PreparedLine/init(_:matcher:scratch:)``) before
  /// the session answers it in order (``answer(_:)-(PreparedLine)``).
  public enum PreparedLine: Sendable {
    /// A classified message.
    case message(SuggestRequest, Classification)
    /// An `accepted` line.
    case accept(ReplyID, chat: String)
    /// The line's error.
    case failure(String)

    /// Reads `line` and classifies its message with `matcher`.
    public init(_ line: LineReader.Line, matcher: Matcher, scratch: inout MatchScratch) {
      switch SuggestLine(parsing: line) {
      case .failure(let message): self = .failure(message)
      case .accept(let reply, let chat): self = .accept(reply, chat: chat)
      case .message(let request, let text):
        self = .message(request, matcher.classify(text, using: &scratch))
      }
    }
  }

  /// Answers one line.
  public mutating func answer(_ line: LineReader.Line) -> Answer {
    answer(PreparedLine(line, matcher: engine.matcher, scratch: &scratch))
  }

  /// Answers a line already read and classified (with this session's matcher), as the next
  /// turn of its chat.
  public mutating func answer(_ prepared: PreparedLine) -> Answer {
    switch prepared {
    case .failure(let message): return .failure(message)
    case .accept(let reply, let chat): return accept(reply, chat: chat)
    case .message(let request, let classification):
      warnAboutSkippedPatterns(in: classification)
      return respond(request, classification)
    }
  }

  /// The replies accepted so far, by id: what ranks them for this agent.
  public var acceptedCounts: [ReplyID: Int] { usage }

  /// Ranks with `counts` from now on: acceptances kept somewhere else (a team store), for a
  /// session created with no usage database (`usageDatabasePath` empty).
  public mutating func rank(withAcceptedCounts counts: [ReplyID: Int]) {
    usage = counts
  }

  /// Remembers an acceptance recorded somewhere else (a team store): `reply` now counts
  /// `count` and `chat` remembers it, as an `accepted` line does.
  public mutating func noteAcceptance(of reply: ReplyID, count: Int, chat: String) -> Answer {
    usage[reply] = count
    remember(accepted: reply, in: chat)
    return .accepted(reply, count: count, chat: chat)
  }

  private mutating func remember(accepted reply: ReplyID, in chat: String) {
    var (state, positions) = chats.takeWithPositions(chat, now: clock())
    state.accepted = Array((state.accepted + [reply.rawValue]).suffix(ChatState.suggestedMemory))
    chats.update(state, positions: positions)
  }

  /// Answers a classified message as the next turn of its chat.
  private mutating func respond(_ request: SuggestRequest, _ classification: Classification)
    -> Answer
  {
    let now = clock()
    var (state, positions) = chats.takeWithPositions(request.chat, now: now)
    // Handed over, not copied: a copy would make the turn copy the state's lists (and retain
    // every string in them) before changing them.
    let answer = engine.respond(
      request, classification, usage: usage, state: consume state, now: now,
      positions: &positions)
    chats.update(answer.state, positions: positions)
    return .suggestions(answer)
  }

  func warnAboutSkippedPatterns(in classification: Classification) {
    let warnings = skippedPatterns.newWarnings(for: classification)
    if !warnings.isEmpty { warn(warnings) }
  }

  /// Records that the agent used `reply` (a reply id, or a Qianniu code when no reply has that
  /// id) in `chat`: counted in the usage database (ranking it higher from the next line on)
  /// and remembered by the chat.
  mutating func accept(_ reply: ReplyID, chat: String) -> Answer {
    guard let entry = engine.coach.suggester.phrasebook.entry(idOrCode: reply.rawValue) else {
      return .failure(
        "accepted reply is not in the phrasebook: "
          + Phrasebook.unknownReplyMessage(reply.rawValue))
    }
    let id = entry.id
    do {
      let store = try self.store ?? UsageStore(path: usageDatabasePath)
      self.store = store
      try store.recordAcceptance(of: id, agent: agent, at: clock())
      usage = try store.acceptedCounts()
      remember(accepted: id, in: chat)
      return .accepted(id, count: usage[id] ?? 0, chat: chat)
    } catch {
      return .failure("could not record the acceptance: \(error)")
    }
  }
}
