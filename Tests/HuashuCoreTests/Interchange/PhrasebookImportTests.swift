import Foundation
import Testing

@testable import HuashuCore

/// Import planning: merge and replace, the three-way check, invalid entries, and the Qianniu
/// CSV round trip.
struct PhrasebookImportTests {
  static let planner = PhrasebookImport(knownIntents: ["bargain", "cod"])

  static func entry(
    _ id: String, _ text: String, intent: String = "bargain", code: String? = nil,
    tags: [String]? = nil
  ) -> PhrasebookEntryDocument {
    PhrasebookEntryDocument(id: id, intent: intent, code: code, text: text, tags: tags)
  }

  static let layer = [
    PhrasebookBundle.File(
      file: "bargain.yaml", group: "议价",
      entries: [entry("b.firm", "活动价了", code: "yj1"), entry("b.gift", "送小礼物", code: "yj2")])
  ]

  @Test func mergeAddsAndUpdatesAndKeepsTheRest() {
    var files = Self.layer
    files[0].entries = [Self.entry("b.firm", "真的是活动价", code: "yj1"), Self.entry("b.new", "新的")]
    let plan = Self.planner.plan(
      current: Self.layer, incoming: .init(files: files), mode: .merge, onConflict: .fail)
    #expect(plan.added == ["b.new"])
    #expect(plan.changed.map(\.id) == ["b.firm"])
    #expect(plan.changed.first?.fields.map(\.field) == ["text"])
    #expect(plan.removed.isEmpty)
    #expect(plan.files.first?.entries.map(\.id) == ["b.firm", "b.gift", "b.new"])
  }

  @Test func replaceRemovesWhatTheImportLacks() {
    let incoming = [
      PhrasebookBundle.File(file: "bargain.yaml", group: "议价", entries: [Self.layer[0].entries[0]])
    ]
    let plan = Self.planner.plan(
      current: Self.layer, incoming: .init(files: incoming), mode: .replace, onConflict: .fail)
    #expect(plan.removed == ["b.gift"])
    #expect(plan.files.flatMap(\.entries).map(\.id) == ["b.firm"])
  }

  @Test func entriesEditedOnBothSidesSinceTheExportAreConflicts() {
    let bundle = PhrasebookBundle(layer: "team", files: Self.layer)
    var theirs = bundle.files
    theirs[0].entries[0].text = "他们改的"
    theirs[0].entries[1].text = "只有他们改了"
    var ours = Self.layer
    ours[0].entries[0].text = "我们改的"
    let incoming = PhrasebookImport.Incoming(files: theirs, baseHashes: bundle.entryHashes.values)
    let keep = Self.planner.plan(current: ours, incoming: incoming, mode: .merge, onConflict: .keep)
    #expect(keep.conflicts.map(\.id) == ["b.firm"])
    #expect(keep.changed.map(\.id) == ["b.gift"])
    #expect(keep.files[0].entries.map(\.text) == ["我们改的", "只有他们改了"])
    let theirsWins = Self.planner.plan(
      current: ours, incoming: incoming, mode: .merge, onConflict: .theirs)
    #expect(theirsWins.files[0].entries.map(\.text) == ["他们改的", "只有他们改了"])
  }

  @Test func anEntryEditedOnlyHereIsKeptOnMergeAndAConflictOnReplace() {
    let bundle = PhrasebookBundle(layer: "team", files: Self.layer)
    var ours = Self.layer
    ours[0].entries[1].text = "我们后来改的"
    let incoming = PhrasebookImport.Incoming(
      files: bundle.files, baseHashes: bundle.entryHashes.values)
    let merge = Self.planner.plan(
      current: ours, incoming: incoming, mode: .merge, onConflict: .fail)
    #expect(merge.keptLocalEdits == ["b.gift"])
    #expect(!merge.changesSomething)
    let replace = Self.planner.plan(
      current: ours, incoming: incoming, mode: .replace, onConflict: .fail)
    #expect(replace.conflicts.map(\.id) == ["b.gift"])
  }

