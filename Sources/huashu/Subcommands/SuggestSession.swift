import Foundation
import HuashuCore

/// The state of one `suggest` run: the engine, and the agent's usage counts.
struct SuggestSession: ~Copyable {
  /// The answer to one input line.
  enum Answer: Sendable {
    /// Suggestions for a message.
    case suggestions(SuggestionResult, chat: String)
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

  init(
    matcher: Matcher, suggester: Suggester, profile: ShopProfile, limit: Int,
    usageDatabasePath: String
  ) {
    self.engine = SuggestEngine(
      matcher: matcher, suggester: suggester, profile: profile, limit: limit)
    self.usageDatabasePath = usageDatabasePath
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
      return engine.answer(request, text: text, usage: usage, using: &scratch)
    }
  }

  /// Answers a batch of lines in order, the messages between two `accepted` lines in parallel
  /// (each `accepted` line still counts for the lines after it).
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

  /// Answers the messages collected since the last `accepted` line, in parallel.
  private func answer(
    _ pending: [(slot: Int, request: SuggestRequest, text: String)], into slots: inout [Answer?],
    parallel: ParallelClassifier
  ) {
    guard !pending.isEmpty else { return }
    let (engine, usage) = (self.engine, self.usage)
    let results = parallel.map(pending.map { ($0.request, $0.text) }) { item, scratch in
      engine.answer(item.0, text: item.1, usage: usage, using: &scratch)
    }
    for (item, result) in zip(pending, results) { slots[item.slot] = result }
  }

  private func parse(_ line: LineReader.Line) -> ParsedLine {
    if line.isOverlong {
      return .failure(
        "line is \(line.length) bytes, over the \(LineReader.defaultMaximumLength)-byte limit")
    }
    guard let text = String(validating: line.bytes, as: UTF8.self) else {
      return .failure("line is not valid UTF-8 text")
    }
    if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) {
      return .failure("line contains control characters (binary data?)")
    }
    guard let firstVisible = text.first(where: { !$0.isWhitespace }) else {
      return .failure("empty line: no message")
    }
    let request: SuggestRequest
    if firstVisible == "{" {
      do {
        // The fast path reads flat objects; anything else goes to Foundation, which decodes it
        // or says what is wrong.
        request =
          try flatDecoder.decode(SuggestRequest.self, from: text)
          ?? decoder.decode(SuggestRequest.self, from: Data(text.utf8))
      } catch {
        return .failure("invalid JSON: \(Self.describe(error))")
      }
    } else {
      request = SuggestRequest(text: text)
    }
    if let accepted = request.accepted { return .accept(ReplyID(accepted), chat: request.chat) }
    guard let message = request.text, message.contains(where: { !$0.isWhitespace }) else {
      return .failure("JSON line has no \"text\" (nor \"accepted\")")
    }
    return .message(request, text: message)
  }

  private mutating func accept(_ reply: ReplyID, chat: String) -> Answer {
    guard engine.suggester.phrasebook.entry(reply) != nil else {
      return .failure("accepted reply '\(reply)' is not in the phrasebook")
    }
    do {
      let store = try self.store ?? UsageStore(path: usageDatabasePath)
      self.store = store
      try store.recordAcceptance(of: reply)
      usage = try store.acceptedCounts()
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

/// The pure part of answering a message: classify, fill in, rank.
///
/// Safe to share between threads; each passes its own scratch.
struct SuggestEngine: Sendable {
  let matcher: Matcher
  let suggester: Suggester
  let profile: ShopProfile
  let limit: Int

  func answer(
    _ request: SuggestRequest, text: String, usage: [ReplyID: Int],
    using scratch: inout MatchScratch
  ) -> SuggestSession.Answer {
    var fields = request.fields
    fields["chat"] = request.chat
    let context = ReplyContext.forMessage(fields: fields, profile: profile)
    let classification = matcher.classify(text, using: &scratch)
    return .suggestions(
      suggester.suggestions(for: classification, context: context, usage: usage, limit: limit),
      chat: request.chat)
  }
}
