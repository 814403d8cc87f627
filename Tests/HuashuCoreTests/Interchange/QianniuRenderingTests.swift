import Foundation
import Testing

@testable import HuashuCore

/// The rendered Qianniu CSV: placeholders filled from the shop profile or their fallbacks,
/// replies that cannot be rendered left out, replies with pictures listed.
struct QianniuRenderingTests {
  static let values = QianniuCSV.exportValues(from: ShopProfile(shop: "好物小铺"))

  static func file(_ entries: [PhrasebookEntryDocument]) -> [PhrasebookBundle.File] {
    [PhrasebookBundle.File(file: "a.yaml", group: "问候", entries: entries)]
  }

  @Test(arguments: [
    ("{buyer|亲}，欢迎光临！", "亲，欢迎光临！"),
    ("欢迎光临{shop}", "欢迎光临好物小铺"),  // the profile's value
    ("欢迎光临{shop|本店}", "欢迎光临好物小铺"),  // the profile's value wins over the fallback
    ("订单{order_id|}已发出", "订单已发出"),  // an empty fallback
    ("运费{shipping_fee|按地区收费}", "运费按地区收费"),  // no region: the fallback
    ("价格写作{{价格}}哦", "价格写作{价格}哦"),  // literal braces
    ("😀{buyer|亲}～全角！", "😀亲～全角！"),
    ("=1+2{buyer|}", "'=1+2"),  // neutralized like the raw export
  ])
  func rendersPlaceholders(_ source: String, expected: String) throws {
    let entry = PhrasebookEntryDocument(id: "a.one", intent: "greeting", code: "k1", text: source)
    let rendering = QianniuCSV.rendered(Self.file([entry]), values: Self.values)
    #expect(rendering.rows == [["k1", expected, "问候"]])
    #expect(rendering.leftOut.isEmpty && rendering.imageReplies.isEmpty)
  }

  @Test(arguments: [
    ("运费{shipping_fee}元", QianniuCSV.LeftOutReply.Reason.missingValues(["shipping_fee"])),
    ("{region}到{shipping_fee}", .missingValues(["region", "shipping_fee"])),
    ("{order_id|}", .emptyText),
    ("", .emptyText),
  ])
  func leavesOutWhatCannotBeRendered(
    _ source: String, reason: QianniuCSV.LeftOutReply.Reason
  ) throws {
    let entries = [
      PhrasebookEntryDocument(id: "a.ok", intent: "greeting", text: "你好"),
      PhrasebookEntryDocument(id: "a.bad", intent: "greeting", text: source),
    ]
    let location = SourceLocation(path: "team/a.yaml", line: 7, column: 5)
    let rendering = QianniuCSV.rendered(
      Self.file(entries), values: Self.values, locations: ["a.bad": location])
    #expect(rendering.rows == [["", "你好", "问候"]])
    let leftOut = try #require(rendering.leftOut.first)
    #expect(rendering.leftOut.count == 1)
    #expect(leftOut.reason == reason)
    #expect(leftOut.place.id == "a.bad" && leftOut.place.entryNumber == 2)
    #expect(leftOut.place.description == "team/a.yaml:7:5")
  }

  @Test func anInvalidTemplateIsLeftOutWithItsProblem() throws {
    let entry = PhrasebookEntryDocument(id: "a.bad", intent: "greeting", text: "坏}了")
    let rendering = QianniuCSV.rendered(Self.file([entry]), values: [:])
    #expect(rendering.rows.isEmpty)
    let leftOut = try #require(rendering.leftOut.first)
    guard case .invalidTemplate(let error) = leftOut.reason else {
      Issue.record("expected an invalid template, got \(leftOut.reason)")
      return
    }
    #expect(error.characterOffset == 1)
    #expect(leftOut.place.description == "a.yaml entry 1")
  }

  @Test func picturesAreListedAndTheTextExported() throws {
    var entry = PhrasebookEntryDocument(id: "a.pic", intent: "greeting", text: "{buyer|亲}看图")
    entry.images = ["images/size.png", "https://example.com/a.jpg"]
    let rendering = QianniuCSV.rendered(Self.file([entry]), values: [:])
    #expect(rendering.rows == [["", "亲看图", "问候"]])
    #expect(rendering.imageReplies.map(\.images) == [entry.images ?? []])
    #expect(rendering.text.hasPrefix("\u{FEFF}快捷短语编码,快捷短语,快捷短语分组\r\n,亲看图,问候\r\n"))
  }

  @Test func theShippingFeeIsNotAProfileValue() {
    let profile = ShopProfile(
      shop: "好物小铺",
      shipping: .init(unit: "元/公斤", zones: [.init(name: "同城", regions: ["武汉"], fee: 6)]))
    #expect(QianniuCSV.exportValues(from: profile) == ["shop": "好物小铺"])
    #expect(QianniuCSV.exportValues(from: ShopProfile()).isEmpty)
  }

  @Test func entryLocationsPointAtEachEntry() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("qianniu-rendering-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let yaml = """
      group: 问候
      entries:
        - id: a.one
          intent: greeting
          text: 你好
        - {id: a.two, intent: greeting, text: '{buyer|亲}'}
      """
    try yaml.write(toFile: directory + "/a.yaml", atomically: true, encoding: .utf8)
    let files = Self.file([
      PhrasebookEntryDocument(id: "a.one", intent: "greeting", text: "你好"),
      PhrasebookEntryDocument(id: "a.two", intent: "greeting", text: "{buyer|亲}"),
    ])
    let locations = QianniuCSV.entryLocations(of: files, inLayer: directory)
    #expect(locations["a.one"].map { [$0.line, $0.column] } == [3, 5])
    #expect(locations["a.two"].map { [$0.line, $0.column] } == [6, 5])
  }
}
