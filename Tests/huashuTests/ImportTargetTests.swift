import Foundation
import TestScratch
import Testing

/// `phrasebook import` never writes into the phrasebooks shipped with huashu: a lead who runs
/// it away from the team's phrasebooks is told how to choose them, and nothing changes.
struct ImportTargetTests {
  @Test func anImportWithoutPhrasebooksLeavesTheShippedOnesAlone() throws {
    let home = try SuggestCommandTests.home()
    let bundle = home + "/team.yaml"
    let export = try CLI.run(
      ["phrasebook", "export", "-o", bundle], currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": home])
    #expect(export.status == 0, "\(export.stderr)")
    let shipped = CLI.packageRoot.appendingPathComponent("phrasebooks/team").path
    let before = try PhrasebookCommandTests.tree(shipped)
    // A directory with no ./phrasebooks, and no --phrasebooks.
    let elsewhere = Scratch.url("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    let result = try CLI.run(
      ["phrasebook", "import", bundle, "--mode", "replace"], currentDirectory: elsewhere,
      environment: ["HUASHU_HOME": home])
    #expect(result.status == 2)
    #expect(result.stderr.contains("does not import into the phrasebooks it ships with"))
    #expect(result.stderr.contains("--phrasebooks DIR"))
    #expect(try PhrasebookCommandTests.tree(shipped) == before)
  }

  @Test func anImportInTheDirectoryOfTheTeamsPhrasebooksGoesThere() throws {
    let home = try SuggestCommandTests.home()
    let bundle = home + "/team.yaml"
    let export = try CLI.run(
      ["phrasebook", "export", "-o", bundle], currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": home])
    #expect(export.status == 0, "\(export.stderr)")
    let shop = Scratch.url("shop")
    try FileManager.default.createDirectory(
      at: shop.appendingPathComponent("phrasebooks/team"), withIntermediateDirectories: true)
    let result = try CLI.run(
      ["phrasebook", "import", bundle, "--mode", "replace"], currentDirectory: shop,
      environment: ["HUASHU_HOME": home])
    #expect(result.status == 0, "\(result.stderr)")
    let written = try FileManager.default.contentsOfDirectory(
      atPath: shop.appendingPathComponent("phrasebooks/team").path)
    #expect(written.contains { $0.hasSuffix(".yaml") })
  }
}
