import Foundation
import Synchronization
import TestScratch
import Testing

@testable import HuashuCore

/// The service with a team store: phrasebooks come from the store, acceptances and chats are
/// shared by the services on one store, a concurrent turn of another server is not lost, and a
/// store that does not answer leaves the service answering (degraded) until it reconnects.
struct SuggestServiceStoreTests {
  static let now = Date(timeIntervalSince1970: 1_800_000_000)

  /// What a store throws while it is down.
  struct StoreDown: Error, CustomStringConvertible {
    var description: String { "the in-memory store is down" }
  }

  /// A team store in memory: phrasebooks, acceptances and versioned chats, a switch that makes
  /// every call throw, an injected concurrent write, and change notifications from the test.
  actor MemoryStore: TeamStore {
    nonisolated let location = "memory://team"
    private(set) var stored: StoredPhrasebooks
    private(set) var acceptances: [(reply: ReplyID, agent: String, date: Date)] = []
    private(set) var chats: [String: StoredChat] = [:]
    /// Every call of `save`, stored or not.
    private(set) var saveAttempts = 0
    /// How many times `listening` has returned (a reconnection's reload is done by then).
    private(set) var listened = 0
    private(set) var isDown = false
    /// Written over a chat just before its next save, as another server's turn would be.
    private var interference: [String: StoredChat] = [:]
    private var changes: AsyncStream<Void>.Continuation?

    init(stored: StoredPhrasebooks) {
      self.stored = stored
    }

    func setDown(_ down: Bool) {
      isDown = down
      if down {
        changes?.finish()
        changes = nil
      }
    }

    func setPhrasebooks(_ phrasebooks: StoredPhrasebooks) {
      stored = phrasebooks
    }

    func interfereBeforeNextSave(of chat: String, with write: StoredChat) {
      interference[chat] = write
    }

    /// Tells the follower the phrasebooks changed.
    func notifyChange() {
      changes?.yield()
    }

    private func check() throws {
      if isDown { throw StoreDown() }
    }

    func phrasebooks(agent: String) throws -> StoredPhrasebooks {
      try check()
      return stored
    }

    func acceptedCounts() throws -> [ReplyID: Int] {
      try check()
      return acceptances.reduce(into: [:]) { $0[$1.reply, default: 0] += 1 }
    }

    func recordAcceptance(of reply: ReplyID, agent: String, at date: Date) throws -> Int {
      try check()
      acceptances.append((reply, agent, date))
      return acceptances.filter { $0.reply == reply }.count
    }

    func usageReport(since: Date?) throws -> UsageReport {
      try check()
      var tallies: [String: UsageReport.Tally] = [:]
      for acceptance in acceptances where since.map({ acceptance.date >= $0 }) ?? true {
        let key = acceptance.reply.rawValue + "\u{0}" + acceptance.agent
        var tally =
          tallies[key]
          ?? UsageReport.Tally(
            reply: acceptance.reply, agent: acceptance.agent, accepted: 0, lastAccepted: nil)
        tally.accepted += 1
        tally.lastAccepted = max(tally.lastAccepted ?? .distantPast, acceptance.date)
        tallies[key] = tally
      }
      return UsageReport(since: since, tallies: Array(tallies.values))
    }

    func chat(_ chat: String) throws -> StoredChat? {
      try check()
      return chats[chat]
    }

    func save(_ state: ChatState, replacing version: Int64?) throws -> Bool {
      try check()
      saveAttempts += 1
      if let write = interference.removeValue(forKey: state.chat) { chats[state.chat] = write }
      // nil: insert only if absent; else only over that version.
      guard chats[state.chat]?.version == version else { return false }
      chats[state.chat] = StoredChat(state: state, version: (version ?? 0) + 1)
      return true
    }

    func removeChats(idleSince date: Date) throws -> Int {
      try check()
      let idle = chats.filter { $0.value.state.updatedAt < date }.map(\.key)
      for chat in idle { chats[chat] = nil }
      return idle.count
    }

    func followChanges(
      listening: @escaping @Sendable () async -> Void,
      changed: @escaping @Sendable () async -> Void
    ) async throws {
      try check()
      let (stream, continuation) = AsyncStream<Void>.makeStream()
      changes = continuation
      await listening()
      listened += 1
      for await _ in stream {
        try check()
        await changed()
      }
      // Finished by `setDown` (the connection is lost), or cancelled.
      try check()
    }
  }

  /// What `followStore` told of each reload.
  final class Reloads: Sendable {
    enum Outcome: Sendable, Equatable {
      case loaded(generation: Int)
      case failed(String)
    }

