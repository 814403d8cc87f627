import Foundation
import HTTPTypes
import HuashuCore
import HuashuServer
import Hummingbird
import HummingbirdTesting
import TestScratch
import Testing

/// The routes that read without a chat (classify, explain, find, usage, chats, corpora, test)
/// and `/healthz`: each answers what the library computes for the same question.
struct ReadRouteTests {
  // MARK: - Classify

  @Test(arguments: ["老板能便宜点吗", "你们少发了一件！！！我要投诉", "在吗", "到四川运费多少"])
  func classifyAnswersTheClassifyCommandsJSON(text: String) async throws {
    let library = try ServerTestSupport.library()
    let expected = try CompactJSONEncoder().encode(
      ClassificationRecord(library.classify(text), ruleSet: library.ruleSet))
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let body = try CompactJSONEncoder().encode(["text": text])
      let answer = try await client.send(.post, "/api/classify", body: body)
      #expect(answer.status == .ok)
      #expect(answer.isJSON)
      #expect(answer.text == expected)
    }
  }

  @Test(arguments: [#"{}"#, #"{"text":"   "}"#, #"{"chat":"c1"}"#])
  func classifyWithoutTextIsRefused(body: String) async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.send(.post, "/api/classify", body: body)
      #expect(answer.status == .badRequest)
      #expect(answer.isJSON)
      #expect(answer.error == #"the body has no "text": {"text":"…"}"#)
    }
  }

  @Test func classifyRefusesBadJSONWithTheCommandLinesReason() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let notJSON = try await client.send(.post, "/api/classify", body: #"{"text":"#)
      #expect(notJSON.status == .badRequest)
      #expect(notJSON.error?.hasPrefix("invalid JSON: ") == true)
      let notObject = try await client.send(.post, "/api/classify", body: "老板")
      #expect(notObject.status == .badRequest)
      #expect(notObject.error == SuggestLine.notAnObject)
      let wrongType = try await client.send(.post, "/api/classify", body: #"{"text":5}"#)
      #expect(wrongType.status == .badRequest)
      #expect(wrongType.error?.hasPrefix("invalid JSON: ") == true)
    }
  }

  @Test func classifyReadsAPrettyPrintedBody() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.send(
        .post, "/api/classify", body: "{\n  \"text\": \"老板能便宜点吗\"\n}\n")
      #expect(answer.status == .ok)
      #expect(answer.json["intent"] as? String == "bargain")
    }
  }

  // MARK: - Explain

  struct Explain: Decodable {
    struct Match: Decodable {
      var start: Int
      var end: Int
      var text: String
      var source: String
      var kind: String
    }

    struct Rule: Decodable {
      var id: String
      var file: String
      var line: Int
      var evidence: Double
      var matches: [Match]
    }

    struct Emotion: Decodable {
      var level: String
      var cues: [Rule]
    }

    struct Suggestion: Decodable {
      struct Parts: Decodable {
        var intent: Double
        var fit: Double
        var layer: Double
        var usage: Double
        var accepted: Int
      }

      var id: String
      var score: Double
      var parts: Parts
    }

    var text: String
    var intent: String
    var rules: [Rule]
    var emotion: Emotion
    var suggestions: [Suggestion]?
  }

  @Test func explainTracesTheRulesTheEmotionAndTheScores() async throws {
    let text = "你们少发了一件！！！我要投诉"
    let library = try ServerTestSupport.library()
    let classification = library.classify(text)
    let record = ExplainRecord(
      classification, ruleSet: library.ruleSet,
      suggester: Suggester(phrasebook: library.phrasebook),
      profile: library.profile)
    let expected = try CompactJSONEncoder().encode(record)
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.send(.post, "/api/explain", body: #"{"text":"\#(text)"}"#)
      #expect(answer.status == .ok)
      #expect(answer.text == expected)
      let explain = try answer.decode(Explain.self)
      #expect(explain.text == text)
      #expect(explain.intent == classification.intent.rawValue)
      #expect(explain.intent == "missing_item")
      #expect(explain.emotion.level == "angry")
      #expect(!explain.emotion.cues.isEmpty)
      let fired = try #require(explain.rules.first)
      #expect(fired.file == record.rules.first?.file)
      #expect(fired.file.hasSuffix("rules/missing_item.yaml"))
      #expect(fired.id == classification.firedRules.first?.id.rawValue)
      // Spans index the text by Characters.
      let characters = Array(text)
      for span in (explain.rules + explain.emotion.cues).flatMap(\.matches) {
        #expect(span.start >= 0 && span.start < span.end && span.end <= characters.count)
        #expect(String(characters[span.start..<span.end]) == span.text, "\(span)")
      }
      #expect(fired.matches.contains { $0.text == "少发" })
      let suggestions = try #require(explain.suggestions)
      #expect(!suggestions.isEmpty)
      for suggestion in suggestions {
        let parts = suggestion.parts
        let product = parts.intent * parts.fit * parts.layer * parts.usage
        #expect(abs(product - suggestion.score) < 0.01, "\(suggestion.id)")
        #expect(parts.accepted == 0)
      }
    }
  }

  @Test func explainWithoutTextIsRefused() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.send(.post, "/api/explain", body: #"{"text":""}"#)
      #expect(answer.status == .badRequest)
      #expect(answer.error == #"the body has no "text": {"text":"…"}"#)
    }
  }

  // MARK: - Find

  @Test(arguments: ["yf", "hdfk", "yj1", "运费"])
  func findAnswersWhatTheFinderFinds(query: String) async throws {
    let library = try ServerTestSupport.library()
    let expected = ReplyFinder(phrasebook: library.phrasebook).find(query)
    #expect(!expected.isEmpty)
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let escaped = try #require(
        query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed))
      let answer = try await client.send(.get, "/api/find?q=\(escaped)")
      #expect(answer.status == .ok)
      #expect(answer.text == (try CompactJSONEncoder().encode(["matches": expected])))
      let matches = try #require(answer.json["matches"] as? [[String: Any]])
      #expect(matches.map { $0["id"] as? String } == expected.map(\.entry.id.rawValue))
      #expect(matches.map { $0["code"] as? String } == expected.map(\.entry.code))
    }
  }

  @Test func findKeepsToTheLimit() async throws {
    let library = try ServerTestSupport.library()
    let expected = ReplyFinder(phrasebook: library.phrasebook).find("yf", limit: 2)
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.send(.get, "/api/find?q=yf&limit=2")
      #expect(answer.status == .ok)
      let matches = try #require(answer.json["matches"] as? [[String: Any]])
      #expect(matches.count == 2)
      #expect(matches.map { $0["id"] as? String } == expected.map(\.entry.id.rawValue))
    }
  }

  @Test(arguments: ["/api/find", "/api/find?q=", "/api/find?q=%20%20"])
  func findWithAnEmptyQueryIsRefused(uri: String) async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.send(.get, uri)
      #expect(answer.status == .badRequest)
      #expect(answer.isJSON)
      #expect(answer.error?.contains("empty") == true)
    }
  }

  @Test(arguments: ["abc", "0", "101", "-1", ""])
  func findWithABadLimitIsRefused(limit: String) async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.send(.get, "/api/find?q=yf&limit=\(limit)")
      #expect(answer.status == .badRequest)
      #expect(answer.error == "limit must be a number from 1 to 100")
    }
  }

  // MARK: - Chats

  struct Chats: Decodable {
    struct Chat: Decodable {
      var chat: String
      var turn: Int
      var topic: String?
      var emotion: String?
      var updatedAt: String

      enum CodingKeys: String, CodingKey {
        case chat, turn, topic, emotion
        case updatedAt = "updated_at"
      }
    }

    var chats: [Chat]
  }

  @Test func chatsListsTheChatsMostRecentFirst() async throws {
    let clock = TestClock()
    let app = ServerTestSupport.app(try ServerTestSupport.service(clock: clock))
    try await app.test(.router) { client in
      let empty = try await client.send(.get, "/api/chats").decode(Chats.self)
      #expect(empty.chats.isEmpty)
      _ = try await client.suggest(#"{"chat":"c1","text":"老板能便宜点吗"}"#)
      clock.advance(by: 60)
      _ = try await client.suggest(#"{"chat":"c2","text":"你们少发了一件！！！我要投诉"}"#)
      clock.advance(by: 60)
      _ = try await client.suggest(#"{"chat":"c1","text":"太贵了，再便宜点"}"#)
      let answer = try await client.send(.get, "/api/chats")
      #expect(answer.status == .ok)
      let chats = try answer.decode(Chats.self).chats
      #expect(chats.map(\.chat) == ["c1", "c2"])
      #expect(chats.map(\.turn) == [2, 1])
      #expect(chats.map(\.topic) == ["bargain", "missing_item"])
      #expect(chats.last?.emotion == "angry")
      #expect(
        chats.first?.updatedAt
          == ServerTestSupport.now.addingTimeInterval(120).formatted(Date.ISO8601FormatStyle()))
    }
  }

  @Test func chatsLeavesOutIdleChats() async throws {
    let clock = TestClock()
    let app = ServerTestSupport.app(try ServerTestSupport.service(clock: clock))
    try await app.test(.router) { client in
      _ = try await client.suggest(#"{"chat":"old","text":"老板能便宜点吗"}"#)
      clock.advance(by: 25 * 3600)
      _ = try await client.suggest(#"{"chat":"new","text":"在吗"}"#)
      let chats = try await client.send(.get, "/api/chats").decode(Chats.self).chats
      #expect(chats.map(\.chat) == ["new"])
    }
  }

  // MARK: - Corpora and test

  /// A small labelled corpus, one line of it labelled wrongly on purpose.
  static func fixtureCorpus() throws -> URL {
    let url = Scratch.url("fixture-corpus", extension: "jsonl")
    let lines = [
      #"{"text":"老板能便宜点吗","intent":"bargain"}"#,
      #"{"text":"太贵了，再便宜点","intent":"bargain"}"#,
      #"{"text":"到四川运费多少","intent":"shipping_fee"}"#,
      #"{"text":"你们少发了一件！！！我要投诉","intent":"missing_item","emotion":"angry"}"#,
      "",
      #"{"text":"在吗","intent":"refund_return"}"#,
    ]
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  struct Corpora: Decodable {
    struct Corpus: Decodable, Equatable {
      var name: String
      var path: String
    }

    var corpora: [Corpus]
  }

  @Test func corporaListsTheConfiguredCorpora() async throws {
    let first = try Self.fixtureCorpus()
    let second = try Self.fixtureCorpus()
    let app = ServerTestSupport.app(
      try ServerTestSupport.service(corpora: [first.path, second.path]))
    try await app.test(.router) { client in
      let answer = try await client.send(.get, "/api/corpora")
      #expect(answer.status == .ok)
      #expect(
        try answer.decode(Corpora.self).corpora == [
          .init(name: first.lastPathComponent, path: first.path),
          .init(name: second.lastPathComponent, path: second.path),
        ])
    }
    let none = ServerTestSupport.app(try ServerTestSupport.shared())
    try await none.test(.router) { client in
      let answer = try await client.send(.get, "/api/corpora")
      #expect(try answer.decode(Corpora.self).corpora.isEmpty)
    }
  }

  struct Report: Decodable {
    struct Examples: Decodable {
      var checked: Int
      var failures: [[String: String]]
    }

    struct Corpus: Decodable {
      struct Metrics: Decodable {
        var messages: Int
        var accuracy: Double
        var macroF1: Double

        enum CodingKeys: String, CodingKey {
          case messages, accuracy
          case macroF1 = "macro_f1"
        }
      }

      var file: String
      var report: Metrics
    }

    var examples: Examples
    var corpora: [Corpus]
    var passed: Bool
  }

  @Test(arguments: ["{}", ""])
  func testRunsEveryRuleExample(body: String) async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.send(.post, "/api/test", body: body)
      #expect(answer.status == .ok)
      let report = try answer.decode(Report.self)
      #expect(report.examples.checked > 1000)
      #expect(report.examples.failures.isEmpty)
      #expect(report.corpora.isEmpty)
      #expect(report.passed)
    }
  }

  @Test func testRunsACorpusAsTheEvaluationMeasuresIt() async throws {
    let corpus = try Self.fixtureCorpus()
    let library = try ServerTestSupport.library()
    let expected = CorpusEvaluation(matcher: library.matcher)
      .run(try CorpusFile.read(corpus.path), worstLimit: 10)
    #expect(expected.messages == 5)
    #expect(expected.accuracy < 1)
    let app = ServerTestSupport.app(try ServerTestSupport.service(corpora: [corpus.path]))
    try await app.test(.router) { client in
      for name in [corpus.lastPathComponent, corpus.path] {
        let answer = try await client.send(
          .post, "/api/test", body: try CompactJSONEncoder().encode(["corpus": name]))
        #expect(answer.status == .ok)
        let report = try answer.decode(Report.self)
        let run = try #require(report.corpora.first)
        #expect(report.corpora.count == 1)
        #expect(run.file == corpus.lastPathComponent)
        #expect(run.report.messages == expected.messages)
        #expect(run.report.accuracy == expected.accuracy)
        #expect(run.report.macroF1 == expected.macroF1)
        let corpusJSON = try #require(
          (answer.json["corpora"] as? [[String: Any]])?.first?["report"])
        let expectedJSON = try JSONSerialization.jsonObject(
          with: Data(try CompactJSONEncoder().encode(expected).utf8))
        #expect(
          NSDictionary(dictionary: corpusJSON as? [String: Any] ?? [:])
            == NSDictionary(dictionary: expectedJSON as? [String: Any] ?? ["": ""]))
      }
    }
  }

  @Test func testOfAnUnknownCorpusIsNotFound() async throws {
    let corpus = try Self.fixtureCorpus()
    let app = ServerTestSupport.app(try ServerTestSupport.service(corpora: [corpus.path]))
    try await app.test(.router) { client in
      let answer = try await client.send(.post, "/api/test", body: #"{"corpus":"nope.jsonl"}"#)
      #expect(answer.status == .notFound)
      #expect(answer.isJSON)
      #expect(answer.error?.contains("nope.jsonl") == true)
      #expect(answer.error?.contains(corpus.lastPathComponent) == true)
    }
  }

  @Test func testOfACorpusThatCannotBeReadFails() async throws {
    let missing = Scratch.url("missing-corpus", extension: "jsonl")
    let app = ServerTestSupport.app(try ServerTestSupport.service(corpora: [missing.path]))
    try await app.test(.router) { client in
      let answer = try await client.send(
        .post, "/api/test", body: #"{"corpus":"\#(missing.lastPathComponent)"}"#)
      #expect(answer.status == .internalServerError)
      #expect(answer.error?.contains("cannot read the corpus") == true)
    }
  }

  // MARK: - Health

  @Test func healthzSaysWhatAnswers() async throws {
    let library = try ServerTestSupport.library()
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let answer = try await client.send(.get, "/healthz")
      #expect(answer.status == .ok)
      #expect(answer.isJSON)
      let health = try answer.decode(Health.self)
      #expect(health.status == "ok")
      #expect(health.generation == 1)
      #expect(health.rules == library.ruleSet.rules.count)
      #expect(health.rules > 0)
      #expect(health.replies == library.phrasebook.entries.count)
      #expect(health.replies > 0)
      #expect(health.chats == 0)
      #expect(health.lastReloadError == nil)
      #expect(answer.json["loaded_at"] as? String == "2027-01-15T08:00:00Z")
      _ = try await client.suggest(#"{"chat":"c1","text":"在吗"}"#)
      #expect(try await client.send(.get, "/healthz").decode(Health.self).chats == 1)
    }
  }
}
