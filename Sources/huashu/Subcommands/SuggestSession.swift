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

  let engine: TurnEngine
  let usageDatabasePath: String
  /// Warns once per rule whose patterns gave up or were skipped.
  let skippedPatterns: SkippedPatternLog

  private var scratch = MatchScratch()
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
    self.engine = TurnEngine(matcher: matcher, coach: coach, profile: profile)
    self.skippedPatterns = SkippedPatternLog(ruleSet: matcher.ruleSet)
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
    switch Self.parse(line) {
    case .failure(let message): return .failure(message)
    case .accept(let reply, let chat): return accept(reply, chat: chat)
    case .message(let request, let text):
      let classification = engine.matcher.classify(text, using: &scratch)
      DiagnosticPrinter.standardError.print(skippedPatterns.newWarnings(for: classification))
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

  /// Answers a batch of lines on the threads of `parallel` and passes each answer, with its
  /// line number, to `finish` (on the thread that answered it); the outputs in input order.
  ///
  /// The lines are read and classified in parallel, then the chats are answered in parallel:
  /// each chat's turns in order, since each turn changes its state. An `accepted` line counts
  /// for the lines after it: the messages before it are answered first.
  mutating func answers<Output: Sendable>(
    _ lines: [LineReader.Line], parallel: ParallelClassifier,
    finish: @escaping @Sendable (Answer, _ line: Int) -> Output
  ) -> (outputs: [Output], hadBadLine: Bool) {
    let reader = Reader(engine: engine)
    let prepared = parallel.map(lines) { line, scratch in reader.prepare(line, using: &scratch) }
    var slots = [Output?](repeating: nil, count: lines.count)
    var hadBadLine = false
    var turns: [Turn] = []
    for (slot, item) in prepared.enumerated() {
      let line = lines[slot].number
      switch item {
      case .failure(let message):
        hadBadLine = true
        slots[slot] = finish(.failure(message), line)
      case .message(let request, let classification):
        DiagnosticPrinter.standardError.print(skippedPatterns.newWarnings(for: classification))
        turns.append(
          Turn(slot: slot, line: line, request: request, classification: classification))
      case .accept(let reply, let chat):
        answer(turns, into: &slots, parallel: parallel, finish: finish)
        turns.removeAll()
        let answer = accept(reply, chat: chat)
        if case .failure = answer { hadBadLine = true }
        slots[slot] = finish(answer, line)
      }
    }
    answer(turns, into: &slots, parallel: parallel, finish: finish)
    // Every slot was filled: by its failure, its accept, or its chat's turn.
    return (slots.compactMap { $0 }, hadBadLine)
  }

  /// A classified message waiting to be answered as a turn of its chat.
  private struct Turn: Sendable {
    let slot: Int
    let line: Int
    let request: SuggestRequest
    let classification: Classification
  }

  /// One chat's turns of a batch and its state before them.
  private struct ChatTurns: Sendable {
    var state: ChatState
    var turns: [Turn]
  }

  /// Answers `turns` (messages between two `accepted` lines) chat by chat, the chats spread
  /// over the threads of `parallel` by their number of turns.
  private mutating func answer<Output: Sendable>(
    _ turns: [Turn], into slots: inout [Output?], parallel: ParallelClassifier,
    finish: @escaping @Sendable (Answer, _ line: Int) -> Output
  ) {
    guard !turns.isEmpty else { return }
    var chatIndex: [String: Int] = [:]
    var chats: [ChatTurns] = []
    let now = clock()
    for turn in turns {
      let chat = turn.request.chat
      if let index = chatIndex[chat] {
        chats[index].turns.append(turn)
      } else {
        chatIndex[chat] = chats.count
        chats.append(ChatTurns(state: self.chats.take(chat, now: now), turns: [turn]))
      }
    }
    // Longest chats first, each to the least loaded thread.
    var lanes = [[ChatTurns]](repeating: [], count: parallel.jobs)
    var load = [Int](repeating: 0, count: parallel.jobs)
    for chat in chats.sorted(by: { $0.turns.count > $1.turns.count }) {
      let lane = load.indices.min { load[$0] < load[$1] } ?? 0
      lanes[lane].append(chat)
      load[lane] += chat.turns.count
    }
    let engine = self.engine
    let usage = self.usage
    let clock = self.clock
    let answered = parallel.map(lanes) { lane, _ in
      lane.map { chat in
        var state = chat.state
        var outputs: [(slot: Int, output: Output)] = []
        for turn in chat.turns {
          let now = clock()
          // Handed over, not copied: a copy would make the turn copy the state's lists (and
          // retain every string in them) before changing them.
          let answer = engine.respond(
            turn.request, turn.classification, usage: usage, state: consume state, now: now)
          state = answer.state
          outputs.append((turn.slot, finish(.suggestions(answer), turn.line)))
        }
        return (state: state, outputs: outputs)
      }
    }
    for chat in answered.joined() {
      self.chats.update(chat.state)
      for (slot, output) in chat.outputs { slots[slot] = output }
    }
  }

  /// What the parallel reading of a line gives: a classified message, an `accepted` line, or
  /// the line's error.
  private enum PreparedLine: Sendable {
    case message(SuggestRequest, Classification)
    case accept(ReplyID, chat: String)
    case failure(String)
  }

  /// The part of the session that reads and classifies lines, shared by the threads.
  private struct Reader: Sendable {
    let engine: TurnEngine

    func prepare(_ line: LineReader.Line, using scratch: inout MatchScratch) -> PreparedLine {
      switch SuggestSession.parse(line) {
      case .failure(let message): .failure(message)
      case .accept(let reply, let chat): .accept(reply, chat: chat)
      case .message(let request, let text):
        .message(request, engine.matcher.classify(text, using: &scratch))
      }
    }
  }

  private static func parse(_ line: LineReader.Line) -> ParsedLine {
    if line.isOverlong { return .failure(LineReader.overlongProblem(length: line.length)) }
    let invalidUTF8 = ParsedLine.failure("line is not valid UTF-8 text")
    // In UTF-8 no byte of a multi-byte character is below 0x80, so bytes find control
    // characters and the opening brace.
    if line.bytes.contains(where: { $0 < 0x20 && $0 != UInt8(ascii: "\t") }) {
      guard String(validUTF8: line.bytes) != nil else { return invalidUTF8 }
      return .failure("line contains control characters (binary data?)")
    }
    let firstByte = line.bytes.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
    let request: SuggestRequest
    if firstByte == UInt8(ascii: "{") {
      // The fast path reads flat objects from the bytes (checking their strings are valid
      // UTF-8); anything else goes to Foundation, which decodes it or says what is wrong.
      if let flat = line.bytes.withUnsafeBufferPointer(SuggestRequest.init(flatJSON:)) {
        request = flat
      } else {
        guard let text = String(validUTF8: line.bytes) else { return invalidUTF8 }
        // What Foundation would drop silently or call "not valid JSON" is said here.
        if let problem = line.bytes.withUnsafeBufferPointer(FlatJSONDecoder().problem(inUTF8:)) {
          return .failure("invalid JSON: \(problem)")
        }
        do {
          request = try JSONDecoder().decode(SuggestRequest.self, from: Data(text.utf8))
        } catch {
          return .failure("invalid JSON: \(Self.describe(error))")
        }
      }
    } else {
      guard let text = String(validUTF8: line.bytes) else { return invalidUTF8 }
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
    // Most messages answer at their first byte: a printable ASCII character, or the lead byte
    // of a scalar from U+4000 on (every Chinese character), above every white space scalar
    // (the last is U+3000). Only text starting otherwise asks for the Unicode property.
    if let first = text.utf8.first, (0x21...0x7E).contains(first) || first >= 0xE4 {
      return true
    }
    return text.unicodeScalars.contains { !$0.properties.isWhitespace }
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
      var state = chats.take(chat, now: clock())
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
