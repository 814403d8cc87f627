import Foundation
import HTTPTypes
import HuashuCore
import HuashuServer
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /api/suggest`: what `huashu suggest --format json` answers for the same line, the
/// chat's state kept between turns, and bad bodies refused with the command line's reasons.
struct SuggestRouteTests {
  @Test(arguments: [
    #"{"text":"老板能便宜点吗"}"#,
    #"{"chat":"c9","text":"到四川运费多少","region":"四川","price":"129"}"#,
    #"{"chat":"c8","buyer":"小王","text":"你们少发了一件！！！我要投诉","order_id":"123"}"#,
    #"{"text":"这件衣服多少钱","price":59.5}"#,
  ])
  func answersWhatTheLibrarySessionAnswersForLineOne(line: String) async throws {
    var session = try ServerTestSupport.session()
    let expected = ServerTestSupport.suggestJSON(&session, line)
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let answer = try await client.suggest(line)
      #expect(answer.status == .ok)
      #expect(answer.isJSON)
      #expect(answer.text == expected)
    }
  }

  @Test func fieldsOfTheLineReachTheAnswer() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.suggest(
        #"{"chat":"fields","text":"到四川运费多少","region":"四川"}"#)
      #expect(answer.status == .ok)
      #expect(answer.json["region"] as? String == "四川")
      #expect(answer.json["intent"] as? String == "shipping_fee")
    }
  }

  @Test func chineseIsWrittenAsRawUTF8() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.suggest(#"{"chat":"utf8","text":"老板能便宜点吗"}"#)
      #expect(answer.status == .ok)
      #expect(!answer.text.contains("\\u"))
      #expect(answer.text.contains("议价"))
      #expect(answer.text.contains(#""text":"#))
    }
  }

  @Test func aChatKeepsItsStateBetweenTurnsAndAnotherChatStartsAfresh() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let first = try await client.suggest(#"{"chat":"c1","text":"老板能便宜点吗"}"#)
        .decode(SuggestReply.self)
      #expect(first.intent == "bargain")
      #expect(first.chatState?.turn == 1)
      #expect(first.chatState?.bargainingRound == 1)
      let second = try await client.suggest(#"{"chat":"c1","text":"太贵了，再便宜点"}"#)
        .decode(SuggestReply.self)
      #expect(second.chat == "c1")
      #expect(second.chatState?.turn == 2)
      #expect(second.chatState?.bargainingRound == 2)
      let other = try await client.suggest(#"{"chat":"c2","text":"太贵了，再便宜点"}"#)
        .decode(SuggestReply.self)
      #expect(other.chat == "c2")
      #expect(other.chatState?.turn == 1)
      #expect(other.chatState?.bargainingRound == 1)
    }
  }

  /// Two turns of one chat answer as two lines of one `huashu suggest` run.
  @Test func turnsOfAChatAnswerAsLinesOfOneSuggestRun() async throws {
    let lines = [
      #"{"chat":"c1","text":"老板能便宜点吗"}"#, #"{"chat":"c1","text":"太贵了，再便宜点"}"#,
      #"{"chat":"c1","text":"你们少发了一件！！！我要投诉"}"#, #"{"chat":"c1","text":"还不处理？"}"#,
    ]
    var session = try ServerTestSupport.session()
    let expected = lines.map { ServerTestSupport.suggestJSON(&session, $0) }
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      for (line, expected) in zip(lines, expected) {
        let answer = try await client.suggest(line)
        #expect(answer.text == expected, "\(line)")
      }
    }
  }

  @Test func badJSONIsRefusedWithTheErrorTheCommandLineGives() async throws {
    let body = #"{"text":"#
    var session = try ServerTestSupport.session()
    let expected = ServerTestSupport.suggestJSON(&session, body)
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.suggest(body)
      #expect(answer.status == .badRequest)
      #expect(answer.isJSON)
      #expect(answer.text == expected)
      #expect(answer.json["line"] as? Int == 1)
      let error = try #require(answer.error)
      #expect(error.hasPrefix("invalid JSON: "))
    }
  }

  @Test(arguments: ["老板", "[1,2]", "\"text\"", "", "   \n  "])
  func aBodyThatIsNotAnObjectIsRefused(body: String) async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.suggest(body)
      #expect(answer.status == .badRequest)
      #expect(answer.isJSON)
      #expect(answer.error == SuggestLine.notAnObject)
    }
  }

  @Test func aLineWithoutTextIsRefused() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.suggest(#"{"chat":"c1"}"#)
      #expect(answer.status == .badRequest)
      #expect(answer.error == #"JSON line has no "text" (nor "accepted")"#)
      #expect(answer.json["line"] as? Int == 1)
    }
  }

  @Test func invalidUTF8IsRefusedAsTheCommandLineRefusesIt() async throws {
    let bytes: [UInt8] = Array(#"{"text":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.send(.post, "/api/suggest", bytes: bytes)
      #expect(answer.status == .badRequest)
      #expect(answer.error == "line is not valid UTF-8 text")
    }
  }

  @Test func aPrettyPrintedBodyIsOneLine() async throws {
    let pretty = """
      {
        "chat": "c1",
        "text": "老板能便宜点吗"
      }
      """
    var session = try ServerTestSupport.session()
    let expected = ServerTestSupport.suggestJSON(&session, #"{"chat":"c1","text":"老板能便宜点吗"}"#)
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let answer = try await client.suggest(pretty)
      #expect(answer.status == .ok)
      #expect(answer.text == expected)
      let crlf = try await client.suggest(pretty.replacingOccurrences(of: "\n", with: "\r\n"))
        .decode(SuggestReply.self)
      #expect(crlf.chatState?.turn == 2)
    }
  }

  /// A raw line break inside a JSON string is invalid JSON: `huashu suggest` and
  /// `/api/classify` refuse it, and `/api/suggest` should too rather than read it as a space.
  @Test func aRawLineBreakInsideAStringIsInvalidJSON() async throws {
    let body = "{\"chat\":\"lf\",\"text\":\"老板\n能便宜点吗\"}"
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let classify = try await client.send(.post, "/api/classify", body: body)
      #expect(classify.status == .badRequest)
      #expect(classify.error?.hasPrefix("invalid JSON: ") == true)
      let answer = try await client.suggest(body)
      #expect(answer.status == .badRequest)
      #expect(answer.error?.hasPrefix("invalid JSON: ") == true)
    }
  }

  @Test func aBodyOver64KiBIsRefusedWith413() async throws {
    let text = String(repeating: "便", count: 22_000)  // 66,000 bytes of UTF-8
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.suggest(#"{"text":"\#(text)"}"#)
      #expect(answer.status == .contentTooLarge)
      #expect(answer.isJSON)
      #expect(answer.error?.contains("64 KiB") == true)
    }
  }

  @Test func aBodyOfExactly64KiBIsAnswered() async throws {
    let frame = #"{"chat":"big","text":"老板能便宜点吗"#.utf8.count + #""}"#.utf8.count
    let body =
      #"{"chat":"big","text":"老板能便宜点吗"#
      + String(repeating: "a", count: 64 * 1024 - frame) + #""}"#
    #expect(body.utf8.count == 64 * 1024)
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.suggest(body)
      #expect(answer.status == .ok)
      #expect(answer.json["chat"] as? String == "big")
    }
  }

  @Test func anIdleChatStartsAgainAfterTheIdleTime() async throws {
    let clock = TestClock()
    let app = ServerTestSupport.app(try ServerTestSupport.service(clock: clock))
    try await app.test(.router) { client in
      let first = try await client.suggest(#"{"chat":"c1","text":"老板能便宜点吗"}"#)
        .decode(SuggestReply.self)
      #expect(first.chatState?.turn == 1)
      clock.advance(by: 23 * 3600)
      let within = try await client.suggest(#"{"chat":"c1","text":"太贵了，再便宜点"}"#)
        .decode(SuggestReply.self)
      #expect(within.chatState?.turn == 2)
      clock.advance(by: 25 * 3600)
      let after = try await client.suggest(#"{"chat":"c1","text":"太贵了，再便宜点"}"#)
        .decode(SuggestReply.self)
      #expect(after.chatState?.turn == 1)
      #expect(after.chatState?.bargainingRound == 1)
    }
  }

  @Test func anAcceptedLineIsRecordedThroughSuggestToo() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.service())
    try await app.test(.router) { client in
      let answer = try await client.suggest(#"{"chat":"c1","accepted":"yj1"}"#)
      #expect(answer.status == .ok)
      #expect(answer.json["accepted_count"] as? Int == 1)
      #expect(answer.json["chat"] as? String == "c1")
      let unknown = try await client.suggest(#"{"chat":"c1","accepted":"no-such-reply"}"#)
      #expect(unknown.status == .badRequest)
      #expect(unknown.error?.contains("not in the phrasebook") == true)
    }
  }

  @Test func onlyPostAnswers() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.send(.get, "/api/suggest")
      #expect(answer.status != .ok)
    }
  }
}
