import Foundation
import TestScratch
import Testing

/// A quick phrase an agent exported from Qianniu, in a group the team has, answers what that
/// group answers: imported into the personal layer it is suggested, not left `unassigned`.
struct PersonalCSVIntentTests {
  @Test func aPersonalRowInATeamGroupGetsTheGroupsIntent() throws {
    let home = try SuggestCommandTests.home()
    let csv = home + "/mine.csv"
    try """
    快捷短语编码,快捷短语,快捷短语分组
    myj1,亲，这已经是我能给的最低价啦，真的不能再少了,议价
    my1,亲，这句话的分组团队里没有,我的分组

    """.write(toFile: csv, atomically: true, encoding: .utf8)
    let imported = try CLI.run(
      ["phrasebook", "import", csv, "--into", "personal"], currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": home])
    #expect(imported.status == 0, "\(imported.stderr)")
    let personal = try FileManager.default.contentsOfDirectory(atPath: home + "/personal")
      .filter { $0.hasSuffix(".yaml") }
      .map { try String(contentsOfFile: home + "/personal/" + $0, encoding: .utf8) }
      .joined(separator: "\n")
    #expect(personal.contains("intent: bargain"))
    #expect(personal.contains("intent: unassigned"), "a group no layer knows stays unassigned")
    let suggested = try CLI.run(
      ["suggest", "--format", "json", "--top", "20"], input: Data("能便宜点吗\n".utf8),
      currentDirectory: CLI.packageRoot, environment: ["HUASHU_HOME": home])
    #expect(suggested.status == 0, "\(suggested.stderr)")
    #expect(suggested.stdout.contains("这已经是我能给的最低价啦"))
  }
}
