import Foundation
import Testing

@testable import HuashuCore

struct ShopProfileTests {
  static let profile = ShopProfile(
    shop: "好物小铺",
    shipping: ShopProfile.Shipping(
      unit: "元/公斤", note: nil,
      zones: [
        .init(name: "同城", regions: ["武汉"], fee: 6, confirm: nil),
        .init(name: "湖北", regions: ["湖北"], fee: 8, confirm: nil),
        .init(name: "偏远", regions: ["四川", "内蒙古", "黑龙江"], fee: 15, confirm: nil),
        .init(name: "确认", regions: ["西藏"], fee: nil, confirm: true),
        .init(name: "其他", regions: ["广东"], fee: 12.5, confirm: nil),
      ]))

  @Test(arguments: [
    ("四川", "15元"), ("四川省", "15元"), ("四川成都", "15元"), ("内蒙", "15元"),
    ("武汉", "6元"), ("湖北武汉", "6元"), ("湖北省", "8元"), ("黑龍江", "15元"),
    ("广东", "12.5元"),
  ])
  func quotesTheZoneFee(_ region: String, fee: String) {
    #expect(Self.profile.shippingQuote(for: region).feeText == fee)
  }

  @Test func remoteRegionMustBeConfirmed() {
    #expect(Self.profile.shippingQuote(for: "西藏自治区") == .confirmFirst(zone: "确认", region: "西藏自治区"))
  }

  @Test(arguments: ["火星", "成都", "川", "", "  "])
  func unlistedRegionIsUnknownNotGuessed(_ region: String) {
    let quote = Self.profile.shippingQuote(for: region)
    #expect(quote == .unknown(region: region))
    #expect(quote.feeText == nil)
  }

  @Test func noRegionIsUnknown() {
    #expect(Self.profile.shippingQuote(for: nil) == .unknown(region: nil))
  }

  @Test func loaderReportsZonesWithoutFeeAndUnknownKeys() throws {
    let directory = try TestSupport.temporaryDirectory(files: [
      "shop.yaml": """
      shop: 小店
      shipping:
        zones:
          - name: 偏远
            regions: [新疆]
          - name: 同城
            regoins: [武汉]
            fee: 6
      """
    ])
    let result = ShopProfileLoader().load(path: directory + "/shop.yaml")
    let messages = result.diagnostics.map(\.description)
    #expect(result.diagnostics.count == 2, "\(messages)")
    #expect(messages.contains { $0.contains("shop.yaml:4:7") && $0.contains("neither `fee`") })
    #expect(
      messages.contains { $0.contains("shop.yaml:7:7") && $0.contains("did you mean `regions`") })
  }

  @Test func aProvinceInNoZoneOrInTwoIsReportedForLint() throws {
    let directory = try TestSupport.temporaryDirectory(files: [
      "shop.yaml": """
      shop: 小店
      shipping:
        zones:
          - name: 同城
            regions: [武汉]
            fee: 6
          - name: 偏远
            regions: [新疆, 西藏自治区]
            fee: 15
          - name: 其他
            regions: [新疆, 火星]
            fee: 12
      """
    ])
    let result = ShopProfileLoader().load(path: directory + "/shop.yaml")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let messages = result.coverage.map(\.description)
    // 新疆 twice (at the second zone's regions), 火星 unknown, and every province but 新疆 and
    // 西藏 in none; 武汉 is a city, more specific than its province, and covers nothing.
    #expect(messages.contains { $0.contains("shop.yaml:11:") && $0.contains("新疆 is in two zones") })
    #expect(messages.contains { $0.contains("'火星' is neither a province nor a city") })
    #expect(messages.contains { $0.contains("province 湖北 is in no shipping zone") })
    #expect(!messages.contains { $0.contains("province 西藏") })
    #expect(!messages.contains { $0.contains("香港") || $0.contains("台湾") })
    #expect(result.coverage.filter { $0.message.contains("in no shipping zone") }.count == 29)
  }

  @Test func theShippedTableCoversEveryProvinceOnce() throws {
    let result = ShopProfileLoader().load(
      path: TestSupport.packageRoot.appendingPathComponent("phrasebooks/shop.yaml").path)
    #expect(result.diagnostics.isEmpty && result.coverage.isEmpty, "\(result.coverage)")
  }

  /// Seed 002's 相对本地: a shop in 上海 has 江浙沪 as its local zone; the table is the shop's
  /// own, and lint warns when the shop's place is not its cheapest zone.
  @Test func theShopsOwnPlaceIsItsLocalZone() throws {
    let others =
      "[北京, 天津, 河北, 山西, 内蒙古, 辽宁, 吉林, 黑龙江, 安徽, 福建, 江西, 山东, 河南, 湖北, 湖南, "
      + "广东, 广西, 海南, 重庆, 四川, 贵州, 云南, 西藏, 陕西, 甘肃, 青海, 宁夏, 新疆]"
    func load(_ zones: String) throws -> ShopProfileLoader.Result {
      let directory = try TestSupport.temporaryDirectory(files: [
        "shop.yaml": "shop: 沪店\norigin: 上海\nshipping:\n  zones:\n" + zones
      ])
      return ShopProfileLoader().load(path: directory + "/shop.yaml")
    }
    let local = try load(
      "    - {name: 江浙沪, regions: [上海, 江苏, 浙江], fee: 6}\n"
        + "    - {name: 其他, regions: \(others), fee: 12}\n")
    #expect(local.diagnostics.isEmpty && local.coverage.isEmpty, "\(local.coverage)")
    #expect(local.profile.shippingQuote(for: "浙江杭州").feeText == "6元")
    let misplaced = try load(
      "    - {name: 江浙, regions: [江苏, 浙江], fee: 6}\n"
        + "    - {name: 其他, regions: \(others.dropLast()), 上海], fee: 12}\n")
    #expect(
      misplaced.coverage.contains { $0.message.contains("own place 上海 is quoted 12") },
      "\(misplaced.coverage)")
  }
}
