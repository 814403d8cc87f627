public import Foundation
internal import Synchronization

/// huashu for a long-running front end such as `huashu serve`: answers suggest lines, accepts,
/// classifications, traces, searches and test runs from many threads at once, keeps each
/// chat's state between its turns, and reloads its content without stopping.
///
/// Safe to share between threads. Suggest lines are answered as ``SuggestSession`` answers them
/// (the same session type, so the server and `huashu suggest` answer alike): a message is read
/// and classified on the calling thread, then its turn is answered under a lock, in the order
/// the calls take it, so two turns of one chat never overlap.
public final class SuggestService: Sendable {
  /// What the service reads and how it answers.
  public struct Configuration: Sendable {
    /// Where the rules and phrasebooks are.
    public var sources: SuggestContent.Sources
    /// Where accepted replies are counted.
    public var usageDatabasePath: String
    /// Who accepts replies through this service (`""`: not known).
    public var agent: String
    /// How long a chat may be silent before it is forgotten.
    public var idleTime: TimeInterval
    /// How many replies to suggest per message.
    public var replyLimit: Int
    /// The labelled corpora the editor may run (`POST /api/test`), by path.
    public var corpora: [String]
    /// The time each request is answered at.
    public var clock: @Sendable () -> Date
    /// Receives the warnings about rules whose patterns gave up (once per rule).
    public var warn: @Sendable ([Diagnostic]) -> Void
    /// The team store the phrasebooks, usage and chats are kept in; `nil`: files and SQLite.
    public var store: (any TeamStore)?

    /// Creates a configuration.
    public init(
      sources: SuggestContent.Sources, usageDatabasePath: String, agent: String = "",
      idleTime: TimeInterval = 24 * 3600, replyLimit: Int = 3, corpora: [String] = [],
      clock: @escaping @Sendable () -> Date = { Date() },
      warn: @escaping @Sendable ([Diagnostic]) -> Void = { _ in }, store: (any TeamStore)? = nil
    ) {
      self.store = store
      self.sources = sources
      self.usageDatabasePath = usageDatabasePath
      self.agent = agent
      self.idleTime = idleTime
      self.replyLimit = replyLimit
      self.corpora = corpora
      self.clock = clock
      self.warn = warn
    }
  }

  /// The configuration the service was created with.
  public let configuration: Configuration
  let state: Mutex<State>
  let scratches = ScratchPool()
  /// Held through a whole reload, so two reloads at once cannot swap in the older files last.
  let reloading = Mutex(())

  /// What answers now and the chats: changed only under the lock.
  struct State: ~Copyable {
    var snapshot: ServiceSnapshot
    var session: SuggestSession
    var turnsSinceCleanUp = 0
    var lastReloadError: String?
    /// The store's phrasebooks as last read (what a reload without the store compiles).
    var stored: StoredPhrasebooks?
    /// Why the team store is unreachable, since when, and when a turn may next try it; `nil`
    /// while it answers.
    var storeProblem: (message: String, since: Date, nextTry: Date)?
    /// The version each chat had when this service last stored it: a stored state of that
    /// version is the one held here, so it is not read back.
    var storedVersions: [String: Int64] = [:]
  }

  /// How many turns pass between two sweeps of the idle chats.
  static let cleanUpInterval = 4096

  /// Loads the content and starts with no chats.
  ///
  /// - Throws: ``SuggestContentError`` when a rule, script or phrasebook file has errors.
  public convenience init(configuration: Configuration) throws(SuggestContentError) {
    try self.init(configuration: configuration, stored: nil, acceptedCounts: nil)
  }

