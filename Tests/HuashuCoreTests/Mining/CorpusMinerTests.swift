import Foundation
import Testing

@testable import HuashuCore

/// `CorpusMiner` on `Fixtures/mining`: two rules (`bargain.cheaper`: 便宜; `logistics.ship`:
/// 发货) and 14 labelled messages, every figure below worked out by hand.
///
/// | line | text | label | classified |
/// |---|---|---|---|
/// | 1 | 能便宜点吗 | bargain | bargain |
/// | 2 | 老板少点吧 | bargain | other (missed) |
/// | 3 | 少点少点行不行 | bargain | other (missed; 少点 twice) |
/// | 4 | 再少点就买 | bargain | other (missed) |
/// | 5 | 发货少点运费 | logistics | logistics |
/// | 6 | 少点东西 | other | other |
/// | 7 | 便宜少点 | bargain | bargain |
/// | 8 | 可以包邮吗 | bargain | other (missed) |
/// | 9 | 包邮吗亲 | bargain | other (missed) |
/// | 10 | 包邮到北京 | other | other |
/// | 11 | 有邮吗 | other | other |
/// | 12 | 什么时候到货 | logistics | other (missed) |
/// | 13 | 什么时候到货呀 | logistics | other (missed) |
/// | 14 | 什么颜色 | other | other |
struct CorpusMinerTests {
  static func miner() throws -> CorpusMiner {
    let loaded = try RuleSetLoader().load(directory: TestSupport.fixture("mining/rules"))
    #expect(loaded.diagnostics.isEmpty)
    return CorpusMiner(matcher: Matcher(ruleSet: loaded.ruleSet))
  }

  static func corpus() throws -> [(line: Int, message: LabeledMessage)] {
    let text = try String(
      contentsOfFile: TestSupport.fixture("mining/corpus.jsonl"), encoding: .utf8)
    return try text.split(separator: "\n").enumerated().map { index, line in
      (index + 1, try JSONDecoder().decode(LabeledMessage.self, from: Data(line.utf8)))
    }
  }

  static func mine(_ criteria: MiningCriteria = .labelledDefaults, jobs: Int = 1) throws
    -> [IntentID: MiningReport.IntentFindings]
  {
    let report = try miner().mine(labelled: corpus(), criteria: criteria, jobs: jobs)
    #expect(report.mode == .labelled)
    #expect(report.messages == 14)
    return Dictionary(uniqueKeysWithValues: (report.intents ?? []).map { ($0.intent, $0) })
  }

  @Test func countsMissedMessagesPerIntent() throws {
    let intents = try Self.mine()
    #expect(intents.keys.sorted() == ["bargain", "logistics"])  // never `other`
    let bargain = try #require(intents["bargain"])
    #expect(bargain.label == "议价")
    #expect((bargain.messages, bargain.correct, bargain.missed) == (7, 2, 5))
    #expect(bargain.missedExamples.map(\.line) == [2, 3, 4, 8, 9])
    #expect(bargain.missedExamples.map(\.predicted) == Array(repeating: "other", count: 5))
    #expect(bargain.missedExamples.first?.id == "c02")
    let logistics = try #require(intents["logistics"])
    #expect((logistics.messages, logistics.correct, logistics.missed) == (3, 1, 2))
  }

