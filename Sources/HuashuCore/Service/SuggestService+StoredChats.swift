internal import Foundation
internal import Synchronization

/// The chats of a service with a team store: each turn reads its chat's state from the store and
/// writes the state it leaves back, so any server of the team can answer the next turn.
extension SuggestService {
  /// Answers one turn of `chat` with the chat's state read from the store.
  ///
  /// The turn runs under the lock; the state it leaves is written back. When another server stored a turn of the chat in
  /// between, does the turn again on that state (up to three times). When the store does not
  /// answer, the turn is answered with the state held here.
  func withStoredChat<Value: Sendable>(
    _ chat: String, in store: any TeamStore, turn: (inout State) -> Value
  ) async -> Value {
    var attempt = 0
    while true {
      attempt += 1
      let now = configuration.clock()
      let reachable = state.withLock { $0.mayAskStore(at: now) }
      var stored: StoredChat?
      var readFromStore = false
      if reachable {
        do {
          stored = try await Self.withDeadline { try await store.chat(chat) }
          readFromStore = true
          markStoreReachable()
        } catch {
          markStoreUnreachable(error)
        }
      }
      let (value, after) = state.withLock { state in
        if readFromStore { state.adopt(stored, of: chat) }
        let value = turn(&state)
        return (value, state.session.chats.state(of: chat))
      }
      guard readFromStore, let after else { return value }
      do {
        let version = stored?.version
        let saved = try await Self.withDeadline { try await store.save(after, replacing: version) }
        if saved {
          let version = (stored?.version ?? 0) + 1
          state.withLock { $0.storedVersions[chat] = version }
          return value
        }
      } catch {
        markStoreUnreachable(error)
        return value
      }
      if attempt >= 3 { return value }
    }
  }
}

extension SuggestService.State {
  /// Takes the store's state of `chat` as the one to answer from, unless it is the version this
  /// service stored last, which it holds already.
  ///
  /// When the store has no state of the chat, a state this service stored there is gone (the
  /// chat was idle and swept), so the chat starts anew; a state it never stored (turns answered
  /// while the store was down) is kept and goes to the store with this turn.
  mutating func adopt(_ stored: StoredChat?, of chat: String) {
    guard let stored else {
      if storedVersions[chat] != nil {
        session.chats.remove(chat)
        storedVersions[chat] = nil
      }
      return
    }
    guard storedVersions[chat] != stored.version || session.chats.state(of: chat) == nil else {
      return
    }
    session.chats.update(stored.state)
    storedVersions[chat] = stored.version
  }
}
