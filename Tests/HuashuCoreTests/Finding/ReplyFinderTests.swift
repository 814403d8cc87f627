import Foundation
import Testing

@testable import HuashuCore

/// Finding replies by code, words and pinyin initials.
struct ReplyFinderTests {
  static func entry(
    _ id: String, code: String?, group: String, text: String
  ) throws -> PhrasebookEntry {
    PhrasebookEntry(
      id: ReplyID(id), intent: "any", code: code, template: try ReplyTemplate(text), step: nil,
      tags: [], images: [], group: group, layer: .team,
      location: SourceLocation(path: "t.yaml", line: 1, column: 1))
  }

  static let finder: ReplyFinder = {
    let entries = try? [
      entry("fee.quote-10", code: "yf10", group: "运费", text: "{buyer|亲}，运费是{fee}元哦"),
      entry("fee.quote", code: "yf1", group: "运费", text: "亲，发到您那边运费是10元"),
      entry("cod.ask", code: "hd1", group: "货到付款", text: "亲，货到付款要多付一点手续费"),
      entry("bargain.firm", code: "yj1", group: "议价", text: "亲，已经是活动价了哦"),
      entry("quality.photo", code: "zl1", group: "质量问题", text: "亲，麻烦拍照片给我看看"),
      entry("reship.again", code: "bf1", group: "少发漏发", text: "亲，重新发货给您，银行卡不用动"),
      entry("refund.return", code: "th1", group: "退换货", text: "好的，还款三天内到账"),
    ]
    return ReplyFinder(phrasebook: Phrasebook(entries: entries ?? []))
  }()

  static func ids(_ matches: [ReplyFinder.Match]) -> [String] {
    matches.map(\.entry.id.rawValue)
  }

  @Test func exactCodeBeatsCodePrefixCaseInsensitively() {
    let matches = Self.finder.find("YF1")
    #expect(Self.ids(matches) == ["fee.quote", "fee.quote-10"])
    #expect(matches.map(\.kind) == [.code, .codePrefix])
    #expect(matches[0].score > matches[1].score)
    #expect(Self.ids(Self.finder.find("ｙｆ")) == ["fee.quote-10", "fee.quote"])
  }

  @Test(arguments: [
    ("運費", ["fee.quote-10", "fee.quote"]),  // traditional folds to simplified
    ("货到付款", ["cod.ask"]),
    ("质量", ["quality.photo"]),
    ("活动价", ["bargain.firm"]),
    ("银行 重新", ["reship.again"]),  // every word, in any order
    ("银行 运费", []),
  ])
  func findsWordsInTextOrGroupNormalized(_ query: String, expected: [String]) {
    let matches = Self.finder.find(query)
    #expect(Self.ids(matches) == expected)
    #expect(matches.allSatisfy { $0.kind == .words })
  }

  @Test func wordsInTheGroupRankAboveWordsInTheText() {
    let book = Phrasebook(
      entries: [
        try? Self.entry("a", code: nil, group: "议价", text: "运费不能少"),
        try? Self.entry("b", code: nil, group: "运费", text: "亲"),
      ].compactMap { $0 })
    #expect(Self.ids(ReplyFinder(phrasebook: book).find("运费")) == ["b", "a"])
  }

  @Test(arguments: [
    ("hdfk", "cod.ask", ReplyFinder.Match.Kind.groupInitials),
    ("hdf", "cod.ask", .groupInitials),
    ("sfl", "reship.again", .groupInitials),
    ("zlwt", "quality.photo", .groupInitials),
    ("mfpz", "quality.photo", .textInitials),  // 麻烦拍照, a clause of the text
    ("hkstn", "refund.return", .textInitials),  // 还款三天内: hai and huan share h
  ])
  func findsPinyinInitials(_ query: String, id: String, kind: ReplyFinder.Match.Kind) {
    let first = Self.finder.find(query).first
    #expect(first?.entry.id.rawValue == id)
    #expect(first?.kind == kind)
  }

  @Test func codePrefixBeatsGroupInitials() {
    #expect(Self.finder.find("yj").map(\.kind) == [.codePrefix])
  }

  @Test func wholeGroupInitialsScoreAboveAPrefix() throws {
    let whole = try #require(Self.finder.find("hdfk").first)
    let prefix = try #require(Self.finder.find("hdf").first)
    #expect(whole.score > prefix.score)
  }

  @Test(arguments: [
    ("cxfh", true), ("zxfh", true),  // 重新发货: chong (common) and zhong (ICU's)
    ("yhk", true), ("yxk", true),  // 银行卡: hang and ICU's xing
    ("cxfk", false), ("yhx", false),
  ])
  func polyphonesAcceptBothReadings(_ query: String, found: Bool) {
    let first = Self.finder.find(query).first
    #expect((first?.entry.id.rawValue == "reship.again") == found)
    if found { #expect(first?.kind == .textInitials) }
  }

  @Test func everyListedPolyphoneHasASecondInitialFromICU() {
    for (character, other) in PinyinInitials.polyphones {
      let own = PinyinInitials.icuInitial(of: character)
      let second = PinyinInitials.icuInitial(of: other)
      #expect(own.bits != 0 && second.bits != 0, "\(character) \(other)")
      #expect(own != second, "\(character) and \(other) share an initial in ICU")
    }
    // ICU reads characters alone: a word gives no context to choose a reading.
    #expect(PinyinInitials.reading(of: "行") == "xing")
    #expect(("银行".applyingTransform(PinyinInitials.transform, reverse: false)) == "yin xing")
  }

  @Test func usageBreaksTiesThenPhrasebookOrder() {
    #expect(Self.ids(Self.finder.find("yf")) == ["fee.quote-10", "fee.quote"])
    let used = Self.finder.find("yf", usage: [ReplyID("fee.quote"): 3])
    #expect(Self.ids(used) == ["fee.quote", "fee.quote-10"])
    #expect(used[0].accepted == 3)
    // Usage never lifts a worse kind of match above a better one.
    let exact = Self.finder.find("yf1", usage: [ReplyID("fee.quote-10"): 99])
    #expect(Self.ids(exact) == ["fee.quote", "fee.quote-10"])
  }

  @Test func blankQueryOrNoMatchFindsNothingAndTheLimitHolds() {
    #expect(Self.finder.find("   ").isEmpty)
    #expect(Self.finder.find("qwxz").isEmpty)
    #expect(Self.finder.find("yf", limit: 1).count == 1)
  }

  @Test func shippedPhrasebookAnswersTheBenchQueries() throws {
    let (_, loaded) = try ShippedPhrasebookTests.load()
    let finder = ReplyFinder(phrasebook: loaded.phrasebook)
    #expect(finder.find("yf1").first?.entry.code == "yf1")
    #expect(finder.find("hdfk").first?.entry.group == "货到付款")
    #expect(finder.find("zlwt").first?.entry.group == "质量问题")
    #expect(finder.find("運費").first?.entry.group == "运费")
    for query in FindBenchmark.queries.dropLast() {
      #expect(!finder.find(query).isEmpty, "\(query)")
    }
  }

  @Test func benchmarkMeasuresBuildAndQueries() {
    let figures = FindBenchmark(
      phrasebook: Self.finder.phrasebook, queryCount: 24, rounds: 2
    ).measure()
    #expect(figures.replies == 7)
    #expect(figures.queries == 24)
    #expect(figures.queriesPerSecond > 0 && figures.buildSeconds > 0)
    #expect(figures.matchesPerQuery > 0)
    let table = BenchmarkReport(rows: [], suggest: nil, find: figures).table
    #expect(table.contains("find (7 replies, 24 queries)"))
  }
}
