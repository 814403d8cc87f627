public import Foundation

/// The content a ``SuggestService`` answers with, compiled once and shared by every request
/// until the next reload.
public final class ServiceSnapshot: Sendable {
  /// The rules, scripts, phrasebook and shop profile.
  public let content: SuggestContent
  /// The compiled rules.
  public let matcher: Matcher
  /// Ranks the phrasebook's replies.
  public let suggester: Suggester
  /// Finds replies by code, words or pinyin initials.
  public let finder: ReplyFinder
  /// 1 for the content loaded at start, one more at each reload.
  public let generation: Int
  /// When it was loaded.
  public let loadedAt: Date

  /// Compiles `content`.
  init(content: SuggestContent, generation: Int, loadedAt: Date) {
    self.content = content
    self.matcher = Matcher(ruleSet: content.ruleSet)
    self.suggester = Suggester(phrasebook: content.phrasebook)
    self.finder = ReplyFinder(phrasebook: content.phrasebook)
    self.generation = generation
    self.loadedAt = loadedAt
  }
}

/// One chat a ``SuggestService`` remembers, as the side panel lists it.
public struct ChatSummary: Encodable, Sendable {
  /// The chat id.
  public var chat: String
  /// How many buyer messages it has had.
  public var turn: Int
  /// The intent the chat is about, when known.
  public var topic: String?
  /// The buyer's last emotion.
  public var emotion: String?
  /// When its last message was answered, ISO 8601 (UTC).
  public var updatedAt: String

  enum CodingKeys: String, CodingKey {
    case chat, turn, topic, emotion
    case updatedAt = "updated_at"
  }

  /// The summary of `state`.
  public init(_ state: ChatState) {
    chat = state.chat
    turn = state.turn
    topic = state.topic
    emotion = state.recentEmotions.last?.rawValue
    updatedAt = state.updatedAt.formatted(Date.ISO8601FormatStyle())
  }
}

/// How a ``SuggestService`` is (what `GET /healthz` answers).
public struct ServiceHealth: Encodable, Sendable {
  /// `ok` while it answers; `degraded` while its team store is unreachable (it answers from
  /// what it has).
  public var status: String
  /// Which load answers: 1 at start, one more at each reload.
  public var generation: Int
  /// When that content was loaded, ISO 8601 (UTC).
  public var loadedAt: String
  /// How many rules it has.
  public var rules: Int
  /// How many replies its phrasebook has.
  public var replies: Int
  /// How many chats it holds.
  public var chats: Int
  /// Why the last reload failed (the old content goes on answering); absent after a good one.
  public var lastReloadError: String?
  /// The team store, when the service has one.
  public var store: StoreHealth?

  enum CodingKeys: String, CodingKey {
    case status, generation
    case loadedAt = "loaded_at"
    case rules, replies, chats
    case lastReloadError = "last_reload_error"
    case store
  }
}