  /// Loads the content, with the phrasebooks of a team store when `stored` is given, and
  /// ranks with `acceptedCounts` when given (else the usage database's).
  init(
    configuration: Configuration, stored: StoredPhrasebooks?, acceptedCounts: [ReplyID: Int]?
  ) throws(SuggestContentError) {
    self.configuration = configuration
    var sources = configuration.sources
    sources.stored = stored ?? sources.stored
    let snapshot = ServiceSnapshot(
      content: try SuggestContent.load(sources), generation: 1,
      loadedAt: configuration.clock())
    var session = Self.session(
      for: snapshot, chats: ChatStates(idleTime: configuration.idleTime),
      configuration: configuration)
    if let acceptedCounts { session.rank(withAcceptedCounts: acceptedCounts) }
    var state = State(snapshot: snapshot, session: session)
    state.stored = stored
    self.state = Mutex(state)
  }

  static func session(
    for snapshot: ServiceSnapshot, chats: consuming ChatStates, configuration: Configuration
  ) -> SuggestSession {
    SuggestSession(
      matcher: snapshot.matcher,
      coach: ConversationCoach(
        suggester: snapshot.suggester, scripts: snapshot.content.scripts,
        limit: configuration.replyLimit),
      profile: snapshot.content.profile,
      usageDatabasePath: configuration.store == nil ? configuration.usageDatabasePath : "",
      agent: configuration.agent, chats: chats, clock: configuration.clock,
      warn: configuration.warn)
  }

  /// The content answering now.
  public var snapshot: ServiceSnapshot { state.withLock { $0.snapshot } }

  // MARK: - Suggest and accept

  /// Answers one suggest input line (a JSON object, as `huashu suggest` reads it; it may span
  /// several lines) as the next turn of its chat: exactly the object `huashu suggest --format
  /// json` writes for it, as line 1.
  public func suggest(_ body: [UInt8]) -> SuggestAnswer {
    suggestWithoutStore(body)
  }

  func suggestWithoutStore(_ body: [UInt8]) -> SuggestAnswer {
    let turn: ReadTurn
    switch readTurn(body) {
    case .read(let read): turn = read
    case .unreadable(let answer): return answer
    }
    let now = configuration.clock()
    let (answered, answeredBy) = state.withLock { turn.answer(in: &$0, at: now) }
    return answer(answered, snapshot: answeredBy)
  }

  /// A suggest body read and classified with the snapshot of the moment, outside the lock.
  struct ReadTurn {
    var line: LineReader.Line
    var prepared: SuggestSession.PreparedLine
    var snapshot: ServiceSnapshot

    /// Answers it as the next turn of its chat (under the lock); classified again when the
    /// phrasebooks were reloaded since it was read.
    func answer(in state: inout State, at now: Date) -> (SuggestSession.Answer, ServiceSnapshot) {
      state.cleanUpIfDue(at: now)
      guard state.snapshot.generation == snapshot.generation else {
        return (state.session.answer(line), state.snapshot)
      }
      return (state.session.answer(prepared), snapshot)
    }
  }

  enum TurnReading {
    case read(ReadTurn)
    /// The body is not a suggest line: the answer saying why.
    case unreadable(SuggestAnswer)
  }

  /// Reads and classifies `body`.
  func readTurn(_ body: [UInt8]) -> TurnReading {
    let line: LineReader.Line
    switch SuggestLine.line(fromBody: body) {
    case .success(let read): line = read
    case .failure(let problem):
      return .unreadable(answer(.failure(problem.message), snapshot: snapshot))
    }
    let snapshot = self.snapshot
    let prepared = scratches.withScratch {
      SuggestSession.PreparedLine(line, matcher: snapshot.matcher, scratch: &$0)
    }
    return .read(ReadTurn(line: line, prepared: prepared, snapshot: snapshot))
  }

  /// Records that the agent used a reply (by id, or by Qianniu code when no reply has that
  /// id) in `chat`: counted in the usage database and remembered by the chat.
  ///
  /// - Throws: ``ServiceError/notFound(_:)`` when no reply has that id or code,
  ///   ``ServiceError/failed(_:)`` when the usage database cannot be written.
  public func accept(_ idOrCode: String, chat: String) throws(ServiceError) -> SuggestAnswer {
    try acceptWithoutStore(idOrCode, chat: chat)
  }

