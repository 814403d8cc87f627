import Foundation
import Testing

/// `huashu phrasebook export / import / restore`, run as a team lead would.
struct PhrasebookCommandTests {
  /// A fresh huashu home and an empty phrasebook directory beside it.
  struct Place {
    let home: String
    let phrasebooks: String

    init() throws {
      home = try SuggestCommandTests.home()
      phrasebooks = home + "/phrasebooks"
    }

    var team: String { phrasebooks + "/team" }

    func run(_ arguments: [String]) throws -> CLI.Result {
      try CLI.run(
        ["phrasebook"] + arguments + ["--phrasebooks", phrasebooks],
        currentDirectory: CLI.packageRoot, environment: ["HUASHU_HOME": home])
    }

    /// The shipped team layer, imported here.
    func seeded() throws -> Place {
      let bundle = home + "/shipped.yaml"
      let export = try CLI.run(
        ["phrasebook", "export", "-o", bundle], currentDirectory: CLI.packageRoot,
        environment: ["HUASHU_HOME": home])
      #expect(export.status == 0, "\(export.stderr)")
      let imported = try run(["import", bundle, "--mode", "replace"])
      #expect(imported.status == 0, "\(imported.stderr)")
      return self
    }
  }

  /// Every file under `directory` with its bytes, to compare trees.
  static func tree(_ directory: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: directory)
    while let path = enumerator?.nextObject() as? String {
      let full = directory + "/" + path
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        files[path] = try Data(contentsOf: URL(fileURLWithPath: full))
      }
    }
    return files
  }

  @Test(arguments: ["yaml", "json"])
  func exportImportExportIsByteForByte(format: String) throws {
    let place = try Place()
    let first = place.home + "/first.\(format)"
    let export = try CLI.run(
      ["phrasebook", "export", "-o", first], currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": place.home])
    #expect(export.status == 0, "\(export.stderr)")
    let imported = try place.run(["import", first, "--mode", "replace"])
    #expect(imported.status == 0, "\(imported.stderr)")
    let second = place.home + "/second.\(format)"
    #expect(try place.run(["export", "-o", second]).status == 0)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: first))
        == Data(contentsOf: URL(fileURLWithPath: second)))
    // The imported layer is a working phrasebook.
    let suggest = try CLI.run(
      ["suggest", "--phrasebooks", place.phrasebooks], input: Data("老板能便宜点吗\n".utf8),
      currentDirectory: CLI.packageRoot, environment: ["HUASHU_HOME": place.home])
    #expect(suggest.status == 0 && suggest.stdout.contains("bargain."), "\(suggest.stderr)")
  }

  @Test func aGB18030SpreadsheetImportsWithTheRightCharacters() throws {
    let place = try Place()
    let result = try place.run(
      ["import", CLI.fixture("interchange/qianniu-gb18030.csv"), "--into", "personal"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("read as GB18030"))
    let export = try place.run(["export", "--layer", "personal", "--format", "json"])
    let bundle = try #require(
      try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
    let files = bundle["files"] as? [[String: Any]] ?? []
    let texts = files.flatMap {
      ($0["entries"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
    }
    #expect(
      Set(texts) == [
        "亲，欢迎光临本店！有什么可以帮您？", "亲，您的包裹已发出，單號可在訂單詳情查看",
        "送您一份小禮物，\"惊喜\"哦\r\n第二行",
      ])
    #expect(files.compactMap { $0["group"] as? String }.sorted() == ["物流", "问候"])
    let personal = export.stdout
    #expect(personal.contains("\"intent\":\"unassigned\""))
    let lint = try CLI.run(
      ["lint", "--personal", place.home + "/personal"], currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": place.home])
    #expect(lint.stderr.contains("has no intent"))
  }

  @Test func rawCSVExportHasTheHeaderAndABOMAndReimportsIntoTheSameEntries() throws {
    let place = try Place().seeded()
    let csv = place.home + "/out.csv"
    // --raw keeps the placeholders; the rendered CSV is for Qianniu (QianniuExportTests).
    #expect(try place.run(["export", "--format", "qianniu-csv", "--raw", "-o", csv]).status == 0)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: csv))
    #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("快捷短语编码,快捷短语,快捷短语分组\r\n"))
    let before = try Self.tree(place.team)
    let again = try place.run(["import", csv])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("nothing to import"))
    #expect(try Self.tree(place.team) == before)
  }

  @Test func theDiffCountsEntriesNotLines() throws {
    let place = try Place().seeded()
    let csv = place.home + "/edited.csv"
    #expect(try place.run(["export", "--format", "qianniu-csv", "--raw", "-o", csv]).status == 0)
    // One reply gets a new text: one entry, printed on two lines (its id, then the field).
    let text = try String(contentsOfFile: csv, encoding: .utf8)
    try text.replacingOccurrences(of: "这款现在已经是活动价了", with: "这款现在已经是新活动价了")
      .write(toFile: csv, atomically: true, encoding: .utf8)
    let result = try place.run(["import", csv, "--dry-run"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains("  changed (1):\n    bargain.firm-activity-price:\n"),
      "\(result.stdout)")
  }

  @Test func aDryRunChangesNoFile() throws {
    let place = try Place().seeded()
    let before = try Self.tree(place.home)
    let result = try place.run([
      "import", CLI.fixture("interchange/qianniu-gb18030.csv"), "--mode", "replace", "--dry-run",
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("removed ("))
    #expect(result.stdout.contains("dry run: nothing was written"))
    #expect(try Self.tree(place.home) == before)
  }

  @Test func aCrashBetweenFilesLeavesTheOldLayerAndRestoreBringsItBack() throws {
    let place = try Place().seeded()
    let before = try Self.tree(place.team)
    let csv = CLI.fixture("interchange/qianniu-gb18030.csv")
    let crashed = try CLI.run(
      ["phrasebook", "import", csv, "--mode", "replace", "--phrasebooks", place.phrasebooks],
      currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": place.home, "HUASHU_TEST_CRASH_AFTER_FILES": "1"])
    #expect(crashed.status == 70)
    #expect(try Self.tree(place.team) == before)
    // The same import, finished: the layer is the new one, and the backup restores the old.
    let done = try place.run(["import", csv, "--mode", "replace"])
    #expect(done.status == 0, "\(done.stderr)")
    let after = try Self.tree(place.team)
    #expect(after != before)
    // Rows go to the files of their groups (问候 is greeting.yaml's group).
    #expect(Set(after.keys) == ["logistics.yaml", "greeting.yaml", "ungrouped.yaml"])
    let restore = try CLI.run(
      ["phrasebook", "restore"], currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": place.home])
    #expect(restore.status == 0, "\(restore.stderr)")
    #expect(try Self.tree(place.team) == before)
    let list = try CLI.run(
      ["phrasebook", "restore", "--list"], currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": place.home])
    #expect(list.stdout.split(separator: "\n").count == 2, "\(list.stdout)")
  }

  @Test func conflictsStopTheImportUnlessAPolicyIsChosen() throws {
    let place = try Place().seeded()
    let bundle = place.home + "/team.yaml"
    #expect(try place.run(["export", "-o", bundle]).status == 0)
    // Both sides edit the same reply after the export.
    let ours = place.team + "/bargain.yaml"
    let text = try String(contentsOfFile: ours, encoding: .utf8)
    try text.replacingOccurrences(of: "这款现在已经是活动价了", with: "我们改过的活动价")
      .write(toFile: ours, atomically: true, encoding: .utf8)
    let theirs = try String(contentsOfFile: bundle, encoding: .utf8)
    try theirs.replacingOccurrences(of: "这款现在已经是活动价了", with: "他们改过的活动价")
      .write(toFile: bundle, atomically: true, encoding: .utf8)
    // Edited by hand after the export: imported only when said so (--accept-edited).
    let refused = try place.run(["import", bundle, "--accept-edited"])
    #expect(refused.status == 1)
    #expect(refused.stdout.contains("bargain.firm-activity-price"))
    #expect(refused.stderr.contains("--on-conflict"))
    #expect(try String(contentsOfFile: ours, encoding: .utf8).contains("我们改过的活动价"))
    #expect(
      try place.run(["import", bundle, "--accept-edited", "--on-conflict", "theirs"]).status == 0)
    #expect(try String(contentsOfFile: ours, encoding: .utf8).contains("他们改过的活动价"))
  }

  @Test func badInputIsReportedAndChangesNothing() throws {
    let place = try Place().seeded()
    let before = try Self.tree(place.home)
    let cases: [(name: String, bytes: Data, message: String, status: Int32)] = [
      ("empty.csv", Data(), "empty", 2),
      ("header.csv", Data("code,text,group\nk,你好,问候\n".utf8), "expected 快捷短语编码", 2),
      ("binary.csv", Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x01]), "binary", 2),
      ("ragged.csv", Data("快捷短语编码,快捷短语,快捷短语分组\nk1,你好\n".utf8), "row 2 (line 2): 2 fields", 1),
      (
        "codes.csv", Data("快捷短语编码,快捷短语,快捷短语分组\nk1,你好,问候\nk1,再见,问候\n".utf8),
        "code 'k1' is already used on row 2", 1
      ),
      ("quote.csv", Data("快捷短语编码,快捷短语,快捷短语分组\nk1,\"没关上,问候\n".utf8), "never closed", 2),
      (
        "collide.yaml",
        Data(
          """
          format_version: 1
          layer: team
          content_hash: be0c368ad35c8bc82e7c3571940b53b87094fcc4ba822b2df8fe741c69c1897a
          entry_hashes: {}
          files:
            - {file: a.yaml, group: 甲, entries: [{id: same.id, intent: bargain, text: 一}]}
            - {file: b.yaml, group: 乙, entries: [{id: same.id, intent: bargain, text: 二}]}
          """.utf8), "ids must be unique across groups", 1
      ),
      ("notabundle.yaml", Data("hello: world\n".utf8), "unknown key `hello`", 2),
    ]
    for item in cases {
      let path = place.home + "/" + item.name
      try item.bytes.write(to: URL(fileURLWithPath: path))
      let result = try place.run(["import", path])
      #expect(result.status == item.status, "\(item.name): \(result.stderr)")
      #expect(
        (result.stdout + result.stderr).contains(item.message),
        "\(item.name): \(result.stdout) \(result.stderr)")
      try FileManager.default.removeItem(atPath: path)
    }
    // 17 MB: refused before it is read.
    let big = place.home + "/big.csv"
    #expect(FileManager.default.createFile(atPath: big, contents: nil))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
    try handle.truncate(atOffset: 17 * 1_048_576)
    try handle.close()
    let result = try place.run(["import", big])
    #expect(result.status == 2 && result.stderr.contains("at most 16 MB"), "\(result.stderr)")
    try FileManager.default.removeItem(atPath: big)
    #expect(try Self.tree(place.home) == before)
  }
}