    private let outcomes = Mutex<[Outcome]>([])
    var all: [Outcome] { outcomes.withLock { $0 } }

    func note(_ result: Result<ServiceSnapshot, SuggestContentError>) {
      let outcome: Outcome =
        switch result {
        case .success(let snapshot): .loaded(generation: snapshot.generation)
        case .failure(let error): .failed(error.summary)
        }
      outcomes.withLock { $0.append(outcome) }
    }
  }

  // MARK: - Helpers

  /// The repo's phrasebooks as a store holds them: `team/*.yaml` and `shop.yaml`, as text.
  static func shippedPhrasebooks() throws -> StoredPhrasebooks {
    let directory = TestSupport.packageRoot.appendingPathComponent("phrasebooks")
    let team = directory.appendingPathComponent("team")
    let names = try FileManager.default.contentsOfDirectory(atPath: team.path)
      .filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(!names.isEmpty)
    let files = try names.map { name in
      PhrasebookSourceFile(
        name: name, path: StoredPhrasebooks.path(layer: "team", name: name),
        text: try String(contentsOf: team.appendingPathComponent(name), encoding: .utf8))
    }
    let shop = PhrasebookSourceFile(
      name: "shop.yaml", path: StoredPhrasebooks.path(layer: "shop", name: "shop.yaml"),
      text: try String(
        contentsOf: directory.appendingPathComponent("shop.yaml"), encoding: .utf8))
    return StoredPhrasebooks(team: files, shop: shop)
  }

  /// A team file with one reply only the store has.
  static func extraFile(name: String, id: String, code: String, text: String)
    -> PhrasebookSourceFile
  {
    PhrasebookSourceFile(
      name: name, path: StoredPhrasebooks.path(layer: "team", name: name),
      text: """
        group: 测试专用
        entries:
          - id: \(id)
            intent: greeting
            code: \(code)
            text: '\(text)'
            tags: [welcome]

        """)
  }

  static func adding(_ file: PhrasebookSourceFile, to phrasebooks: StoredPhrasebooks)
    -> StoredPhrasebooks
  {
    var phrasebooks = phrasebooks
    phrasebooks.team = (phrasebooks.team + [file]).sorted { $0.name < $1.name }
    return phrasebooks
  }

  static func store() throws -> MemoryStore {
    MemoryStore(stored: try shippedPhrasebooks())
  }

  static func service(on store: MemoryStore, agent: String = "小王") async throws
    -> SuggestService
  {
    try await SuggestService.connecting(
      configuration: SuggestService.Configuration(
        sources: SuggestServiceTests.shippedSources(),
        usageDatabasePath: Scratch.url("store-usage", extension: "sqlite").path, agent: agent,
        clock: { Self.now }, store: store))
  }