  @Test func invalidEntriesAreReportedWithTheirPlace() {
    let incoming = [
      PhrasebookBundle.File(
        file: "a.yaml", group: "甲",
        entries: [Self.entry("x.one", "好的", code: "c1"), Self.entry("x.bad", "坏 { 模板")]),
      PhrasebookBundle.File(
        file: "b.yaml", group: "乙",
        entries: [
          Self.entry("x.one", "同一个id在另一组"), Self.entry("x.code", "重复编码", code: "c1"),
          Self.entry("x.intent", "未知意图", intent: "weather"),
        ]),
    ]
    let plan = Self.planner.plan(
      current: [], incoming: .init(files: incoming), mode: .merge, onConflict: .fail)
    #expect(
      plan.invalid.map(\.place) == [
        "a.yaml entry 2", "b.yaml entry 1", "b.yaml entry 2", "b.yaml entry 3",
      ])
    #expect(plan.invalid[1].message.contains("already used by a.yaml entry 1"))
    #expect(plan.added == ["x.one"])
  }

  /// Property: replies with commas, quotes, line breaks, emoji and traditional characters come
  /// back field for field through the Qianniu CSV.
  @Test func qianniuCSVRoundTripsGeneratedReplies() throws {
    var random = SyntheticWorkload.Generator(seed: 11)
    let pieces = ["亲", "，", ",", "\"", "\n", "😊", "貨到付款", "包郵", "{buyer|亲}", " ", "a1", "【】"]
    for round in 0..<40 {
      var files: [PhrasebookBundle.File] = []
      var code = 0
      for group in ["议价", "", "物流,快递"].prefix(Int.random(in: 1...3, using: &random)) {
        var file = PhrasebookBundle.File(
          file: PhrasebookLayer.fileName(forGroup: group), group: group.isEmpty ? nil : group,
          entries: [])
        for index in 0..<Int.random(in: 1...5, using: &random) {
          code += 1
          let text =
            "回复"
            + (0..<Int.random(in: 0...8, using: &random)).map { _ in
              pieces.randomElement(using: &random) ?? ""
            }.joined()
          file.entries.append(
            Self.entry("r\(round).\(group).\(index)", text, code: index % 3 == 0 ? nil : "k\(code)")
          )
        }
        files.append(file)
      }
      let csv = QianniuCSV.export(files)
      #expect(csv.hasPrefix("\u{FEFF}"))
      let decoded = try DecodedText(bytes: Array(csv.utf8))
      let incoming = try QianniuCSV.read(decoded.text, current: [])
      #expect(incoming.invalid.isEmpty, "\(incoming.invalid)")
      func rows(_ files: [PhrasebookBundle.File]) -> [[String]] {
        files.flatMap { file in
          file.entries.map { [$0.code ?? "", $0.text ?? "", file.group ?? ""] }
        }
      }
      #expect(rows(incoming.files) == rows(files))
      // Re-imported into the layer they came from, rows match their entries and keep the
      // fields the CSV cannot carry.
      let again = try QianniuCSV.read(decoded.text, current: files)
      #expect(again.files.flatMap(\.entries) == files.flatMap(\.entries))
    }
  }

  @Test func qianniuCSVRejectsAWrongHeaderAndReportsRaggedRowsAndDuplicateCodes() throws {
    #expect(throws: QianniuCSV.Failure.self) {
      try QianniuCSV.read("code,text,group\n1,a,b\n", current: [])
    }
    #expect(throws: QianniuCSV.Failure.self) { try QianniuCSV.read("", current: []) }
    let incoming = try QianniuCSV.read(
      "快捷短语编码,快捷短语,快捷短语分组\nk1,你好,问候\nk2,只有两列\nk1,又是k1,问候\n,,问候\n", current: [])
    #expect(
      incoming.invalid.map(\.place) == ["row 3 (line 3)", "row 4 (line 4)", "row 5 (line 5)"])
    #expect(incoming.files.flatMap(\.entries).map(\.text) == ["你好"])
  }
}
