public import Foundation
internal import Synchronization

/// A service with a team store (``SuggestService/Configuration/store``): the phrasebooks come
/// from the store, every acceptance is recorded there, and each turn reads its chat's state
/// from the store and writes it back, so the servers of a team answer as one.
///
/// When the store does not answer, the service answers from what it has (its compiled
/// phrasebooks, its own chats and counts), reports itself degraded on ``health()``, and stops
/// asking the store until ``followStore(onReload:)`` has reconnected.
extension SuggestService {
  /// How long a turn waits for the store before answering without it.
  static let storeDeadline: Duration = .seconds(2)
  /// While the store is unreachable, turns answer without it; one turn tries it again after
  /// this many seconds (besides the listening connection's reconnecting).
  static let storeRetryInterval: TimeInterval = 2

  /// Reads the phrasebooks and counts from `configuration.store`, then loads as
  /// ``init(configuration:)`` does.
  ///
  /// - Throws: ``SuggestContentError`` when a file has errors; the store's error when it
  ///   cannot be read.
  public static func connecting(configuration: Configuration) async throws -> SuggestService {
    guard let store = configuration.store else {
      return try await BlockingWork.run { try SuggestService(configuration: configuration) }
    }
    var stored = try await store.phrasebooks(agent: configuration.agent)
    stored.imageDirectory = configuration.sources.phrasebookDirectory
    let counts = try await store.acceptedCounts()
    let phrasebooks = stored
    return try await BlockingWork.run {
      try SuggestService(configuration: configuration, stored: phrasebooks, acceptedCounts: counts)
    }
  }

  /// ``suggest(_:)``, with the chat's state read from the team store before the turn and
  /// written back after it (when the service has a store).
  public func suggest(_ body: [UInt8]) async -> SuggestAnswer {
    guard let store = configuration.store else { return suggestWithoutStore(body) }
    let turn: ReadTurn
    switch readTurn(body) {
    case .read(let read): turn = read
    case .unreadable(let answer): return answer
    }
    switch turn.prepared {
    case .failure(let message): return answer(.failure(message), snapshot: turn.snapshot)
    case .accept(let reply, let chat):
      do {
        return try await accept(reply.rawValue, chat: chat)
      } catch {
        return answer(.failure(error.description), snapshot: turn.snapshot)
      }
    case .message(let request, _):
      let now = configuration.clock()
      let (answered, answeredBy) = await withStoredChat(request.chat, in: store) {
        turn.answer(in: &$0, at: now)
      }
      return answer(answered, snapshot: answeredBy)
    }
  }

  /// ``accept(_:chat:)``, recorded in the team store (when the service has one): the count it
  /// answers is every agent's.
  ///
  /// - Throws: ``ServiceError/notFound(_:)`` when no reply has that id or code,
  ///   ``ServiceError/unavailable(_:)`` when the store does not answer,
  ///   ``ServiceError/failed(_:)`` when the usage database cannot be written.
  public func accept(_ idOrCode: String, chat: String) async throws(ServiceError)
    -> SuggestAnswer
  {
    guard let store = configuration.store else {
      return try acceptWithoutStore(idOrCode, chat: chat)
    }
    let snapshot = self.snapshot
    guard let entry = snapshot.content.phrasebook.entry(idOrCode: idOrCode) else {
      throw .notFound(
        "accepted reply is not in the phrasebook: "
          + Phrasebook.unknownReplyMessage(idOrCode))
    }
    let count: Int
    do {
      count = try await Self.withDeadline {
        try await store.recordAcceptance(
          of: entry.id, agent: self.configuration.agent, at: self.configuration.clock())
      }
      markStoreReachable()
    } catch {
      markStoreUnreachable(error)
      throw .unavailable(
        "the team store (\(store.location)) did not record the acceptance: \(error)")
    }
    let (answered, answeredBy) = await withStoredChat(chat, in: store) { state in
      (state.session.noteAcceptance(of: entry.id, count: count, chat: chat), state.snapshot)
    }
    return answer(answered, snapshot: answeredBy)
  }

