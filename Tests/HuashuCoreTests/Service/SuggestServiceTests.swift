import Foundation
import Synchronization
import TestScratch
import Testing

@testable import HuashuCore

/// The service behind `huashu serve`: many threads at once answer as one suggest stream, a
/// failed reload leaves the old content answering, and request bodies are read as lines.
struct SuggestServiceTests {
  static let now = Date(timeIntervalSince1970: 1_800_000_000)

  /// A clock the tests move.
  final class Clock: Sendable {
    private let time = Mutex(SuggestServiceTests.now)
    var now: Date { time.withLock { $0 } }
    func advance(by seconds: TimeInterval) { time.withLock { $0 += seconds } }
  }

  static func shippedSources() -> SuggestContent.Sources {
    SuggestContent.Sources(
      rulesDirectory: TestSupport.packageRoot.appendingPathComponent("rules").path,
      phrasebookDirectory: TestSupport.packageRoot.appendingPathComponent("phrasebooks").path,
      personalDirectory: Scratch.url("no-personal").path)
  }

  /// The shipped rules and phrasebooks copied to a scratch directory, to change them.
  static func copiedSources() throws -> SuggestContent.Sources {
    let root = Scratch.url("service-content")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let shipped = shippedSources()
    let rules = root.appendingPathComponent("rules").path
    let phrasebooks = root.appendingPathComponent("phrasebooks").path
    try FileManager.default.copyItem(atPath: shipped.rulesDirectory, toPath: rules)
    try FileManager.default.copyItem(atPath: shipped.phrasebookDirectory, toPath: phrasebooks)
    return SuggestContent.Sources(
      rulesDirectory: rules, phrasebookDirectory: phrasebooks,
      personalDirectory: root.appendingPathComponent("personal").path)
  }

  static func service(
    _ sources: SuggestContent.Sources = shippedSources(), clock: Clock = Clock()
  ) throws -> SuggestService {
    try SuggestService(
      configuration: SuggestService.Configuration(
        sources: sources, usageDatabasePath: Scratch.url("usage", extension: "sqlite").path,
        clock: { clock.now }))
  }

