public import Foundation
public import HuashuCore
internal import PostgresNIO

extension PostgresStore {
  public func chat(_ chat: String) async throws -> StoredChat? {
    try await attempt("reading chat \(chat)") {
      let rows = try await client.query(
        "SELECT version, state FROM chat_state WHERE chat = \(chat)", logger: logger)
      for try await (version, json) in rows.decode((Int64, String).self) {
        let state = try Self.chatDecoder.decode(ChatState.self, from: Data(json.utf8))
        return StoredChat(state: state, version: version)
      }
      return nil
    }
  }

  public func save(_ state: ChatState, replacing version: Int64?) async throws -> Bool {
    try await attempt("saving chat \(state.chat)") {
      let json = String(decoding: try Self.chatEncoder.encode(state), as: UTF8.self)
      let rows: PostgresRowSequence
      if let version {
        rows = try await client.query(
          """
          UPDATE chat_state SET version = version + 1, state = \(json),
            updated_at = \(state.updatedAt)
          WHERE chat = \(state.chat) AND version = \(version) RETURNING version
          """, logger: logger)
      } else {
        rows = try await client.query(
          """
          INSERT INTO chat_state (chat, version, state, updated_at)
          VALUES (\(state.chat), 1, \(json), \(state.updatedAt))
          ON CONFLICT (chat) DO NOTHING RETURNING version
          """, logger: logger)
      }
      var saved = false
      for try await _ in rows { saved = true }
      return saved
    }
  }

  /// Removes the chats silent since before `date`; returns how many.
  @discardableResult
  public func removeChats(idleSince date: Date) async throws -> Int {
    try await attempt("removing idle chats") {
      let rows = try await client.query(
        "DELETE FROM chat_state WHERE updated_at < \(date) RETURNING 1", logger: logger)
      var count = 0
      for try await _ in rows { count += 1 }
      return count
    }
  }

  static let chatEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }()

  static let chatDecoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }()
}