  func acceptWithoutStore(_ idOrCode: String, chat: String) throws(ServiceError)
    -> SuggestAnswer
  {
    let snapshot = self.snapshot
    guard snapshot.content.phrasebook.entry(idOrCode: idOrCode) != nil else {
      throw .notFound(
        "accepted reply is not in the phrasebook: "
          + Phrasebook.unknownReplyMessage(idOrCode))
    }
    let (answered, answeredBy) = state.withLock { state in
      (state.session.accept(ReplyID(idOrCode), chat: chat), state.snapshot)
    }
    if case .failure(let message) = answered { throw .failed(message) }
    return answer(answered, snapshot: answeredBy)
  }

  /// The JSON of `answer`, as `suggest --format json` writes it for line 1.
  func answer(_ answer: SuggestSession.Answer, snapshot: ServiceSnapshot)
    -> SuggestAnswer
  {
    let isFailure = if case .failure = answer { true } else { false }
    return SuggestAnswer(
      json: SuggestionRecord.jsonLine(
        line: 1, answer: answer, ruleSet: snapshot.content.ruleSet),
      isFailure: isFailure)
  }

  // MARK: - Reading without a chat

  /// The classification of `text`, as `classify --format json` writes it.
  public func classify(_ text: String) -> ClassificationRecord {
    let snapshot = self.snapshot
    let classification = scratches.withScratch { snapshot.matcher.classify(text, using: &$0) }
    return ClassificationRecord(classification, ruleSet: snapshot.content.ruleSet)
  }

  /// The trace of `text`: rules, near misses, scores, emotion and the replies with the parts
  /// of their scores.
  public func explain(_ text: String) -> ExplainRecord {
    let snapshot = self.snapshot
    let usage = acceptedCounts
    let classification = scratches.withScratch { snapshot.matcher.classify(text, using: &$0) }
    return ExplainRecord(
      classification, ruleSet: snapshot.content.ruleSet, suggester: snapshot.suggester,
      profile: snapshot.content.profile, usage: usage)
  }

  /// The replies `query` finds (a code, pinyin initials or words), best first, as `huashu
  /// find` finds them.
  public func find(_ query: String, limit: Int = 10) -> [ReplyFinder.Match] {
    snapshot.finder.find(query, usage: acceptedCounts, limit: limit)
  }

  /// The replies accepted so far through this service (and before it, in its database).
  public var acceptedCounts: [ReplyID: Int] { state.withLock { $0.session.acceptedCounts } }

  /// The usage report of the database, labelled with the phrasebook's codes and groups, as
  /// `huashu usage --format json` writes it; empty when nothing was accepted yet.
  ///
  /// - Throws: ``ServiceError/failed(_:)`` when the database cannot be read.
  public func usageReport(since: Date? = nil) throws(ServiceError) -> UsageReport {
    try usageReportWithoutStore(since: since)
  }

  func usageReportWithoutStore(since: Date?) throws(ServiceError) -> UsageReport {
    let path = configuration.usageDatabasePath
    guard FileManager.default.fileExists(atPath: path) else {
      return UsageReport(since: since, tallies: [])
    }
    do {
      return try UsageStore(path: path).report(since: since)
        .labeled(by: snapshot.content.phrasebook)
    } catch {
      throw .failed("\(path): cannot read the usage database: \(error)")
    }
  }

  /// The chats the service remembers, most recent first.
  public func chats() -> [ChatSummary] {
    let now = configuration.clock()
    let states = state.withLock { $0.session.chats.active(at: now) }
    return states.sorted { $0.updatedAt > $1.updatedAt }.map(ChatSummary.init)
  }
}

extension SuggestService.State {
  /// Forgets the idle chats every ``SuggestService/cleanUpInterval`` turns.
  mutating func cleanUpIfDue(at now: Date) {
    turnsSinceCleanUp += 1
    guard turnsSinceCleanUp >= SuggestService.cleanUpInterval else { return }
    turnsSinceCleanUp = 0
    session.chats.removeIdle(at: now)
    storedVersions = storedVersions.filter { session.chats.state(of: $0.key) != nil }
  }
}
