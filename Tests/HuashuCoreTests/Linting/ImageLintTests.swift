import Foundation
import Testing

@testable import HuashuCore

/// Image replies (图文一键回复): a local image that is not there is a lint warning at the image.
struct ImageLintTests {
  @Test func missingLocalImageIsAWarningAtTheImage() throws {
    let root = try TestSupport.temporaryDirectory(files: [:])
    let team = root + "/team"
    try FileManager.default.createDirectory(
      atPath: root + "/images", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: team, withIntermediateDirectories: true)
    try Data("png".utf8).write(to: URL(fileURLWithPath: root + "/images/size-chart.png"))
    let replies = """
      group: 尺码
      entries:
        - id: bargain.chart
          intent: bargain
          text: '{buyer|亲}，尺码表发您'
          images: [images/size-chart.png, images/gone.png, 'https://example.com/a.png']
      """
    try replies.write(toFile: team + "/b.yaml", atomically: true, encoding: .utf8)
    let rules = try TestSupport.load(["bargain.yaml": LinterTests.clean])
    let phrasebook = try PhrasebookLoader(knownIntents: ["bargain"]).load(
      teamDirectory: team, personalDirectory: nil)
    let findings = Linter(rules: rules, phrasebook: phrasebook).run()
    #expect(findings.count == 1, "\(findings.map(\.description))")
    let missing = try #require(findings.first)
    #expect(missing.severity == .warning)
    #expect(missing.category == .missingImage)
    #expect(missing.message.contains("'images/gone.png'"))
    #expect(missing.location == SourceLocation(path: team + "/b.yaml", line: 6, column: 37))
  }

  @Test func personalImagesResolveAgainstThePersonalDirectory() throws {
    let personal = try TestSupport.temporaryDirectory(files: [
      "mine.yaml": """
      entries:
        - id: bargain.mine
          intent: bargain
          text: '看图'
          images: [chart.png]
      """
    ])
    let rules = try TestSupport.load(["bargain.yaml": LinterTests.clean])
    let team = try TestSupport.temporaryDirectory(files: ["b.yaml": LinterTests.cleanReplies])
    func findings() throws -> [Diagnostic] {
      let phrasebook = try PhrasebookLoader(knownIntents: ["bargain"]).load(
        teamDirectory: team, personalDirectory: personal)
      return Linter(rules: rules, phrasebook: phrasebook).run()
    }
    #expect(try findings().map(\.category) == [.missingImage])
    try Data("png".utf8).write(to: URL(fileURLWithPath: personal + "/chart.png"))
    #expect(try findings().isEmpty)
  }
}
