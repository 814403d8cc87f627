internal import Foundation
internal import Synchronization

/// Reloading the content while the service answers, and how the service is.
extension SuggestService {
  /// Loads the content again; on success the next requests answer with it and every chat goes
  /// on, on failure the old content keeps answering.
  ///
  /// - Throws: ``SuggestContentError`` naming every error when a file has one.
  @discardableResult
  public func reload() throws(SuggestContentError) -> ServiceSnapshot {
    try reloading.withLock { _ throws(SuggestContentError) in
      try compile(stored: state.withLock { $0.stored })
    }
  }

  /// ``reload()`` with the phrasebooks of a team store, read just before.
  func reload(stored: StoredPhrasebooks, acceptedCounts: [ReplyID: Int])
    throws(SuggestContentError) -> ServiceSnapshot
  {
    try reloading.withLock { _ throws(SuggestContentError) in
      let snapshot = try compile(stored: stored)
      state.withLock { state in
        state.stored = stored
        state.session.rank(withAcceptedCounts: acceptedCounts)
      }
      return snapshot
    }
  }

  private func compile(stored: StoredPhrasebooks?) throws(SuggestContentError)
    -> ServiceSnapshot
  {
    let content: SuggestContent
    var sources = configuration.sources
    sources.stored = stored ?? sources.stored
    do {
      content = try SuggestContent.load(sources)
    } catch {
      state.withLock { $0.lastReloadError = error.summary }
      throw error
    }
    let configuration = self.configuration
    return state.withLock { state in
      let snapshot = ServiceSnapshot(
        content: content, generation: state.snapshot.generation + 1,
        loadedAt: configuration.clock())
      let chats = state.session.chats
      let counts = state.session.acceptedCounts
      state.session = Self.session(for: snapshot, chats: chats, configuration: configuration)
      if configuration.store != nil { state.session.rank(withAcceptedCounts: counts) }
      state.snapshot = snapshot
      state.lastReloadError = nil
      return snapshot
    }
  }

  /// How the service is: what it answers with, how many chats it holds, and the error of the
  /// last reload when it failed.
  public func health() -> ServiceHealth {
    state.withLock { state in
      ServiceHealth(
        status: state.storeProblem == nil ? "ok" : "degraded",
        generation: state.snapshot.generation,
        loadedAt: state.snapshot.loadedAt.formatted(Date.ISO8601FormatStyle()),
        rules: state.snapshot.content.ruleSet.rules.count,
        replies: state.snapshot.content.phrasebook.entries.count,
        chats: state.session.chats.activeCount(at: configuration.clock()),
        lastReloadError: state.lastReloadError,
        store: configuration.store.map { store in
          StoreHealth(
            location: store.location, status: state.storeProblem == nil ? "ok" : "unreachable",
            error: state.storeProblem?.message,
            since: state.storeProblem?.since.formatted(Date.ISO8601FormatStyle()))
        })
    }
  }
}
