import Foundation
import Testing

/// `huashu phrasebook import / export / restore` against hostile and damaged input, and after
/// failed or killed runs: what a fuzz and fault run found, one test per defect.
struct InterchangeHardeningTests {
  typealias Place = PhrasebookCommandTests.Place

  static func hardening(_ name: String) -> String { CLI.fixture("interchange/hardening/" + name) }

  /// Every file under the place's home (phrasebooks, layers, backups).
  static func everything(_ place: Place) throws -> [String: Data] {
    try PhrasebookCommandTests.tree(place.home)
  }

  /// Where `../../outside.yaml` lands from a staging directory of the personal layer.
  static func besideHome(_ place: Place) -> String {
    (place.home as NSString).deletingLastPathComponent + "/outside.yaml"
  }

  // MARK: 1. File names

  @Test(arguments: [
    ("shop-overwrite.yaml", "team", "shop-overwrite.yaml:10:11: file 2 ('../shop.yaml')"),
    ("outside.json", "team", "outside.json file 1 ('../../outside.yaml')"),
    ("outside.json", "personal", "outside.json file 1 ('../../outside.yaml')"),
    ("absolute.yaml", "personal", "absolute.yaml:6:11: file 1 ('/tmp/huashu-hardening-"),
  ])
  func bundleFileNamesCannotLeaveTheLayer(fixture: String, layer: String, place expected: String)
    throws
  {
    let place = try Place().seeded()
    try? FileManager.default.removeItem(atPath: "/tmp/huashu-hardening-absolute.yaml")
    let before = try Self.everything(place)
    for extra in [[], ["--skip-invalid"], ["--mode", "replace", "--skip-invalid"]] {
      let result = try place.run(["import", Self.hardening(fixture), "--into", layer] + extra)
      #expect(result.status == 1, "\(extra): \(result.stderr)")
      #expect(result.stdout.contains(expected), "\(result.stdout)")
      #expect(result.stdout.contains("a bundle may only name plain .yaml files inside the layer"))
      #expect(result.stderr.contains("nothing was imported"), "\(result.stderr)")
      #expect(try Self.everything(place) == before, "\(fixture) \(extra) wrote something")
      #expect(!FileManager.default.fileExists(atPath: "/tmp/huashu-hardening-absolute.yaml"))
      #expect(!FileManager.default.fileExists(atPath: Self.besideHome(place)))
    }
  }

