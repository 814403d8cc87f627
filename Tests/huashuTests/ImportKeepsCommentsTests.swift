import Foundation
import TestScratch
import Testing

/// An import rewrites only the files whose entries changed, and those keep their comments.
struct ImportKeepsCommentsTests {
  @Test func aChangedFileKeepsItsCommentsAndTheOthersTheirBytes() throws {
    let place = try PhrasebookCommandTests.Place()
    try FileManager.default.createDirectory(
      atPath: place.phrasebooks, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: CLI.packageRoot.appendingPathComponent("phrasebooks/team").path,
      toPath: place.team)
    let before = try PhrasebookCommandTests.tree(place.team)
    let bundle = place.home + "/edited.yaml"
    let export = try place.run(["export", "-o", bundle])
    #expect(export.status == 0, "\(export.stderr)")
    // One reply of bargain.yaml says something else.
    let original = "价格本身就很实在"
    let text = try String(contentsOfFile: bundle, encoding: .utf8)
    #expect(text.contains(original))
    try text.replacingOccurrences(of: original, with: "价格已经很实在")
      .write(toFile: bundle, atomically: true, encoding: .utf8)
    let imported = try place.run(["import", bundle, "--mode", "replace", "--accept-edited"])
    #expect(imported.status == 0, "\(imported.stderr)")
    let after = try PhrasebookCommandTests.tree(place.team)
    let changed = after.keys.filter { after[$0] != before[$0] }.sorted()
    #expect(changed == ["bargain.yaml"])
    let bargain = String(decoding: after["bargain.yaml"] ?? Data(), as: UTF8.self)
    #expect(bargain.contains("价格已经很实在"))
    // The comment lines, in order (indented as the rewritten file's entries are).
    let comments = { (text: String) in
      text.split(separator: "\n").map { $0.drop { $0 == " " } }.filter { $0.hasPrefix("#") }
    }
    let old = String(decoding: before["bargain.yaml"] ?? Data(), as: UTF8.self)
    #expect(!comments(old).isEmpty)
    #expect(comments(bargain) == comments(old))
  }
}
