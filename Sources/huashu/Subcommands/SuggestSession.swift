import Foundation
import HuashuCore

/// The state of one `suggest` run: the engine, the agent's usage counts and the chats.
struct SuggestSession: ~Copyable {
  /// The answer to one input line.
  enum Answer: Sendable {
    /// Suggestions for a message, as a turn of its chat.
    case suggestions(ConversationCoach.Answer)
    /// An `accepted` line was recorded.
    case accepted(ReplyID, count: Int, chat: String)
    /// The line was bad.
    case failure(String)
  }

  let engine: SuggestEngine
  let usageDatabasePath: String

  private var scratch = MatchScratch()
  private let decoder = JSONDecoder()
  private let flatDecoder = FlatJSONDecoder()
  private var store: UsageStore?
  private var usage: [ReplyID: Int] = [:]
  /// The chats seen so far (and loaded from `--state`).
  var chats: ChatStates
  /// The clock: `--now`, or the time each line is answered.
  let clock: @Sendable () -> Date

  init(
    matcher: Matcher, coach: ConversationCoach, profile: ShopProfile,
    usageDatabasePath: String, chats: ChatStates = ChatStates(),
    clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.engine = SuggestEngine(matcher: matcher, coach: coach, profile: profile)
    self.usageDatabasePath = usageDatabasePath
    self.chats = chats
    self.clock = clock
    // Read the counts if the database exists; it is created only when something is accepted.
    if FileManager.default.fileExists(atPath: usageDatabasePath),
      let store = try? UsageStore(path: usageDatabasePath)
    {
      self.store = store
      self.usage = (try? store.acceptedCounts()) ?? [:]
    }
  }

  /// What an input line asks for, before any matching.
  enum ParsedLine {
    case message(SuggestRequest, text: String)
    case accept(ReplyID, chat: String)
    case failure(String)
  }

  /// Answers one line.
  mutating func answer(_ line: LineReader.Line) -> Answer {
    switch parse(line) {
    case .failure(let message): return .failure(message)
    case .accept(let reply, let chat): return accept(reply, chat: chat)
    case .message(let request, let text):
      let classification = engine.matcher.classify(text, using: &scratch)
      return respond(request, classification)
    }
  }

  /// Answers a classified message as the next turn of its chat.
  private mutating func respond(_ request: SuggestRequest, _ classification: Classification)
    -> Answer
  {
    let now = clock()
    let answer = engine.respond(
      request, classification, usage: usage, state: chats.take(request.chat, now: now), now: now)
    chats.update(answer.state)
    return .suggestions(answer)
  }

  /// Answers a batch of lines in order: the messages are classified in parallel, then answered
  /// one by one as turns of their chats (an `accepted` line counts for the lines after it).
  mutating func answers(_ lines: [LineReader.Line], parallel: ParallelClassifier) -> [Answer] {
    var slots = [Answer?](repeating: nil, count: lines.count)
    var pending: [(slot: Int, request: SuggestRequest, text: String)] = []
    for (slot, line) in lines.enumerated() {
      switch parse(line) {
      case .failure(let message):
        slots[slot] = .failure(message)
      case .message(let request, let text):
        pending.append((slot, request, text))
      case .accept(let reply, let chat):
        answer(pending, into: &slots, parallel: parallel)
        pending.removeAll()
        slots[slot] = accept(reply, chat: chat)
      }
    }
    answer(pending, into: &slots, parallel: parallel)
    return slots.map { $0 ?? .failure("internal error: unanswered line") }
  }

  /// Answers the messages collected since the last `accepted` line: classified in parallel,
  /// then answered in order, since each turn changes its chat's state.
  private mutating func answer(
    _ pending: [(slot: Int, request: SuggestRequest, text: String)], into slots: inout [Answer?],
    parallel: ParallelClassifier
  ) {
    guard !pending.isEmpty else { return }
    let classifications = parallel.classify(pending.map(\.text))
    for (item, classification) in zip(pending, classifications) {
      slots[item.slot] = respond(item.request, classification)
    }
  }

  private func parse(_ line: LineReader.Line) -> ParsedLine {
    if line.isOverlong {
      return .failure(
        "line is \(line.length) bytes, over the \(LineReader.defaultMaximumLength)-byte limit")
    }
    guard let text = String(validating: line.bytes, as: UTF8.self) else {
      return .failure("line is not valid UTF-8 text")
    }
    // In UTF-8 no byte of a multi-byte character is below 0x80, so bytes find control
    // characters and the opening brace.
    if line.bytes.contains(where: { $0 < 0x20 && $0 != UInt8(ascii: "\t") }) {
      return .failure("line contains control characters (binary data?)")
    }
    let firstByte = line.bytes.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
    let request: SuggestRequest
    if firstByte == UInt8(ascii: "{") {
      do {
        // The fast path reads flat objects; anything else goes to Foundation, which decodes it
        // or says what is wrong.
        request =
          try flatDecoder.scalarFields(of: text).map(SuggestRequest.init(fields:))
          ?? decoder.decode(SuggestRequest.self, from: Data(text.utf8))
      } catch {
        return .failure("invalid JSON: \(Self.describe(error))")
      }
    } else {
      guard Self.hasVisibleCharacter(text) else { return .failure("empty line: no message") }
      request = SuggestRequest(text: text)
    }
    if let accepted = request.accepted { return .accept(ReplyID(accepted), chat: request.chat) }
    guard let message = request.text, Self.hasVisibleCharacter(message) else {
      return .failure("JSON line has no \"text\" (nor \"accepted\")")
    }
    return .message(request, text: message)
  }

  /// Whether `text` has a character other than white space (spaces of every width count).
  private static func hasVisibleCharacter(_ text: String) -> Bool {
    text.unicodeScalars.contains { !$0.properties.isWhitespace }
  }

  private mutating func accept(_ reply: ReplyID, chat: String) -> Answer {
    guard engine.coach.suggester.phrasebook.entry(reply) != nil else {
      return .failure("accepted reply '\(reply)' is not in the phrasebook")
    }
    do {
      let store = try self.store ?? UsageStore(path: usageDatabasePath)
      self.store = store
      try store.recordAcceptance(of: reply)
      usage = try store.acceptedCounts()
      var state = chats.state(of: chat, now: clock())
      state.accepted = Array((state.accepted + [reply.rawValue]).suffix(ChatState.suggestedMemory))
      chats.update(state)
      return .accepted(reply, count: usage[reply] ?? 0, chat: chat)
    } catch {
      return .failure("could not record the acceptance: \(error)")
    }
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context):
      let underlying = (context.underlyingError as? NSError)?.userInfo["NSDebugDescription"]
      return (underlying as? String) ?? context.debugDescription
    default:
      return "not a JSON object"
    }
  }
}

/// The pure part of answering a message: classify, then answer the turn with the coach.
///
/// Safe to share between threads; each passes its own scratch.
struct SuggestEngine: Sendable {
  let matcher: Matcher
  let coach: ConversationCoach
  let profile: ShopProfile

  func respond(
    _ request: SuggestRequest, _ classification: Classification, usage: [ReplyID: Int],
    state: consuming ChatState, now: Date
  ) -> ConversationCoach.Answer {
    var fields = request.fields
    fields["chat"] = request.chat
    let context = ReplyContext.forMessage(fields: fields, profile: profile, now: now)
    return coach.respond(
      to: classification, context: context, usage: usage, state: state, now: now)
  }
}