  /// Names edited into a genuine export: refused even when the hash check is waived, since
  /// anyone can recompute a hash.
  @Test(arguments: [
    "sub/x.yaml", "a\\b.yaml", ".hidden.yaml", "notes.txt", "x\u{0}.yaml", "..", "X.YAML",
    "line\nbreak.yaml", "./bargain.yaml",
  ])
  func forbiddenFileNamesAreRefusedEvenInAnEditedBundle(name: String) throws {
    let place = try Place().seeded()
    let bundle = place.home + "/edited.json"
    #expect(try place.run(["export", "--format", "json", "-o", bundle]).status == 0)
    let json = try String(contentsOfFile: bundle, encoding: .utf8)
    let escaped = String(data: try JSONEncoder().encode(name), encoding: .utf8) ?? ""
    try json.replacingOccurrences(of: "\"file\":\"bargain.yaml\"", with: "\"file\":\(escaped)")
      .write(toFile: bundle, atomically: true, encoding: .utf8)
    let before = try Self.everything(place)
    let result = try place.run(["import", bundle, "--accept-edited", "--skip-invalid"])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stdout.contains("edited.json file 2 ("), "\(result.stdout)")
    #expect(try Self.everything(place) == before)
  }

  @Test func importingIntoASymlinkedFileReplacesTheLinkNotItsTarget() throws {
    let place = try Place()
    let outside = place.home + "/outside-target.yaml"
    let original = "group: 外面\nentries:\n  - {id: outside.keep, intent: any, text: 不许改}\n"
    try original.write(toFile: outside, atomically: true, encoding: .utf8)
    let personal = place.home + "/personal"
    try FileManager.default.createDirectory(atPath: personal, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: personal + "/linked.yaml", withDestinationPath: outside)
    // A row of the link's group goes into the link's file.
    let csv = place.home + "/row.csv"
    try "快捷短语编码,快捷短语,快捷短语分组\nw1,新的回复,外面\n".write(
      toFile: csv, atomically: true, encoding: .utf8)
    let result = try place.run(["import", csv, "--into", "personal"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("changed: linked.yaml"), "\(result.stdout)")
    #expect(try String(contentsOfFile: outside, encoding: .utf8) == original)
    let attributes = try FileManager.default.attributesOfItem(atPath: personal + "/linked.yaml")
    #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    #expect(try String(contentsOfFile: personal + "/linked.yaml", encoding: .utf8).contains("新的回复"))
  }

  @Test func aDryRunListsTheFilesItWouldWrite() throws {
    let place = try Place().seeded()
    let result = try place.run([
      "import", CLI.fixture("interchange/qianniu-gb18030.csv"), "--mode", "replace", "--dry-run",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("files written ("))
    #expect(result.stdout.contains("    changed: greeting.yaml"))
    #expect(result.stdout.contains("    added: ungrouped.yaml"))
    #expect(result.stdout.contains("    removed: bargain.yaml"))
  }

  // MARK: 2. Content hash

  @Test func aBundleWhoseContentHashDoesNotMatchIsRefusedAsDamaged() throws {
    let place = try Place().seeded()
    let bundle = place.home + "/team.yaml"
    #expect(try place.run(["export", "-o", bundle]).status == 0)
    let text = try String(contentsOfFile: bundle, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let hashLine = try #require(lines.first { $0.hasPrefix("content_hash: ") })
    let actual = String(hashLine.dropFirst("content_hash: ".count))
    let deadbeef = place.home + "/deadbeef.yaml"
    try text.replacingOccurrences(of: actual, with: "deadbeef")
      .write(toFile: deadbeef, atomically: true, encoding: .utf8)
    // Cut at a line boundary, before an entry two thirds in.
    let cut = place.home + "/cut.yaml"
    let end = try #require(lines.prefix(lines.count * 2 / 3).lastIndex { $0.hasPrefix("  - id: ") })
    try (lines.prefix(end).joined(separator: "\n") + "\n")
      .write(toFile: cut, atomically: true, encoding: .utf8)
    let before = try Self.everything(place)
    for (path, expected) in [(deadbeef, "deadbeef"), (cut, actual)] {
      let result = try place.run(["import", path, "--mode", "replace"])
      #expect(result.status == 2, "\(result.stdout)")
      #expect(result.stderr.contains("\(path):3:15: the bundle is damaged"), "\(result.stderr)")
      #expect(result.stderr.contains("its content_hash is \(expected), but its files hash to "))
      #expect(result.stderr.contains("--accept-edited"))
      #expect(try Self.everything(place) == before)
    }
    // The actual hash of the cut bundle is reported too, and differs from the one it carries.
    let cutResult = try place.run(["import", cut])
    #expect(!cutResult.stderr.contains("files hash to \(actual)"))
    // Waived on purpose: imported as a hand-edited bundle.
    let waived = try place.run(["import", deadbeef, "--accept-edited"])
    #expect(waived.status == 0, "\(waived.stderr)")
    #expect(waived.stdout.contains("edited since its export"))
  }

  // MARK: 3. Spreadsheet formulas

  @Test func spreadsheetFormulasAreReportedOnImportAndNeutralizedOnExport() throws {
    let place = try Place()
    let imported = try place.run(["import", Self.hardening("formula.csv"), "--into", "personal"])
    #expect(imported.status == 0, "\(imported.stderr)")
    for (row, column, start) in [
      (2, "2 (快捷短语)", "'='"), (3, "2 (快捷短语)", "'+'"), (4, "2 (快捷短语)", "'-'"),
      (5, "1 (快捷短语编码)", "'@'"), (6, "2 (快捷短语)", "a tab"), (7, "3 (快捷短语分组)", "'='"),
    ] {
      #expect(
        imported.stdout.contains(
          "row \(row) (line \(row)), column \(column): the cell starts with \(start), which a "
            + "spreadsheet may run as a formula"), "\(imported.stdout)")
    }
    #expect(imported.stdout.contains("warnings (6)"), "\(imported.stdout)")
    // Kept as written; the ' before a formula character is the spreadsheet's marker, dropped.
    let json = try place.run(["export", "--layer", "personal", "--format", "json"])
    for text in ["=cmd|' /C calc'!A0", "+86 400 800 8888", "\"text\":\"=1+2\"", "'普通的撇号"] {
      #expect(json.stdout.contains(text), "\(text)")
    }
    let csv = place.home + "/out.csv"
    #expect(try place.run(["export", "--layer", "personal", "-o", csv]).status == 0)
    let exported = try String(contentsOfFile: csv, encoding: .utf8)
    for line in [
      "k1,'=cmd|' /C calc'!A0,问候", "k2,'+86 400 800 8888,问候", "k3,'-5元优惠券已发放,问候",
      "'@k4,你好,问候", "k5,'\t制表符开头,问候", "k6,普通回复,\"'=HYPERLINK(\"\"http://x\"\")\"",
      "k7,'=1+2,问候", "k8,'普通的撇号,问候",
    ] {
      #expect(exported.contains(line + "\r\n"), "\(line) in \(exported)")
    }
    // Our own export comes back unchanged, with nothing to warn about.
    let again = try place.run(["import", csv, "--into", "personal"])
    #expect(again.status == 0 && again.stdout.contains("nothing to import"), "\(again.stdout)")
    #expect(!again.stdout.contains("warnings"))
  }
}
