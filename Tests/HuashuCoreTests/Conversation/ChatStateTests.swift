import Foundation
import TestScratch
import Testing

@testable import HuashuCore

/// What a chat remembers between turns, and the chats of an agent between runs.
struct ChatStateTests {
  static let start = Date(timeIntervalSince1970: 1_800_000_000)

  @Test func remembersRecentIntentsAndEmotionsUpToTheHistoryLength() {
    var state = ChatState(chat: "c1", now: Self.start)
    for turn in 0..<(ChatState.historyLength + 3) {
      state.remember(intent: IntentID(turn % 2 == 0 ? "bargain" : "other"), emotion: .calm)
    }
    #expect(state.recentIntents.count == ChatState.historyLength)
    #expect(state.recentEmotions.count == ChatState.historyLength)
    // `other` is never a topic: the last intent that was one stays.
    #expect(state.topic == "bargain")
  }

  @Test func aTopicIsRecentForTopicReachTurns() {
    var state = ChatState(chat: "c1", now: Self.start)
    state.remember(intent: IntentID("logistics"), emotion: .calm)
    for _ in 1..<ChatState.topicReach {
      state.remember(intent: .other, emotion: .calm)
    }
    #expect(state.isRecent(topic: IntentID("logistics")))
    state.remember(intent: .other, emotion: .calm)
    #expect(!state.isRecent(topic: IntentID("logistics")))
  }

  @Test func keepsTheLastSuggestedRepliesOnly() {
    var state = ChatState(chat: "c1", now: Self.start)
    let replies = (0..<(ChatState.suggestedMemory + 5)).map { ReplyID("r\($0)") }
    state.remember(suggested: replies)
    #expect(state.suggested.count == ChatState.suggestedMemory)
    #expect(state.suggested.first == "r5")
    #expect(state.suggested.last == "r\(ChatState.suggestedMemory + 4)")
  }

  @Test(arguments: [(23.0, true), (24.0, true), (25.0, false)])
  func aChatIsForgottenAfterItsIdleTime(hours: Double, remembered: Bool) {
    var chats = ChatStates(idleTime: 24 * 3600)
    var state = chats.take("c1", now: Self.start)
    state.turn = 3
    chats.update(state)
    let later = Self.start.addingTimeInterval(hours * 3600)
    #expect(chats.active(at: later).map(\.chat) == (remembered ? ["c1"] : []))
    #expect(chats.take("c1", now: later).turn == (remembered ? 3 : 0))
  }

  @Test func theStateFileReadsBackWhatWasSaved() throws {
    var chats = ChatStates()
    var state = chats.take("客户-1", now: Self.start)
    state.remember(intent: IntentID("bargain"), emotion: .upset)
    state.bargainingRound = 2
    state.region = "四川"
    state.remember(suggested: [ReplyID("yj1"), ReplyID("yj2")])
    state.accepted = ["yj1"]
    chats.update(state)
    let path = Scratch.url("chats", extension: "json").path
    try chats.save(to: path, now: Self.start)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("\"region\":\"四川\""), "Chinese is written as it is")
    var read = try ChatStates(contentsOf: path)
    #expect(read.take("客户-1", now: Self.start) == state)
  }

  @Test func aStateFileOfANewerFormatIsRefused() throws {
    let path = Scratch.url("chats", extension: "json").path
    try #"{"format_version": 99, "chats": []}"#.write(
      toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: ChatStateFileError.self) { try ChatStates(contentsOf: path) }
  }

  @Test func anAbsentStateFileIsNoChats() throws {
    let chats = try ChatStates(contentsOf: Scratch.url("absent", extension: "json").path)
    #expect(chats.active(at: Self.start).isEmpty)
  }
}
