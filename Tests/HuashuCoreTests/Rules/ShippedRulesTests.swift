import Foundation
import Testing

@testable import HuashuCore

/// The rules shipped in `rules/`: they load cleanly, every example behaves, and the
/// situations the product promises are recognised.
struct ShippedRulesTests {
  static let directory = TestSupport.packageRoot.appendingPathComponent("rules").path

  static func load() throws -> RuleSetLoader.Result {
    try RuleSetLoader().load(directory: directory)
  }

  @Test func loadWithoutDiagnostics() throws {
    let result = try Self.load()
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
  }

  @Test func everyExampleBehaves() throws {
    let result = try Self.load()
    var scratch = MatchScratch()
    let report = ExampleCheck(matcher: Matcher(ruleSet: result.ruleSet)).run(using: &scratch)
    #expect(report.checked > 100)
    for failure in report.failures { Issue.record("\(failure)") }
  }

  @Test func everyRuleHasBothKindsOfExample() throws {
    for rule in try Self.load().ruleSet.allRules {
      #expect(!rule.examples.match.isEmpty, "rule \(rule.id) has no match examples")
      #expect(!rule.examples.noMatch.isEmpty, "rule \(rule.id) has no no_match examples")
    }
  }

  @Test func coversTheFoundationIntents() throws {
    let intents = Set(try Self.load().ruleSet.intents.map(\.id.rawValue))
    let expected: Set<String> = [
      "greeting", "bargain", "cod", "missing_item", "wrong_item", "quality", "logistics",
      "shipping_fee", "address_change", "refund_return",
    ]
    #expect(expected.isSubset(of: intents))
    #expect(!(try Self.load().ruleSet.emotionCues.isEmpty))
  }

  @Test(arguments: [
    ("老板能便宜点吗", "bargain", Emotion.calm),
    ("包邮吗", "bargain", .calm),
    ("貨到付款可以嗎", "cod", .calm),
    ("你们少发了一件！！！我要投诉", "missing_item", .angry),
    ("在吗", "greeting", .calm),
    ("收到的颜色发错了", "wrong_item", .upset),
    ("什么时候发货", "logistics", .calm),
    ("到四川运费多少", "shipping_fee", .calm),
    ("我想改地址", "address_change", .calm),
    ("我要退款", "refund_return", .calm),
    ("收到就是破损的", "quality", .upset),
    ("ＣＯＤ可以吗", "cod", .calm),
  ])
  func classifiesTheIssueExamples(_ text: String, intent: String, emotion: Emotion) throws {
    let matcher = Matcher(ruleSet: try Self.load().ruleSet)
    var scratch = MatchScratch()
    let result = matcher.classify(text, using: &scratch)
    #expect(result.intent.rawValue == intent)
    #expect(result.emotion.level == emotion)
  }
}
