public import Foundation

/// Where a team keeps what its huashu servers share (PostgreSQL: `HuashuStore`'s
/// `PostgresStore`): the phrasebooks, the usage counts and the chats.
///
/// With a store, a ``SuggestService`` loads its phrasebooks from it, records every acceptance
/// in it and reads and writes each chat's state there around every turn, so any server can
/// answer the next turn of any chat, and reloads when the store says the phrasebooks changed.
/// Without one, it uses files and SQLite as `huashu suggest` does.
public protocol TeamStore: Sendable {
  /// Where the store is, for messages and `/healthz` (never with a password).
  var location: String { get }

  /// The team layer, the shop profile and `agent`'s personal layer.
  func phrasebooks(agent: String) async throws -> StoredPhrasebooks

  /// How many times each reply was accepted, by every agent.
  func acceptedCounts() async throws -> [ReplyID: Int]

  /// Records that `agent` accepted `reply` at `date`; returns the reply's count afterwards.
  func recordAcceptance(of reply: ReplyID, agent: String, at date: Date) async throws -> Int

  /// The usage report of every acceptance (since `since`), unlabelled.
  func usageReport(since: Date?) async throws -> UsageReport

  /// The state of `chat` as its last turn left it, with its version, or `nil` for a chat the
  /// store does not know.
  func chat(_ chat: String) async throws -> StoredChat?

  /// Stores `state` as the next version of its chat, if the stored version is still
  /// `version` (`nil`: the chat is not stored yet); returns `false`, storing nothing, when
  /// another server stored a turn of the chat in between.
  func save(_ state: ChatState, replacing version: Int64?) async throws -> Bool

  /// Removes the chats silent since before `date`; returns how many.
  func removeChats(idleSince date: Date) async throws -> Int

  /// Listens for changes of the phrasebooks: calls `listening` once the store listens (after
  /// each reconnection too), then `changed` for every change, until the connection is lost
  /// (it throws) or the task is cancelled (it returns).
  func followChanges(
    listening: @escaping @Sendable () async -> Void,
    changed: @escaping @Sendable () async -> Void
  ) async throws
}

/// A chat's state as a team store holds it: the state and its version (one more per turn).
public struct StoredChat: Sendable {
  /// The state.
  public var state: ChatState
  /// The version the store has.
  public var version: Int64

  /// Creates a stored chat.
  public init(state: ChatState, version: Int64) {
    self.state = state
    self.version = version
  }
}

/// Whether a service's team store answers (what `/healthz` reports).
public struct StoreHealth: Encodable, Sendable, Equatable {
  /// Where the store is.
  public var location: String
  /// `ok`, or `unreachable`: the service answers from what it has and reconnects.
  public var status: String
  /// Why the store was last unreachable, while it is.
  public var error: String?
  /// Since when, ISO 8601 (UTC), while it is.
  public var since: String?
}
