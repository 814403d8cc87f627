import Foundation
import HTTPTypes
import HuashuCore
import HuashuServer
import Hummingbird
import HummingbirdTesting
import TestScratch
import Testing

/// `POST /api/reload`: new content answers from the next request on; content with errors is
/// refused and the old content goes on answering; chats survive.
struct ReloadTests {
  struct Reloaded: Decodable {
    var reloaded: Bool
    var generation: Int
    var rules: Int
    var replies: Int
  }

  struct Refused: Decodable {
    var error: String
    var diagnostics: [String]
  }

  /// A reply appended to the copy's greeting phrasebook, with a code no shipped reply has.
  static let addedReply = """
      - id: greeting.reload-test
        intent: greeting
        code: zqx9
        text: '重新加载以后才有的话术'

    """

  @Test func aReloadAnswersWithTheNewGeneration() async throws {
    let (_, sources) = try ServerTestSupport.copyOfShippedContent()
    let library = try ServerTestSupport.library(sources: sources)
    let app = ServerTestSupport.app(try ServerTestSupport.service(sources: sources))
    try await app.test(.router) { client in
      let answer = try await client.send(.post, "/api/reload")
      #expect(answer.status == .ok)
      #expect(answer.isJSON)
      let reloaded = try answer.decode(Reloaded.self)
      #expect(reloaded.reloaded)
      #expect(reloaded.generation == 2)
      #expect(reloaded.rules == library.ruleSet.rules.count)
      #expect(reloaded.replies == library.phrasebook.entries.count)
      let health = try await client.send(.get, "/healthz").decode(Health.self)
      #expect(health.generation == 2)
      #expect(try await client.send(.post, "/api/reload").decode(Reloaded.self).generation == 3)
    }
  }