  static func body(_ chat: String, _ text: String) -> [UInt8] {
    Array(#"{"chat":"\#(chat)","text":"\#(text)"}"#.utf8)
  }

  static func chatState(_ answer: SuggestAnswer) -> [String: Any] {
    SuggestServiceTests.json(answer)["chat_state"] as? [String: Any] ?? [:]
  }

  static func suggestions(_ answer: SuggestAnswer) -> [[String: Any]] {
    SuggestServiceTests.json(answer)["suggestions"] as? [[String: Any]] ?? []
  }

  /// Waits for `condition`, checking every 10 ms for up to 30 s: reloads compile the shipped
  /// phrasebooks, which takes seconds in a debug build on a loaded machine.
  static func eventually(_ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(30)
    while ContinuousClock.now < deadline {
      if await condition() { return true }
      try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
  }

  // MARK: - Phrasebooks from the store

  @Test func connectingLoadsThePhrasebooksFromTheStore() async throws {
    let shipped = try Self.shippedPhrasebooks()
    var stored = Self.adding(
      Self.extraFile(
        name: "zz_store_only.yaml", id: "test.store-only", code: "zzkd1",
        text: "只有团队库里才有的这一句：紫藤花开了"),
      to: shipped)
    stored.team.removeAll { $0.name == "invoice.yaml" }
    let store = MemoryStore(stored: stored)
    let service = try await Self.service(on: store)

    #expect(service.find("zzkd1").map(\.entry.id) == [ReplyID("test.store-only")])
    #expect(service.find("紫藤花开了").first?.entry.id == ReplyID("test.store-only"))
    #expect(service.snapshot.content.phrasebook.entry(idOrCode: "test.store-only") != nil)
    // invoice.yaml is only in the files now: its replies are not found.
    #expect(service.find("fp1").isEmpty)
    #expect(service.snapshot.content.phrasebook.entry(idOrCode: "invoice.can-issue") == nil)
    // The files have both the other way round.
    let files = try SuggestServiceTests.service()
    let fileEntries = files.snapshot.content.phrasebook.entries
    let invoiceEntries = fileEntries.filter { $0.location.path.hasSuffix("/invoice.yaml") }
    #expect(!invoiceEntries.isEmpty)
    #expect(
      service.snapshot.content.phrasebook.entries.count
        == fileEntries.count - invoiceEntries.count + 1)
    #expect(files.find("fp1").first?.entry.id == ReplyID("invoice.can-issue"))
    #expect(files.find("zzkd1").isEmpty)
    // Diagnostics and locations name the store's files.
    let entry = try #require(service.snapshot.content.phrasebook.entry(idOrCode: "zzkd1"))
    #expect(entry.location.path == "store/team/zz_store_only.yaml")
  }

  // MARK: - Chats shared by two services

  @Test func turnsAlternatingBetweenTwoServicesKeepBargainingRoundsGoing() async throws {
    let store = try Self.store()
    let a = try await Self.service(on: store, agent: "小王")
    let b = try await Self.service(on: store, agent: "小李")
    let turns: [(service: SuggestService, text: String)] = [
      (a, "老板能便宜点吗"), (b, "太贵了，再便宜点"), (a, "还能再便宜点吗"),
    ]
    for (index, turn) in turns.enumerated() {
      let number = index + 1
      let answer = await turn.service.suggest(Self.body("bargain-chat", turn.text))
      #expect(!answer.isFailure)
      let json = SuggestServiceTests.json(answer)
      #expect(json["intent"] as? String == "bargain", "turn \(number)")
      let state = Self.chatState(answer)
      #expect(state["turn"] as? Int == number, "turn \(number)")
      #expect(state["bargaining_round"] as? Int == number, "turn \(number)")
      // Round N is answered with the replies of step N.
      let first = try #require(Self.suggestions(answer).first?["id"] as? String)
      let entry = try #require(turn.service.snapshot.content.phrasebook.entry(idOrCode: first))
      #expect(entry.step == number, "turn \(number): \(first)")

      let stored = try #require(await store.chats["bargain-chat"])
      #expect(stored.version == Int64(number))
      #expect(stored.state.turn == number)
      #expect(stored.state.bargainingRound == number)
    }
    #expect(await store.saveAttempts == 3)
  }

  @Test func aChatSweptFromTheStoreStartsAnew() async throws {
    let store = try Self.store()
    let service = try await Self.service(on: store)
    _ = await service.suggest(Self.body("swept-chat", "老板能便宜点吗"))
    let second = await service.suggest(Self.body("swept-chat", "太贵了，再便宜点"))
    #expect(Self.chatState(second)["bargaining_round"] as? Int == 2)

    // Another server swept the idle chat: this one must not go on from what it holds.
    #expect(try await store.removeChats(idleSince: .distantFuture) == 1)
    let again = await service.suggest(Self.body("swept-chat", "还能再便宜点吗"))
    #expect(Self.chatState(again)["turn"] as? Int == 1)
    #expect(Self.chatState(again)["bargaining_round"] as? Int == 1)
    #expect(await store.chats["swept-chat"]?.version == 1)
  }

  @Test func acceptancesOnTwoServicesAddUp() async throws {
    let store = try Self.store()
    let a = try await Self.service(on: store, agent: "小王")
    let b = try await Self.service(on: store, agent: "小李")
    let first = SuggestServiceTests.json(try await a.accept("yj1", chat: "c1"))
    #expect(first["accepted_count"] as? Int == 1)
    let id = try #require(first["accepted"] as? String)
    let second = SuggestServiceTests.json(try await b.accept("yj1", chat: "c1"))
    #expect(second["accepted"] as? String == id)
    #expect(second["accepted_count"] as? Int == 2)

    let report = try await a.usageReport()
    #expect(report.replies.count == 1)
    #expect(report.replies.first?.id == ReplyID(id))
    #expect(report.replies.first?.accepted == 2)
    #expect(report.replies.first?.code == "yj1")
    #expect(report.agents.map(\.agent) == ["小李", "小王"])
    #expect(report.agents.map(\.accepted) == [1, 1])
    #expect(try await b.usageReport().replies.first?.accepted == 2)
    #expect(await store.acceptances.count == 2)
    // The chat remembers both, as one chat.
    let stored = try #require(await store.chats["c1"])
    #expect(stored.version == 2)
    #expect(stored.state.accepted == [id, id])
  }

  @Test func aConcurrentWriteMakesTheServiceRedoTheTurnOnTheNewerState() async throws {
    let store = try Self.store()
    let service = try await Self.service(on: store)
    let first = await service.suggest(Self.body("raced", "老板能便宜点吗"))
    #expect(Self.chatState(first)["bargaining_round"] as? Int == 1)
    let held = try #require(await store.chats["raced"])
    #expect(held.version == 1)

    // Another server answers turns of the chat between this service's read and its save.
    var newer = held.state
    newer.turn = 9
    newer.bargainingRound = 2
    await store.interfereBeforeNextSave(of: "raced", with: StoredChat(state: newer, version: 5))
    let before = await store.saveAttempts
    let answer = await service.suggest(Self.body("raced", "太贵了，再便宜点"))
    #expect(!answer.isFailure)
    #expect(await store.saveAttempts == before + 2)

    let stored = try #require(await store.chats["raced"])
    #expect(stored.version == 6)
    #expect(stored.state.turn == 10)
    #expect(stored.state.bargainingRound == 3)
    // The answer is the redone turn's.
    let state = Self.chatState(answer)
    #expect(state["turn"] as? Int == 10)
    #expect(state["bargaining_round"] as? Int == 3)
    #expect(service.chats().first { $0.chat == "raced" }?.turn == 10)

    // The next turn goes on from the stored version without a conflict.
    let next = await service.suggest(Self.body("raced", "还能再便宜点吗"))
    #expect(Self.chatState(next)["turn"] as? Int == 11)
    #expect(await store.chats["raced"]?.version == 7)
    #expect(await store.saveAttempts == before + 3)
  }

  // MARK: - A store that does not answer

  @Test func aStoreThatIsDownLeavesTheServiceAnsweringUntilItReconnects() async throws {
    let store = try Self.store()
    let service = try await Self.service(on: store)
    #expect(service.health().status == "ok")
    #expect(service.health().store?.status == "ok")
    #expect(service.health().store?.location == "memory://team")
    // A chat the store has, from before the store went down.
    let known = await service.suggest(Self.body("known-chat", "老板能便宜点吗"))
    #expect(Self.chatState(known)["turn"] as? Int == 1)
    #expect(await store.chats["known-chat"]?.version == 1)
    await store.setDown(true)

    let answer = await service.suggest(Self.body("down-chat", "老板能便宜点吗"))
    #expect(!answer.isFailure)
    #expect(!Self.suggestions(answer).isEmpty)
    #expect(Self.chatState(answer)["turn"] as? Int == 1)
    let health = service.health()
    #expect(health.status == "degraded")
    #expect(health.store?.status == "unreachable")
    #expect(health.store?.error == StoreDown().description)
    #expect(health.store?.since != nil)
    // The chat goes on from what the service holds.
    let second = await service.suggest(Self.body("down-chat", "太贵了，再便宜点"))
    #expect(Self.chatState(second)["turn"] as? Int == 2)
    #expect(Self.chatState(second)["bargaining_round"] as? Int == 2)
    let knownSecond = await service.suggest(Self.body("known-chat", "太贵了，再便宜点"))
    #expect(Self.chatState(knownSecond)["turn"] as? Int == 2)

    do throws(ServiceError) {
      _ = try await service.accept("yj1", chat: "down-chat")
      Issue.record("an acceptance was answered while the store was down")
    } catch {
      // `.unavailable` (HTTP 503), as `accept` documents, rather than `.failed`.
      if case .unavailable(let message) = error {
        #expect(message.contains("memory://team"))
      } else {
        Issue.record("\(error) is not unavailable")
      }
    }
    await #expect(throws: ServiceError.self) { try await service.usageReport() }
    #expect(await store.acceptances.isEmpty)

    // Changed while the store was unreachable, then it is back.
    let meanwhile = Self.extraFile(
      name: "zz_meanwhile.yaml", id: "test.meanwhile", code: "zzmw1", text: "断线时加的一句：银杏叶黄了")
    await store.setPhrasebooks(Self.adding(meanwhile, to: await store.stored))
    await store.setDown(false)
    #expect(service.health().status == "degraded")
    #expect(service.find("zzmw1").isEmpty)

    let reloads = Reloads()
    let following = Task { await service.followStore(onReload: reloads.note) }
    defer { following.cancel() }
    #expect(await Self.eventually { await store.listened == 1 })
    #expect(service.health().status == "ok")
    #expect(service.health().store?.status == "ok")
    #expect(service.health().store?.error == nil)
    // Reconnecting reloads: what changed meanwhile was not heard.
    #expect(reloads.all == [.loaded(generation: 2)])
    #expect(service.snapshot.generation == 2)
    #expect(service.find("zzmw1").first?.entry.id == ReplyID("test.meanwhile"))

    // A change notification reloads.
    let later = Self.extraFile(
      name: "zz_later.yaml", id: "test.later", code: "zzlt1", text: "通知后才有的一句：桂花香了")
    await store.setPhrasebooks(Self.adding(later, to: await store.stored))
    await store.notifyChange()
    #expect(await Self.eventually { reloads.all.count == 2 })
    #expect(reloads.all == [.loaded(generation: 2), .loaded(generation: 3)])
    #expect(service.snapshot.generation == 3)
    #expect(service.find("zzlt1").first?.entry.id == ReplyID("test.later"))
    #expect(service.health().generation == 3)
    #expect(service.health().status == "ok")

    // The store is asked again: turns and acceptances go to it, and the chats go on from
    // the turns answered while it was down.
    let knownThird = await service.suggest(Self.body("known-chat", "还能再便宜点吗"))
    #expect(Self.chatState(knownThird)["turn"] as? Int == 3)
    #expect(await store.chats["known-chat"]?.version == 2)
    #expect(await store.chats["known-chat"]?.state.turn == 3)
    #expect(await store.chats["known-chat"]?.state.bargainingRound == 3)
    let third = await service.suggest(Self.body("down-chat", "还能再便宜点吗"))
    #expect(await store.chats["down-chat"]?.version == 1)
    #expect(Self.chatState(third)["turn"] as? Int == 3)
    #expect(Self.chatState(third)["bargaining_round"] as? Int == 3)
    #expect(await store.chats["down-chat"]?.state.turn == 3)
    let accepted = SuggestServiceTests.json(try await service.accept("yj1", chat: "down-chat"))
    #expect(accepted["accepted_count"] as? Int == 1)

    following.cancel()
    await following.value
  }

  @Test func aReloadOfBrokenStoredPhrasebooksKeepsTheOldContent() async throws {
    let store = try Self.store()
    let service = try await Self.service(on: store)
    let reloads = Reloads()
    let following = Task { await service.followStore(onReload: reloads.note) }
    defer { following.cancel() }
    #expect(await Self.eventually { await store.listened == 1 })
    // Whatever reloading listening does is over by now.
    let before = service.snapshot
    let reloaded = reloads.all.count
    #expect(!reloads.all.contains { if case .failed = $0 { true } else { false } })

    let broken = PhrasebookSourceFile(
      name: "broken.yaml", path: StoredPhrasebooks.path(layer: "team", name: "broken.yaml"),
      text: "group: [\n")
    var stored = Self.adding(broken, to: await store.stored)
    stored.team.append(
      Self.extraFile(name: "zz_new.yaml", id: "test.new", code: "zznw1", text: "坏文件旁边的一句"))
    await store.setPhrasebooks(stored)
    await store.notifyChange()
    #expect(await Self.eventually { reloads.all.count == reloaded + 1 })

    guard case .failed(let summary) = reloads.all.last else {
      Issue.record("the reload of a broken phrasebook did not fail: \(reloads.all)")
      return
    }
    #expect(service.snapshot === before)
    let health = service.health()
    #expect(health.generation == before.generation)
    #expect(health.lastReloadError == summary)
    #expect(health.status == "ok")
    // The old content goes on answering.
    #expect(service.find("zznw1").isEmpty)
    #expect(service.find("yj1").first?.entry.id == ReplyID("bargain.firm-activity-price"))
    let answer = await service.suggest(Self.body("after-broken", "老板能便宜点吗"))
    #expect(!answer.isFailure)
    #expect(!Self.suggestions(answer).isEmpty)

    // A direct refresh names the stored file.
    let error = await #expect(throws: SuggestContentError.self) { try await service.refresh() }
    #expect(
      error?.diagnostics.contains { $0.location?.path == "store/team/broken.yaml" } == true)
    #expect(service.health().lastReloadError == error?.summary)
    #expect(service.snapshot === before)

    // Fixed in the store: the next change reloads and clears the error.
    stored.team.removeAll { $0.name == "broken.yaml" }
    await store.setPhrasebooks(stored)
    await store.notifyChange()
    #expect(await Self.eventually { service.snapshot.generation == before.generation + 1 })
    #expect(service.health().lastReloadError == nil)
    #expect(service.find("zznw1").first?.entry.id == ReplyID("test.new"))

    following.cancel()
    await following.value
  }
}