  /// 少点: in missed bargain lines 2, 3 (twice: still one message) and 4, and in lines 5
  /// (logistics, right), 6 (other, right) and 7 (bargain, right).
  @Test func figuresOfACandidateCountMessagesOverTheWholeCorpus() throws {
    let bargain = try #require(try Self.mine()["bargain"])
    let candidate = try #require(bargain.candidates.first { $0.text == "少点" })
    #expect(candidate.support == 3)  // messages, not occurrences (4)
    #expect(candidate.matches == 6)
    #expect(candidate.precision == 0.667)  // 4 of 6, not 3 of 3 (missed messages only)
    #expect(candidate.score == 2)
    #expect(candidate.wouldBreak == 2)  // lines 5 and 6
    #expect(
      candidate.overlap == [
        RuleOverlap(rule: "bargain.cheaper", intent: "bargain", messages: 1),
        RuleOverlap(rule: "logistics.ship", intent: "logistics", messages: 1),
      ])
    let freeShipping = try #require(bargain.candidates.first { $0.text == "包邮" })
    #expect(
      (freeShipping.support, freeShipping.matches, freeShipping.precision) == (2, 3, 0.667))
    #expect(freeShipping.wouldBreak == 1)  // line 10, rightly other
    #expect(freeShipping.overlap.isEmpty)
  }

  /// 包邮吗 (lines 8, 9) is kept: 包邮 (+ line 10) and 邮吗 (+ line 11) have more matches.
  ///
  /// 少点 and 包邮吗 both score 2 (3 × 4/6 and 2 × 1): the higher precision goes first; 包邮 and
  /// 邮吗 tie on everything but their text.
  @Test func candidatesRankByScoreThenPrecisionThenLengthThenText() throws {
    let bargain = try #require(try Self.mine()["bargain"])
    #expect(bargain.candidates.map(\.text) == ["包邮吗", "少点", "包邮", "邮吗"])
    #expect(bargain.candidates.map(\.score) == [2, 2, 1.333, 1.333])
  }

  /// Lines 12 and 13 share 什么时候到货: every n-gram of it has support 2, and all but 什么
  /// (also in line 14) match those two messages only, so each longer one contains a shorter
  /// one with the same support and matches and is dropped.
  @Test func longerNGramsSayingTheSameAsAShorterOneArePruned() throws {
    let logistics = try #require(try Self.mine()["logistics"])
    #expect(logistics.candidates.map(\.text) == ["么时", "候到", "到货", "时候", "什么"])
    let what = try #require(logistics.candidates.last)
    #expect((what.support, what.matches, what.precision, what.wouldBreak) == (2, 3, 0.667, 1))
  }

  @Test func thresholdsAndLimits() throws {
    var criteria = MiningCriteria.labelledDefaults
    criteria.minimumPrecision = 0.7
    #expect(try Self.mine(criteria)["bargain"]?.candidates.map(\.text) == ["包邮吗"])
    criteria = .labelledDefaults
    criteria.minimumSupport = 3
    #expect(try Self.mine(criteria)["bargain"]?.candidates.map(\.text) == ["少点"])
    criteria = .labelledDefaults
    criteria.top = 2
    criteria.examples = 1
    let bargain = try #require(try Self.mine(criteria)["bargain"])
    #expect(bargain.candidates.map(\.text) == ["包邮吗", "少点"])
    #expect(bargain.missedExamples.map(\.line) == [2])
  }

  @Test func oneIntentOnly() throws {
    var criteria = MiningCriteria.labelledDefaults
    criteria.intent = "logistics"
    #expect(try Self.mine(criteria).keys.sorted() == ["logistics"])
    criteria.intent = "nosuch"
    #expect(throws: MiningError.unknownIntent("nosuch", known: ["bargain", "logistics"])) {
      try Self.mine(criteria)
    }
    criteria.intent = .other
    #expect(throws: MiningError.otherHasNoRules) { try Self.mine(criteria) }
  }

  @Test func theSameReportOnTwoThreads() throws {
    let one = try Self.mine()
    let two = try Self.mine(jobs: 2)
    for intent in one.keys {
      #expect(one[intent]?.candidates == two[intent]?.candidates)
    }
  }

  /// Predicted: bargain lines 1 and 7, logistics line 5, the other 11 unclaimed.
  @Test func unlabelledCoverageAndFrequentNGrams() throws {
    let messages = try Self.corpus().map { (line: $0.line, text: $0.message.text) }
    let report = try Self.miner().mine(unlabelled: messages)
    #expect(report.mode == .unlabelled)
    #expect(
      report.coverage == [
        MiningReport.IntentCoverage(intent: "bargain", label: "议价", messages: 2, share: 0.143),
        MiningReport.IntentCoverage(
          intent: "logistics", label: "物流", messages: 1, share: 0.071),
      ])
    let unclaimed = try #require(report.unclaimed)
    #expect((unclaimed.messages, unclaimed.share) == (11, 0.786))
    // 少点 in 4 unclaimed messages (6 in all); then the three in 3 (all unclaimed); then the
    // four 2-grams of 什么时候到货 and 包邮吗, in 2 (longer ones of 什么时候到货 pruned).
    #expect(
      unclaimed.ngrams.map(\.text) == ["少点", "什么", "包邮", "邮吗", "么时", "候到", "到货", "时候", "包邮吗"])
    let first = try #require(unclaimed.ngrams.first)
    #expect((first.count, first.matches) == (4, 6))
    #expect(first.example == MiningReport.ExampleMessage(line: 2, text: "老板少点吧"))
    let limited = try Self.miner().mine(
      unlabelled: messages, criteria: MiningCriteria(minimumSupport: 3, top: 2))
    #expect(limited.unclaimed?.ngrams.map(\.text) == ["少点", "什么"])
  }
}
