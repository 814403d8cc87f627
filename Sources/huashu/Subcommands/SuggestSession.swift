import Foundation
import HuashuCore

/// The state of one `suggest` run: the engine, and the agent's usage counts.
struct SuggestSession: ~Copyable {
  /// The answer to one input line.
  enum Answer {
    /// Suggestions for a message.
    case suggestions(SuggestionResult, chat: String)
    /// An `accepted` line was recorded.
    case accepted(ReplyID, count: Int, chat: String)
    /// The line was bad.
    case failure(String)
  }

  let matcher: Matcher
  let suggester: Suggester
  let profile: ShopProfile
  let limit: Int
  let usageDatabasePath: String

  private var scratch = MatchScratch()
  private let decoder = JSONDecoder()
  private var store: UsageStore?
  private var usage: [ReplyID: Int] = [:]

  init(
    matcher: Matcher, suggester: Suggester, profile: ShopProfile, limit: Int,
    usageDatabasePath: String
  ) {
    self.matcher = matcher
    self.suggester = suggester
    self.profile = profile
    self.limit = limit
    self.usageDatabasePath = usageDatabasePath
    // Read the counts if the database exists; it is created only when something is accepted.
    if FileManager.default.fileExists(atPath: usageDatabasePath),
      let store = try? UsageStore(path: usageDatabasePath)
    {
      self.store = store
      self.usage = (try? store.acceptedCounts()) ?? [:]
    }
  }

  mutating func answer(_ line: LineReader.Line) -> Answer {
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
        request = try decoder.decode(SuggestRequest.self, from: Data(text.utf8))
      } catch {
        return .failure("invalid JSON: \(Self.describe(error))")
      }
    } else {
      request = SuggestRequest(text: text)
    }
    if let accepted = request.accepted {
      return accept(ReplyID(accepted), chat: request.chat)
    }
    guard let message = request.text, message.contains(where: { !$0.isWhitespace }) else {
      return .failure("JSON line has no \"text\" (nor \"accepted\")")
    }
    var fields = request.fields
    fields["chat"] = request.chat
    let context = ReplyContext.forMessage(fields: fields, profile: profile)
    let classification = matcher.classify(message, using: &scratch)
    return .suggestions(
      suggester.suggestions(for: classification, context: context, usage: usage, limit: limit),
      chat: request.chat)
  }

  private mutating func accept(_ reply: ReplyID, chat: String) -> Answer {
    guard suggester.phrasebook.entry(reply) != nil else {
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
