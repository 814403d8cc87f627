import Foundation
import TestScratch
import Testing

@testable import HuashuCore

/// The suggest stream in the library, as every front end runs it: a line parsed, classified
/// and answered as its chat's next turn; an `accepted` line counted; batches on threads
/// answering exactly as one line at a time does.
struct SuggestSessionTests {
  static let now = Date(timeIntervalSince1970: 1_800_000_000)

  static func session(usage: String = Scratch.url("usage", extension: "sqlite").path) throws
    -> SuggestSession
  {
    let (rules, phrasebook) = try ShippedPhrasebookTests.load()
    let scripts = try ConversationScriptLoader().load(
      directory: TestSupport.packageRoot.appendingPathComponent("rules").path, ruleSet: rules)
    let profile = ShopProfileLoader().load(path: ShippedPhrasebookTests.root + "/shop.yaml")
    return SuggestSession(
      matcher: Matcher(ruleSet: rules),
      coach: ConversationCoach(
        suggester: Suggester(phrasebook: phrasebook.phrasebook), scripts: scripts.scripts),
      profile: profile.profile, usageDatabasePath: usage, clock: { Self.now })
  }

  static func lines(_ texts: [String]) -> [LineReader.Line] {
    texts.enumerated().map { LineReader.Line(number: $0 + 1, bytes: Array($1.utf8)) }
  }

  /// Each answer in a comparable form: the JSON line suggest writes.
  static func rendered(_ session: inout SuggestSession, _ lines: [LineReader.Line], jobs: Int)
    -> [String]
  {
    var outputs: [String] = []
    let ruleSet = session.engine.matcher.ruleSet
    _ = session.answerAll(
      lines, jobs: jobs,
      render: {
        String(
          decoding: SuggestionRecord.jsonLine(line: $1, answer: $0, ruleSet: ruleSet), as: UTF8.self
        )
      }
    ) { outputs.append($0) }
    return outputs
  }

  @Test func aPlainLineIsATurnOfTheDefaultChat() throws {
    var session = try Self.session()
    guard case .suggestions(let answer) = session.answer(Self.lines(["老板能便宜点吗"])[0]) else {
      Issue.record("not answered with suggestions")
      return
    }
    #expect(answer.intent == IntentID("bargain"))
    #expect(!answer.result.suggestions.isEmpty)
    #expect(session.chats.active(at: Self.now).map(\.turn) == [1])
  }

  @Test(arguments: [
    ("", "empty line: no message"),
    (#"{"chat":"c1"}"#, #"JSON line has no "text" (nor "accepted")"#),
    (#"{"text":"a\x"}"#, "invalid JSON: invalid escape \\x in field \"text\""),
  ])
  func aBadLineIsAFailureWithItsReason(line: String, reason: String) throws {
    var session = try Self.session()
    guard case .failure(let message) = session.answer(Self.lines([line])[0]) else {
      Issue.record("\(line) was answered")
      return
    }
    #expect(message == reason)
  }

  @Test func anAcceptedReplyIsCountedAndAnUnknownOneIsAFailure() throws {
    var session = try Self.session()
    let known = try #require(
      ShippedPhrasebookTests.load().1.phrasebook.entries.first?.id.rawValue)
    let lines = Self.lines([
      #"{"chat":"c1","accepted":"\#(known)"}"#, #"{"chat":"c1","accepted":"\#(known)"}"#,
      #"{"chat":"c1","accepted":"no-such-reply"}"#,
    ])
    guard case .accepted(_, let first, _) = session.answer(lines[0]),
      case .accepted(_, let second, _) = session.answer(lines[1])
    else {
      Issue.record("not recorded")
      return
    }
    #expect((first, second) == (1, 2))
    guard case .failure(let message) = session.answer(lines[2]) else {
      Issue.record("an unknown reply was recorded")
      return
    }
    #expect(message.contains("not in the phrasebook"))
  }

  /// Chats interleaved, an `accepted` line in the middle: two threads answer as one does.
  @Test func batchesOnTwoThreadsAnswerAsOneLineAtATime() throws {
    let texts = ["在吗", "能便宜点吗", "什么时候发货", "到四川运费多少", "少发了一件！！！", "好的谢谢"]
    var lines: [String] = []
    for turn in 0..<30 {
      let chat = "c\(turn % 4)"
      lines.append(#"{"chat":"\#(chat)","text":"\#(texts[turn % texts.count])"}"#)
      if turn == 13 { lines.append(#"{"chat":"c1","accepted":"yj1"}"#) }
    }
    var one = try Self.session()
    var two = try Self.session()
    let alone = Self.rendered(&one, Self.lines(lines), jobs: 1)
    let together = Self.rendered(&two, Self.lines(lines), jobs: 2)
    #expect(alone.count == lines.count)
    #expect(together == alone)
  }
}
