import Foundation
import Testing

@testable import HuashuCore

/// The phrasebook and shop profile shipped in `phrasebooks/`: they load cleanly against the
/// shipped rules and cover every intent the rules produce.
struct ShippedPhrasebookTests {
  static let root = TestSupport.packageRoot.appendingPathComponent("phrasebooks").path

  static func load() throws -> (RuleSet, PhrasebookLoader.Result) {
    let rules = try ShippedRulesTests.load().ruleSet
    let phrasebook = try PhrasebookLoader(knownIntents: Set(rules.intents.map(\.id))).load(
      teamDirectory: root + "/team", personalDirectory: nil)
    return (rules, phrasebook)
  }

  @Test func loadsWithoutDiagnostics() throws {
    let (_, loaded) = try Self.load()
    #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.description))")
    let shop = ShopProfileLoader().load(path: Self.root + "/shop.yaml")
    #expect(shop.diagnostics.isEmpty, "\(shop.diagnostics.map(\.description))")
  }

  @Test func everyIntentHasAtLeastFiveRepliesAndCodesAreUnique() throws {
    let (rules, loaded) = try Self.load()
    let entries = loaded.phrasebook.entries
    #expect(entries.count >= 80)
    for intent in rules.intents {
      #expect(loaded.phrasebook.entries(for: intent.id).count >= 5, "\(intent.id)")
    }
    let codes = entries.compactMap(\.code)
    #expect(codes.count == entries.count, "every reply has a Qianniu code")
    #expect(Set(codes).count == codes.count, "codes are unique")
  }

  @Test func bargainingRepliesCoverEveryRoundOfTheLadder() throws {
    let (_, loaded) = try Self.load()
    let steps = Set(loaded.phrasebook.entries(for: "bargain").compactMap(\.step))
    #expect(steps == [1, 2, 3, 4])
  }

  @Test(arguments: [
    ("四川", "15元"), ("武汉", "6元"), ("湖北", "8元"), ("新疆", "15元"), ("广东", "12元"),
    ("黑龙江省", "15元"),
  ])
  func shopProfileFollowsTheSeedsShippingTable(_ region: String, fee: String) {
    let profile = ShopProfileLoader().load(path: Self.root + "/shop.yaml").profile
    #expect(profile.shippingQuote(for: region).feeText == fee)
  }

  @Test func tibetMustBeConfirmedFirst() {
    let profile = ShopProfileLoader().load(path: Self.root + "/shop.yaml").profile
    guard case .confirmFirst = profile.shippingQuote(for: "西藏") else {
      Issue.record("西藏 should need confirmation")
      return
    }
  }

  @Test(arguments: [("四川", "15元", "shipping_fee"), ("西藏", nil, "shipping_fee")])
  func regionRepliesFromTheShippedContent(_ region: String, fee: String?, intent: String) throws {
    let (rules, loaded) = try Self.load()
    let profile = ShopProfileLoader().load(path: Self.root + "/shop.yaml").profile
    var scratch = MatchScratch()
    let classification = Matcher(ruleSet: rules).classify("到\(region)运费多少", using: &scratch)
    #expect(classification.intent.rawValue == intent)
    let result = Suggester(phrasebook: loaded.phrasebook).suggestions(
      for: classification, context: .forMessage(fields: ["region": region], profile: profile))
    let first = try #require(result.suggestions.first)
    #expect(first.reply.missingVariables.isEmpty)
    if let fee {
      #expect(first.reply.text.contains(fee))
      #expect(first.entry.tags.contains("fee-quote"))
    } else {
      #expect(first.entry.tags.contains("fee-confirm"))
    }
  }
}