  static func json(_ answer: SuggestAnswer) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(answer.json))) as? [String: Any] ?? [:]
  }

  static func turn(_ answer: SuggestAnswer) -> Int? {
    (json(answer)["chat_state"] as? [String: Any])?["turn"] as? Int
  }

  // MARK: - Suggest

  @Test func answersAsASuggestSessionAnswersLineOne() throws {
    let sources = Self.shippedSources()
    let content = try SuggestContent.load(sources)
    var session = SuggestSession(
      matcher: Matcher(ruleSet: content.ruleSet),
      coach: ConversationCoach(
        suggester: Suggester(phrasebook: content.phrasebook), scripts: content.scripts),
      profile: content.profile,
      usageDatabasePath: Scratch.url("session-usage", extension: "sqlite").path,
      clock: { Self.now })
    let service = try Self.service(sources)
    let lines = [
      #"{"chat":"c1","text":"老板能便宜点吗"}"#, #"{"chat":"c1","text":"太贵了，再便宜点"}"#,
      #"{"chat":"c2","text":"到四川运费多少","region":"四川"}"#, #"{"chat":"c2","text":"#,
      #"{"chat":"c2"}"#, #"{"chat":"c3","accepted":"yj1"}"#,
    ]
    for line in lines {
      let answer = session.answer(LineReader.Line(number: 1, bytes: Array(line.utf8)))
      let expected = SuggestionRecord.jsonLine(
        line: 1, answer: answer, ruleSet: content.ruleSet)
      let served = service.suggest(Array(line.utf8))
      #expect(
        String(decoding: served.json, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
      let failed = if case .failure = answer { true } else { false }
      #expect(served.isFailure == failed, "\(line)")
    }
  }

  @Test func aBodyThatIsNotAnObjectIsAFailure() throws {
    let service = try Self.service()
    let answer = service.suggest(Array("老板能便宜点吗".utf8))
    #expect(answer.isFailure)
    #expect(Self.json(answer)["error"] as? String == SuggestLine.notAnObject)
    #expect(Self.json(answer)["line"] as? Int == 1)
    #expect(service.health().chats == 0)
  }

  /// 200 messages over 20 chats from many tasks at once: each chat has turns 1…10, none lost
  /// and none repeated.
  @Test func concurrentTurnsOfAChatAreNeitherLostNorRepeated() async throws {
    let service = try Self.service()
    let texts = ["在吗", "老板能便宜点吗", "什么时候发货", "到四川运费多少", "太贵了，再便宜点"]
    let turns = await withTaskGroup(of: (String, Int?).self) { group in
      for index in 0..<200 {
        let chat = "chat-\(index % 20)"
        let line = #"{"chat":"\#(chat)","text":"\#(texts[index % texts.count])"}"#
        group.addTask { (chat, Self.turn(service.suggest(Array(line.utf8)))) }
      }
      var turns: [String: [Int]] = [:]
      for await (chat, turn) in group { turns[chat, default: []].append(turn ?? -1) }
      return turns
    }
    #expect(turns.count == 20)
    for (chat, numbers) in turns {
      #expect(numbers.sorted() == Array(1...10), "\(chat)")
    }
    #expect(service.chats().map(\.turn) == Array(repeating: 10, count: 20))
    #expect(service.health().chats == 20)
  }

  /// Reloads while turns are answered: every turn is counted once, whichever content
  /// answered it.
  @Test func turnsAnsweredDuringReloadsAreNeitherLostNorRepeated() async throws {
    let service = try Self.service()
    let turns = await withTaskGroup(of: (String, Int?).self) { group in
      for index in 0..<120 {
        let chat = "chat-\(index % 6)"
        let line = #"{"chat":"\#(chat)","text":"老板能便宜点吗"}"#
        group.addTask { (chat, Self.turn(service.suggest(Array(line.utf8)))) }
        if index % 40 == 0 {
          group.addTask {
            _ = try? service.reload()
            return ("reload", nil)
          }
        }
      }
      var turns: [String: [Int]] = [:]
      for await (chat, turn) in group where chat != "reload" {
        turns[chat, default: []].append(turn ?? -1)
      }
      return turns
    }
    for (chat, numbers) in turns {
      #expect(numbers.sorted() == Array(1...20), "\(chat)")
    }
    #expect(service.snapshot.generation == 4)
  }

  @Test func anIdleChatStartsAgain() throws {
    let clock = Clock()
    let service = try Self.service(clock: clock)
    let line = Array(#"{"chat":"c1","text":"老板能便宜点吗"}"#.utf8)
    #expect(Self.turn(service.suggest(line)) == 1)
    clock.advance(by: 24 * 3600)
    #expect(Self.turn(service.suggest(line)) == 2)
    clock.advance(by: 24 * 3600 + 1)
    #expect(Self.turn(service.suggest(line)) == 1)
  }

  // MARK: - Accept

  @Test func acceptCountsAKnownReplyAndRefusesAnUnknownOne() throws {
    let service = try Self.service()
    let first = Self.json(try service.accept("yj1", chat: "c1"))
    #expect(first["accepted_count"] as? Int == 1)
    let id = try #require(first["accepted"] as? String)
    #expect(id != "yj1")  // the code names the reply; the answer gives its id
    let second = Self.json(try service.accept(id, chat: "c1"))
    #expect(second["accepted_count"] as? Int == 2)
    #expect(service.acceptedCounts[ReplyID(id)] == 2)
    #expect(try service.usageReport().replies.first?.accepted == 2)
    #expect(throws: ServiceError.self) { try service.accept("no-such-reply", chat: "c1") }
    do {
      _ = try service.accept("no-such-reply", chat: "c1")
    } catch {
      guard case .notFound(let message) = error else {
        Issue.record("\(error) is not notFound")
        return
      }
      #expect(message.contains("no-such-reply"))
    }
  }

  // MARK: - Reload

  @Test func aFailedReloadKeepsTheOldSnapshot() throws {
    let sources = try Self.copiedSources()
    let service = try Self.service(sources)
    let before = service.snapshot
    #expect(before.generation == 1)
    let ruleFile = URL(fileURLWithPath: sources.rulesDirectory)
      .appendingPathComponent("bargain.yaml")
    let original = try Data(contentsOf: ruleFile)
    try Data("intent: bargain\nrules:\n  - id: bargain.broken\n    any: [便宜\n".utf8)
      .write(to: ruleFile)
    let error = #expect(throws: SuggestContentError.self) { try service.reload() }
    #expect(error?.diagnostics.isEmpty == false)
    #expect(error?.diagnostics.contains { $0.severity == .error } == true)
    #expect(
      error?.diagnostics.contains { $0.location?.path.hasSuffix("bargain.yaml") == true } == true)
    #expect(service.snapshot === before)
    #expect(service.snapshot.generation == 1)
    #expect(service.health().generation == 1)
    #expect(service.health().lastReloadError == error?.summary)
    #expect(service.classify("老板能便宜点吗").intent == "bargain")

    try original.write(to: ruleFile)
    let after = try service.reload()
    #expect(after.generation == 2)
    #expect(service.snapshot === after)
    #expect(service.health().lastReloadError == nil)
  }

  @Test func brokenContentAtStartIsRefused() throws {
    let sources = try Self.copiedSources()
    try Data("group: [\n".utf8).write(
      to: URL(fileURLWithPath: sources.phrasebookDirectory)
        .appendingPathComponent("team/closing.yaml"))
    let error = #expect(throws: SuggestContentError.self) { try Self.service(sources) }
    #expect(error?.summary.contains("phrasebooks") == true)
  }

  @Test func aMissingRulesDirectoryIsAContentError() throws {
    var sources = Self.shippedSources()
    sources.rulesDirectory = Scratch.url("no-rules").path
    #expect(throws: SuggestContentError.self) { try Self.service(sources) }
  }

  // MARK: - Bodies as lines

  @Test func aBodyBecomesOneLineWithSpacesForLineBreaks() throws {
    let body = Array("{\r\n  \"chat\": \"c1\",\n  \"text\": \"老板\"\n}\n".utf8)
    let line = try SuggestLine.line(fromBody: body).get()
    #expect(line.number == 1)
    #expect(!line.bytes.contains(0x0A))
    #expect(!line.bytes.contains(0x0D))
    #expect(line.bytes == body.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 })
    #expect(line.bytes.count == body.count)
    #expect(!line.isOverlong)
    guard case .message(let request, let text) = SuggestLine(parsing: line) else {
      Issue.record("not read as a message")
      return
    }
    #expect(request.chat == "c1")
    #expect(text == "老板")
  }

  @Test(arguments: ["老板", "[1]", "", "   ", "\n", "\"text\"", "42", "null", "}{"])
  func aBodyThatIsNotAnObjectIsNoLine(body: String) {
    guard case .failure(let problem) = SuggestLine.line(fromBody: Array(body.utf8)) else {
      Issue.record("read as a line")
      return
    }
    #expect(problem.message == SuggestLine.notAnObject)
  }

  @Test func aLineBreakInsideAStringIsInvalidJSON() {
    let body = Array("{\"text\":\"老板\n能便宜点吗\",\n\"chat\":\"a\\\"b\"}".utf8)
    guard case .failure(let problem) = SuggestLine.line(fromBody: body) else {
      Issue.record("read as a line")
      return
    }
    #expect(problem.message.hasPrefix("invalid JSON: a line break inside a string"))
    // An escaped quote does not end the string; a break after the string is fine.
    let fine = Array("{\"chat\":\"a\\\"b\",\n\"text\":\"x\"}".utf8)
    #expect((try? SuggestLine.line(fromBody: fine).get()) != nil)
  }

  @Test func aBodyStartingWithBlanksIsALine() {
    #expect((try? SuggestLine.line(fromBody: Array(" \t\n{}".utf8)).get()) != nil)
  }

  @Test func anOverlongBodyIsMarked() throws {
    let body = Array(("{\"text\":\"" + String(repeating: "a", count: 70_000) + "\"}").utf8)
    let line = try SuggestLine.line(fromBody: body).get()
    #expect(line.isOverlong)
    #expect(line.length == body.count)
    guard case .failure(let message) = SuggestLine(parsing: line) else {
      Issue.record("an overlong body was read")
      return
    }
    #expect(message == LineReader.overlongProblem(length: body.count))
  }

  // MARK: - Reading

  @Test func classifyFindAndChatsAnswerWithTheSnapshot() throws {
    let clock = Clock()
    let service = try Self.service(clock: clock)
    let snapshot = service.snapshot
    var scratch = MatchScratch()
    let expected = ClassificationRecord(
      snapshot.matcher.classify("到四川运费多少", using: &scratch),
      ruleSet: snapshot.content.ruleSet)
    #expect(service.classify("到四川运费多少") == expected)
    #expect(
      service.find("yf").map(\.entry.id)
        == ReplyFinder(phrasebook: snapshot.content.phrasebook)
        .find("yf").map(\.entry.id))
    _ = service.suggest(Array(#"{"chat":"a","text":"在吗"}"#.utf8))
    clock.advance(by: 10)
    _ = service.suggest(Array(#"{"chat":"b","text":"在吗"}"#.utf8))
    #expect(service.chats().map(\.chat) == ["b", "a"])
  }

  @Test func corporaAreNamedByTheirFileNames() throws {
    let service = try SuggestService(
      configuration: SuggestService.Configuration(
        sources: Self.shippedSources(),
        usageDatabasePath: Scratch.url("usage", extension: "sqlite").path,
        corpora: ["/data/a/labelled.jsonl"]))
    #expect(service.corpora.map(\.name) == ["labelled.jsonl"])
    #expect(service.corpora.map(\.path) == ["/data/a/labelled.jsonl"])
    #expect(throws: ServiceError.self) { try service.test(corpus: "other.jsonl") }
  }
}
