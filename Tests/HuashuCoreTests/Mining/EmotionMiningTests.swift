import Foundation
import Testing

@testable import HuashuCore

/// `CorpusMiner` mining an emotion, on `Fixtures/mining-emotion`: one intent rule
/// (`logistics.ship`: 发货), one upset cue (`emotion.hurry`: 急, so one character gives
/// evidence 0.5: upset) and 9 messages, every figure below worked out by hand.
///
/// | line | text | label | read as |
/// |---|---|---|---|
/// | 1 | 很急 快点发货 | upset | upset (急) |
/// | 2 | 怎么还没发货 | upset | calm (missed) |
/// | 3 | 怎么还没到 | upset | calm (missed) |
/// | 4 | 怎么还没发货啊 | angry | calm (missed when mining angry; not upset's to add) |
/// | 5 | 怎么用 | calm | calm (right) |
/// | 6 | 还没发货吗 | calm | calm (right) |
/// | 7 | 不急 | calm | upset (wrong) |
/// | 8 | 还没 | (none) | calm |
/// | 9 | 急 还没发货 | calm | upset (wrong) |
struct EmotionMiningTests {
  static func mine(
    _ emotion: Emotion, minimumSupport: Int = 2, corpus name: String = "corpus.jsonl"
  ) throws -> MiningReport {
    let loaded = try RuleSetLoader().load(
      directory: TestSupport.fixture("mining-emotion/rules"))
    #expect(loaded.diagnostics.isEmpty)
    let text = try String(
      contentsOfFile: TestSupport.fixture("mining-emotion/\(name)"), encoding: .utf8)
    let messages = try text.split(separator: "\n").enumerated().map { index, line in
      (index + 1, try JSONDecoder().decode(LabeledMessage.self, from: Data(line.utf8)))
    }
    let criteria = MiningCriteria(
      minimumSupport: minimumSupport, minimumPrecision: 0, top: 20, examples: 5,
      emotion: emotion)
    return try CorpusMiner(matcher: Matcher(ruleSet: loaded.ruleSet))
      .mine(labelled: messages, criteria: criteria)
  }

  @Test func countsTheMessagesReadCalmerThanLabelled() throws {
    let report = try Self.mine(.upset)
    #expect(report.intents == nil)
    let upset = try #require(report.emotions?.first)
    #expect(report.emotions?.count == 1)
    #expect(upset.emotion == .upset)
    #expect((upset.messages, upset.correct, upset.missed) == (3, 1, 2))
    #expect(upset.missedExamples.map(\.line) == [2, 3])
    #expect(upset.missedExamples.map(\.predicted) == [.calm, .calm])
    #expect(upset.missedExamples.first?.id == "e02")
  }

  /// 还没 is in lines 2, 3, 4, 6, 8 and 9: support 2 (the missed upset lines 2 and 3; line 4
  /// is angry, not upset's to add), precision 3 of 6 (angry line 4 counts: the buyer is not
  /// calm; line 8, unlabelled, counts only in matches), would break 1 (line 6, calm and read
  /// calm; line 9 is calm but read upset, so nothing right is at risk), and the cue 急 fires
  /// on one of them (line 9).
  @Test func figuresOfACueCandidate() throws {
    let upset = try #require(try Self.mine(.upset).emotions?.first)
    let notYet = try #require(upset.candidates.first { $0.text == "还没" })
    #expect((notYet.support, notYet.matches, notYet.precision) == (2, 6, 0.5))
    #expect(notYet.wouldBreak == 1)
    #expect(notYet.overlap == [RuleOverlap(rule: "emotion.hurry", emotion: .upset, messages: 1)])
    let how = try #require(upset.candidates.first { $0.text == "怎么" })
    #expect((how.support, how.matches, how.precision, how.wouldBreak) == (2, 4, 0.75, 1))
    #expect(how.overlap.isEmpty)
    // 么还 is in lines 2, 3 and 4 only; 怎么还 and 怎么还没 say the same and are pruned.
    #expect(upset.candidates.map(\.text) == ["么还", "怎么", "还没"])
    #expect(upset.candidates.first?.precision == 1)
  }

  /// Mining angry: line 4 is the one missed; precision counts angry lines only, and would
  /// break counts calm and upset lines read as labelled.
  @Test func angryCountsOnlyAngryMessagesAsRight() throws {
    let angry = try #require(try Self.mine(.angry, minimumSupport: 1).emotions?.first)
    #expect((angry.messages, angry.correct, angry.missed) == (1, 0, 1))
    let notYet = try #require(angry.candidates.first { $0.text == "还没" })
    #expect((notYet.support, notYet.matches, notYet.precision) == (1, 6, 0.167))
    #expect(notYet.wouldBreak == 1)  // line 6
    // 发货 (lines 1, 2, 4, 6, 9): line 1, upset and read upset, is right for angry mining.
    let ship = try #require(angry.candidates.first { $0.text == "发货" })
    #expect((ship.support, ship.matches, ship.precision, ship.wouldBreak) == (1, 5, 0.2, 2))
    #expect(ship.overlap == [RuleOverlap(rule: "emotion.hurry", emotion: .upset, messages: 2)])
  }

  @Test func whatCannotBeMined() throws {
    #expect(throws: MiningError.calmHasNoCues) { try Self.mine(.calm) }
    #expect(throws: MiningError.noEmotionLabels) {
      try Self.mine(.upset, corpus: "unlabelled-emotion.jsonl")
    }
    var criteria = MiningCriteria.labelledDefaults
    criteria.intent = "logistics"
    criteria.emotion = .upset
    let loaded = try RuleSetLoader().load(
      directory: TestSupport.fixture("mining-emotion/rules"))
    #expect(throws: MiningError.intentAndEmotion) {
      try CorpusMiner(matcher: Matcher(ruleSet: loaded.ruleSet))
        .mine(labelled: [], criteria: criteria)
    }
  }
}