  @Test func aBrokenRuleFileIsRefusedAndTheOldRulesGoOnAnswering() async throws {
    let (_, sources) = try ServerTestSupport.copyOfShippedContent()
    let ruleFile = URL(fileURLWithPath: sources.rulesDirectory)
      .appendingPathComponent("greeting.yaml")
    let original = try Data(contentsOf: ruleFile)
    let app = ServerTestSupport.app(try ServerTestSupport.service(sources: sources))
    try await app.test(.router) { client in
      let classifyBefore = try await client.send(.post, "/api/classify", body: #"{"text":"在吗"}"#)
      let before = try await client.suggest(#"{"chat":"c1","text":"在吗"}"#)
        .decode(SuggestReply.self)
      #expect(before.intent == "greeting")

      try Data("intent: [greeting\nrules: {{{\n".utf8).write(to: ruleFile)
      let refused = try await client.send(.post, "/api/reload")
      #expect(refused.status == .unprocessableContent)
      #expect(refused.isJSON)
      let body = try refused.decode(Refused.self)
      #expect(body.error.contains("old rules and phrasebooks go on answering"))
      #expect(!body.diagnostics.isEmpty)
      #expect(body.diagnostics.contains { $0.contains("greeting.yaml") })

      let classifyAfter = try await client.send(.post, "/api/classify", body: #"{"text":"在吗"}"#)
      #expect(classifyAfter.text == classifyBefore.text)
      let after = try await client.suggest(#"{"chat":"c2","text":"在吗"}"#)
        .decode(SuggestReply.self)
      #expect(after.intent == "greeting")
      #expect(after.suggestions?.map(\.id) == before.suggestions?.map(\.id))
      let again = try await client.suggest(#"{"chat":"c1","text":"在吗"}"#)
        .decode(SuggestReply.self)
      #expect(again.chatState?.turn == 2)
      let health = try await client.send(.get, "/healthz").decode(Health.self)
      #expect(health.generation == 1)
      let reason = try #require(health.lastReloadError)
      #expect(reason.contains("error"))

      try original.write(to: ruleFile)
      let fixed = try await client.send(.post, "/api/reload")
      #expect(fixed.status == .ok)
      #expect(try fixed.decode(Reloaded.self).generation == 2)
      let healed = try await client.send(.get, "/healthz")
      #expect(try healed.decode(Health.self).lastReloadError == nil)
      #expect(!healed.text.contains("last_reload_error"))
    }
  }

  @Test func aBrokenPhrasebookIsRefusedWithItsDiagnostics() async throws {
    let (_, sources) = try ServerTestSupport.copyOfShippedContent()
    let file = URL(fileURLWithPath: sources.phrasebookDirectory)
      .appendingPathComponent("team/bargain.yaml")
    let app = ServerTestSupport.app(try ServerTestSupport.service(sources: sources))
    try await app.test(.router) { client in
      try Data("group: 议价\nentries:\n  - id: bargain.x\n    intent: no-such-intent\n".utf8)
        .write(to: file)
      let refused = try await client.send(.post, "/api/reload")
      #expect(refused.status == .unprocessableContent)
      let body = try refused.decode(Refused.self)
      #expect(body.diagnostics.contains { $0.contains("bargain.yaml") })
      let find = try await client.send(.get, "/api/find?q=yj1").json["matches"] as? [Any]
      #expect(find?.isEmpty == false)
    }
  }

  @Test func aReplyAddedToAPhrasebookIsFoundAfterTheReloadOnly() async throws {
    let (_, sources) = try ServerTestSupport.copyOfShippedContent()
    let file = URL(fileURLWithPath: sources.phrasebookDirectory)
      .appendingPathComponent("team/greeting.yaml")
    let app = ServerTestSupport.app(try ServerTestSupport.service(sources: sources))
    try await app.test(.router) { client in
      var text = try String(contentsOf: file, encoding: .utf8)
      if !text.hasSuffix("\n") { text += "\n" }
      try (text + Self.addedReply).write(to: file, atomically: true, encoding: .utf8)
      let before = try await client.send(.get, "/api/find?q=zqx9")
      #expect(before.status == .ok)
      let notYet = try #require(before.json["matches"] as? [[String: Any]])
      #expect(!notYet.contains { $0["code"] as? String == "zqx9" })
      let reloaded = try await client.send(.post, "/api/reload")
      #expect(reloaded.status == .ok)
      let after = try await client.send(.get, "/api/find?q=zqx9")
      let matches = try #require(after.json["matches"] as? [[String: Any]])
      let first = try #require(matches.first)
      #expect(first["code"] as? String == "zqx9")
      #expect(first["id"] as? String == "greeting.reload-test")
      #expect(first["text"] as? String == "重新加载以后才有的话术")
      let accept = try await client.send(.post, "/api/accept", body: #"{"code":"zqx9"}"#)
      #expect(accept.status == .ok)
      #expect(accept.json["accepted"] as? String == "greeting.reload-test")
    }
  }

  @Test func chatsGoOnAcrossAReload() async throws {
    let (_, sources) = try ServerTestSupport.copyOfShippedContent()
    let app = ServerTestSupport.app(try ServerTestSupport.service(sources: sources))
    try await app.test(.router) { client in
      let first = try await client.suggest(#"{"chat":"c1","text":"老板能便宜点吗"}"#)
        .decode(SuggestReply.self)
      #expect(first.chatState?.turn == 1)
      #expect(try await client.send(.post, "/api/reload").status == .ok)
      let second = try await client.suggest(#"{"chat":"c1","text":"太贵了，再便宜点"}"#)
        .decode(SuggestReply.self)
      #expect(second.chatState?.turn == 2)
      #expect(second.chatState?.bargainingRound == 2)
      let chats = try #require(
        try await client.send(.get, "/api/chats").json["chats"] as? [[String: Any]])
      #expect(chats.first?["turn"] as? Int == 2)
    }
  }

  /// The rule files changed: the next message is classified with the new rules.
  @Test func changedRulesAnswerAfterTheReload() async throws {
    let (_, sources) = try ServerTestSupport.copyOfShippedContent()
    let ruleFile = URL(fileURLWithPath: sources.rulesDirectory)
      .appendingPathComponent("greeting.yaml")
    let app = ServerTestSupport.app(try ServerTestSupport.service(sources: sources))
    try await app.test(.router) { client in
      let text = #"{"text":"蓝色鲸鱼暗号"}"#
      let before = try await client.send(.post, "/api/classify", body: text)
      #expect(before.json["intent"] as? String != "greeting")
      var rules = try String(contentsOf: ruleFile, encoding: .utf8)
      if !rules.hasSuffix("\n") { rules += "\n" }
      rules += """
          - id: greeting.reload-test
            any: [蓝色鲸鱼暗号]
            weight: 3
            examples:
              match: [蓝色鲸鱼暗号]

        """
      try rules.write(to: ruleFile, atomically: true, encoding: .utf8)
      #expect(try await client.send(.post, "/api/reload").status == .ok)
      let after = try await client.send(.post, "/api/classify", body: text)
      #expect(after.json["intent"] as? String == "greeting")
    }
  }
}
