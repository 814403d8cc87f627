import Foundation
import HTTPTypes
import HuashuCore
import HuashuServer
import Hummingbird
import HummingbirdTesting
import TestScratch
import Testing

/// `POST /api/accept` and `GET /api/usage`: an accepted reply is counted, shows in the usage
/// report and ranks higher from then on.
struct AcceptRouteTests {
  struct Usage: Decodable {
    struct Row: Decodable {
      var code: String?
      var id: String
      var group: String?
      var accepted: Int
      var lastAccepted: String?

      enum CodingKeys: String, CodingKey {
        case code, id, group, accepted
        case lastAccepted = "last_accepted"
      }
    }

    var since: String?
    var accepted: Int
    var replies: [Row]
  }

  /// The first reply with a code in the shipped phrasebook.
  static func replyWithCode() throws -> PhrasebookEntry {
    try #require(
      ServerTestSupport.library().phrasebook.entries.first { $0.code?.isEmpty == false })
  }

  @Test func acceptingByIdAndByCodeCountsTheReply() async throws {
    let entry = try Self.replyWithCode()
    let code = try #require(entry.code)
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let byID = try await client.send(
        .post, "/api/accept", body: #"{"id":"\#(entry.id.rawValue)","chat":"c1"}"#)
      #expect(byID.status == .ok)
      #expect(byID.isJSON)
      #expect(byID.json["accepted"] as? String == entry.id.rawValue)
      #expect(byID.json["accepted_count"] as? Int == 1)
      #expect(byID.json["chat"] as? String == "c1")
      let byCode = try await client.send(
        .post, "/api/accept", body: #"{"code":"\#(code)","chat":"c1"}"#)
      #expect(byCode.status == .ok)
      #expect(byCode.json["accepted"] as? String == entry.id.rawValue)
      #expect(byCode.json["accepted_count"] as? Int == 2)
      let usage = try await client.send(.get, "/api/usage")
      #expect(usage.status == .ok)
      #expect(usage.isJSON)
      let report = try usage.decode(Usage.self)
      #expect(report.accepted == 2)
      let row = try #require(report.replies.first)
      #expect(report.replies.count == 1)
      #expect(row.id == entry.id.rawValue)
      #expect(row.code == code)
      #expect(row.group == entry.group)
      #expect(row.accepted == 2)
      #expect(row.lastAccepted == "2027-01-15T08:00:00Z")
    }
  }

  @Test func theUsageReportIsEmptyBeforeAnyAcceptance() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let usage = try await client.send(.get, "/api/usage")
      #expect(usage.status == .ok)
      let report = try usage.decode(Usage.self)
      #expect(report.accepted == 0)
      #expect(report.replies.isEmpty)
    }
  }

  @Test func usageSinceADateLeavesOutWhatCameBefore() async throws {
    let entry = try Self.replyWithCode()
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      _ = try await client.send(.post, "/api/accept", body: #"{"id":"\#(entry.id.rawValue)"}"#)
      let before = try await client.send(.get, "/api/usage?since=2027-01-15").decode(Usage.self)
      #expect(before.accepted == 1)
      #expect(before.since != nil)
      let after = try await client.send(.get, "/api/usage?since=2027-01-16").decode(Usage.self)
      #expect(after.accepted == 0)
      let bad = try await client.send(.get, "/api/usage?since=yesterday")
      #expect(bad.status == .badRequest)
      #expect(bad.error?.contains("yesterday") == true)
    }
  }

  @Test func anUnknownReplyIsNotFound() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let answer = try await client.send(.post, "/api/accept", body: #"{"id":"no-such-reply"}"#)
      #expect(answer.status == .notFound)
      #expect(answer.isJSON)
      #expect(answer.error?.contains("not in the phrasebook") == true)
      #expect(answer.error?.contains("no-such-reply") == true)
      let usage = try await client.send(.get, "/api/usage").decode(Usage.self)
      #expect(usage.accepted == 0)
    }
  }

  @Test(arguments: [#"{}"#, #"{"chat":"c1"}"#, #"{"id":""}"#, #"{"code":""}"#])
  func neitherIdNorCodeIsRefused(body: String) async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let answer = try await client.send(.post, "/api/accept", body: body)
      #expect(answer.status == .badRequest)
      #expect(answer.error?.contains(#""id" or "code""#) == true)
    }
  }

  @Test func aBodyThatIsNotAnObjectIsRefused() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let answer = try await client.send(.post, "/api/accept", body: "yj1")
      #expect(answer.status == .badRequest)
      #expect(answer.error == SuggestLine.notAnObject)
    }
  }

  /// The accepted count raises the reply in the ranking (its usage factor grows), so after
  /// accepting the second suggestion a few times it ranks at least as high.
  @Test func anAcceptedReplyRanksAtLeastAsHighAfter() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let before = try await client.suggest(#"{"chat":"r1","text":"老板能便宜点吗"}"#)
        .decode(SuggestReply.self)
      let suggestions = try #require(before.suggestions)
      try #require(suggestions.count >= 2)
      let chosen = suggestions[1]
      for _ in 0..<5 {
        let answer = try await client.send(
          .post, "/api/accept", body: #"{"id":"\#(chosen.id)","chat":"r1"}"#)
        #expect(answer.status == .ok)
      }
      let after = try await client.suggest(#"{"chat":"r2","text":"老板能便宜点吗"}"#)
        .decode(SuggestReply.self)
      let ranked = try #require(after.suggestions)
      let position = try #require(ranked.firstIndex { $0.id == chosen.id })
      #expect(position <= 1)
      let score = try #require(ranked.first { $0.id == chosen.id }?.score)
      #expect(score > chosen.score)
    }
  }

  @Test func findAndExplainShowTheAcceptedCount() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let explained = try await client.send(.post, "/api/explain", body: #"{"text":"老板能便宜点吗"}"#)
      let suggestions = try #require(explained.json["suggestions"] as? [[String: Any]])
      let id = try #require(suggestions.first?["id"] as? String)
      let code = try #require(suggestions.first?["code"] as? String)
      for _ in 0..<3 {
        _ = try await client.send(.post, "/api/accept", body: #"{"id":"\#(id)","chat":"e1"}"#)
      }
      let found = try await client.send(.get, "/api/find?q=\(code)")
      let match = try #require((found.json["matches"] as? [[String: Any]])?.first)
      #expect(match["id"] as? String == id)
      #expect(match["accepted"] as? Int == 3)
      let again = try await client.send(.post, "/api/explain", body: #"{"text":"老板能便宜点吗"}"#)
      let ranked = try #require(again.json["suggestions"] as? [[String: Any]])
      let parts = try #require(
        ranked.first { $0["id"] as? String == id }?["parts"] as? [String: Any])
      #expect(parts["accepted"] as? Int == 3)
      #expect((parts["usage"] as? Double ?? 0) > 1)
    }
  }

  /// An acceptance without a chat is the default chat's, as an `accepted` line without
  /// `chat` is in `huashu suggest`; it does not make up a chat named "".
  @Test func anAcceptanceWithoutAChatMakesUpNoChat() async throws {
    let entry = try Self.replyWithCode()
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let answer = try await client.send(
        .post, "/api/accept", body: #"{"id":"\#(entry.id.rawValue)"}"#)
      #expect(answer.status == .ok)
      let chats = try #require(
        try await client.send(.get, "/api/chats").json["chats"] as? [[String: Any]])
      #expect(!chats.contains { $0["chat"] as? String == "" })
      #expect(answer.json["chat"] as? String == SuggestRequest.defaultChat)
    }
  }
}