  /// The usage report of the team store (when the service has one; else the usage database),
  /// labelled with the phrasebook's codes and groups.
  ///
  /// - Throws: ``ServiceError/unavailable(_:)`` when the store does not answer.
  public func usageReport(since: Date? = nil) async throws(ServiceError) -> UsageReport {
    guard let store = configuration.store else {
      return try usageReportWithoutStore(since: since)
    }
    do {
      return try await Self.withDeadline { try await store.usageReport(since: since) }
        .labeled(by: snapshot.content.phrasebook)
    } catch {
      markStoreUnreachable(error)
      throw .unavailable(
        "cannot read the usage counts of the team store (\(store.location)): \(error)")
    }
  }

  /// Reloads: the rules from their files and, with a team store, the phrasebooks and counts
  /// from the store; the compiling runs off the caller's thread, and every request goes on
  /// being answered with the old content until the new one is ready.
  ///
  /// - Throws: ``SuggestContentError`` when a file has errors, or naming the store when it
  ///   cannot be read; the old content goes on answering.
  @discardableResult
  public func refresh() async throws(SuggestContentError) -> ServiceSnapshot {
    guard let store = configuration.store else {
      let result = await BlockingWork.run {
        Result { () throws(SuggestContentError) in try self.reload() }
      }
      return try result.get()
    }
    var stored: StoredPhrasebooks
    let counts: [ReplyID: Int]
    do {
      stored = try await store.phrasebooks(agent: configuration.agent)
      counts = try await store.acceptedCounts()
      markStoreReachable()
    } catch {
      markStoreUnreachable(error)
      let failure = SuggestContentError(
        summary: "cannot read the team store (\(store.location)): \(error)", diagnostics: [])
      state.withLock { $0.lastReloadError = failure.summary }
      throw failure
    }
    stored.imageDirectory = configuration.sources.phrasebookDirectory
    let phrasebooks = stored
    let result = await BlockingWork.run {
      Result { () throws(SuggestContentError) in
        try self.reload(stored: phrasebooks, acceptedCounts: counts)
      }
    }
    return try result.get()
  }

  /// Follows the team store until the task is cancelled: reloads when its phrasebooks change
  /// (and each time it starts listening, since changes made before were not heard), marks the
  /// store unreachable when the connection is lost and tries again, waiting a little longer
  /// each time (up to five seconds).
  ///
  /// - Parameter onReload: Told the outcome of each reload (for the server's log).
  public func followStore(
    onReload: @escaping @Sendable (Result<ServiceSnapshot, SuggestContentError>) -> Void
  ) async {
    guard let store = configuration.store else { return }
    var delay: Duration = .milliseconds(250)
    let reload: @Sendable () async -> Void = {
      do throws(SuggestContentError) {
        onReload(.success(try await self.refresh()))
      } catch {
        onReload(.failure(error))
      }
    }
    while !Task.isCancelled {
      do {
        // Reloads once listening: what changed before (while reconnecting, or between the
        // first load and the first LISTEN) was not heard.
        try await store.followChanges(
          listening: {
            self.markStoreReachable()
            await reload()
          }, changed: reload)
        return
      } catch {
        markStoreUnreachable(error)
      }
      try? await Task.sleep(for: delay)
      delay = min(delay * 2, .seconds(5))
    }
  }

  /// Removes the chats the team store holds that have been silent longer than the idle time,
  /// now and then every hour, until the task is cancelled (what the sweep every 4,096 turns
  /// does for the chats in memory).
  public func sweepStoredChats() async {
    guard let store = configuration.store else { return }
    while !Task.isCancelled {
      let cutoff = configuration.clock().addingTimeInterval(-configuration.idleTime)
      _ = try? await store.removeChats(idleSince: cutoff)
      try? await Task.sleep(for: .seconds(3600))
    }
  }
}
