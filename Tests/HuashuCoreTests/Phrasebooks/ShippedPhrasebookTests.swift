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

  @Test func atLeast500RepliesEveryIntentAtLeastTenAndCodesAreUnique() throws {
    let (rules, loaded) = try Self.load()
    let entries = loaded.phrasebook.entries
    #expect(entries.count >= 500)
    for intent in rules.intents {
      #expect(loaded.phrasebook.entries(for: intent.id).count >= 10, "\(intent.id)")
    }
    let codes = entries.compactMap(\.code)
    #expect(codes.count == entries.count, "every reply has a Qianniu code")
    #expect(Set(codes).count == codes.count, "codes are unique")
  }

  /// Every situation issue 9 asks the default content to cover, by the tag its replies carry.
  static let situations: [(tag: String, situation: String)] = [
    ("genuine", "正品: product knowledge and reassurance"),
    ("quality-guarantee", "质量保证"),
    ("product-info", "product questions"),
    ("stock", "stock checks"),
    ("restock", "restocking"),
    ("firm", "bargaining: hold the price"),
    ("free-shipping", "bargaining: 包邮"),
    ("gift", "gifts"),
    ("discount", "bargaining: a small discount"),
    ("floor", "bargaining: the floor"),
    ("coupon", "coupons"),
    ("cod-ask", "COD price warning"),
    ("cod-confirm", "COD confirmed"),
    ("cod-decline", "COD declined"),
    ("address-confirm", "address confirmation after payment"),
    ("remark", "order notes (备注)"),
    ("ship-notice", "shipping notice with the tracking number"),
    ("pay-reminder", "urging unpaid orders (催付)"),
    ("fee-quote", "shipping fee for a known region"),
    ("fee-confirm", "shipping fee to confirm first"),
    ("ask-region", "shipping fee: ask the region"),
    ("delay", "logistics delays"),
    ("lost-parcel", "lost parcels"),
    ("packing-list", "missing items: check the packing list"),
    ("split-shipment", "missing items: split shipment"),
    ("weigh-parcel", "missing items: weigh and photograph the parcel"),
    ("reship", "missing items: reship first"),
    ("wrong-item", "wrong items"),
    ("broken-parcel", "broken parcels"),
    ("photo-evidence", "quality problems: photos within 3 days"),
    ("refund-only", "仅退款"),
    ("return-refund", "退货退款"),
    ("exchange", "换货"),
    ("return-postage", "who pays return postage"),
    ("presale-deposit", "presale deposit"),
    ("presale-balance", "presale balance"),
    ("review-thanks", "thanks for a good review"),
    ("bad-review", "handling a bad review"),
    ("mixed-review", "差好评"),
    ("invoice", "invoices"),
    ("size-advice", "size advice"),
    ("welcome", "greetings"),
    ("closing", "closings"),
    ("transferred", "transferred buyers"),
    ("acknowledge", "de-escalation: acknowledge"),
    ("apologize", "de-escalation: apologize"),
    ("follow-up", "de-escalation: follow up"),
  ]

  @Test func everySituationOfTheIssueHasAReply() throws {
    let (_, loaded) = try Self.load()
    let tags = Set(loaded.phrasebook.entries.flatMap(\.tags))
    for (tag, situation) in Self.situations {
      #expect(tags.contains(tag), "no reply tagged '\(tag)' for \(situation)")
    }
  }

  @Test func reviewHasTwoDeescalationVariantsPerStep() throws {
    let (_, loaded) = try Self.load()
    for step in ["acknowledge", "apologize", "follow-up"] {
      let variants = loaded.phrasebook.entries(for: "review").filter {
        $0.tags.contains(step) && $0.id.rawValue.hasPrefix("deescalation.")
      }
      #expect(variants.count >= 2, "review replies tagged \(step)")
      for variant in variants {
        // Written so they can also answer a bad review in public: never the buyer's name or
        // their order.
        #expect(!variant.template.variableNames.contains("buyer"), "\(variant.id)")
        #expect(!variant.template.variableNames.contains("order_id"), "\(variant.id)")
      }
    }
  }

  @Test func doubleElevenRepliesAreBoundToTheirWindow() throws {
    let (_, loaded) = try Self.load()
    let bound = loaded.phrasebook.entries(for: "presale").filter { $0.validity != nil }
    #expect(bound.count >= 5)
    let inside = try Date("2026-11-11T23:59:59+08:00", strategy: .iso8601)
    let after = try Date("2026-11-12T00:00:00+08:00", strategy: .iso8601)
    let before = try Date("2026-10-19T23:59:59+08:00", strategy: .iso8601)
    for entry in bound {
      #expect(entry.isValid(at: inside), "\(entry.id)")
      #expect(!entry.isValid(at: after), "\(entry.id)")
      #expect(!entry.isValid(at: before), "\(entry.id)")
    }
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
