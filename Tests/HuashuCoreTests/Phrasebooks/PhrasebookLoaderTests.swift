import Foundation
import Testing

@testable import HuashuCore

struct PhrasebookLoaderTests {
  static let intents: Set<IntentID> = ["bargain", "shipping_fee"]

  static let team = """
    group: 议价
    entries:
      - id: bargain.firm
        intent: bargain
        code: yj1
        text: '{buyer|亲}，已经是活动价了'
        step: 1
        tags: [firm]
      - id: bargain.gift
        intent: bargain
        code: yj2
        text: '送您一个小礼物'
        step: 2
    """

  static func load(team: [String: String], personal: [String: String]? = nil) throws
    -> PhrasebookLoader.Result
  {
    let teamDirectory = try TestSupport.temporaryDirectory(files: team)
    let personalDirectory = try personal.map { try TestSupport.temporaryDirectory(files: $0) }
    return try PhrasebookLoader(knownIntents: intents).load(
      teamDirectory: teamDirectory, personalDirectory: personalDirectory)
  }

  @Test func loadsTeamEntriesWithAllFields() throws {
    let result = try Self.load(team: ["bargain.yaml": Self.team])
    #expect(result.diagnostics.isEmpty)
    let entry = try #require(result.phrasebook.entry("bargain.firm"))
    #expect(entry.intent == "bargain")
    #expect(entry.code == "yj1")
    #expect(entry.step == 1)
    #expect(entry.tags == ["firm"])
    #expect(entry.group == "议价")
    #expect(entry.layer == .team)
    #expect(entry.location.line == 3)
    #expect(
      result.phrasebook.entries(for: "bargain").map(\.id) == ["bargain.firm", "bargain.gift"])
  }

  @Test func personalLayerOverridesHidesAndAdds() throws {
    let result = try Self.load(
      team: ["bargain.yaml": Self.team],
      personal: [
        "mine.yaml": """
        group: 我的
        entries:
          - id: bargain.firm
            text: '我的说法'
          - id: bargain.mine
            intent: bargain
            text: '新的一条'
        hide: [bargain.gift]
        """
      ])
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
    let ids = result.phrasebook.entries.map(\.id)
    #expect(ids == ["bargain.firm", "bargain.mine"])
    let firm = try #require(result.phrasebook.entry("bargain.firm"))
    #expect(firm.layer == .personal)
    #expect(firm.template.source == "我的说法")
    #expect(firm.code == "yj1")  // inherited from the team entry
    #expect(firm.step == 1)
    #expect(result.phrasebook.hidden == ["bargain.gift"])
  }

  @Test func missingPersonalDirectoryIsAnEmptyLayer() throws {
    let teamDirectory = try TestSupport.temporaryDirectory(files: ["bargain.yaml": Self.team])
    let result = try PhrasebookLoader(knownIntents: Self.intents).load(
      teamDirectory: teamDirectory, personalDirectory: "/nonexistent/personal")
    #expect(result.diagnostics.isEmpty)
    #expect(result.phrasebook.entries.count == 2)
  }

  @Test func duplicateIDWithinALayerIsAnError() throws {
    let result = try Self.load(team: [
      "a.yaml": Self.team,
      "b.yaml": """
      group: 别的
      entries:
        - id: bargain.firm
          intent: bargain
          text: '重复'
      """,
    ])
    let duplicate = try #require(result.diagnostics.first { $0.category == .duplicateID })
    #expect(duplicate.severity == .error)
    #expect(duplicate.location?.path.hasSuffix("b.yaml") == true)
    #expect(duplicate.location?.line == 3)
    #expect(duplicate.message.contains("a.yaml:3:5"))
  }

  @Test func replyForAnIntentNoRuleProducesIsAnError() throws {
    let result = try Self.load(team: [
      "x.yaml": """
      group: 发票
      entries:
        - id: invoice.how
          intent: invoice
          text: '可以开发票的'
      """
    ])
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.category == .unknownReference)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.location?.line == 4)
    #expect(diagnostic.location?.column == 13)
    #expect(result.phrasebook.entries.isEmpty)
  }

  @Test func brokenTemplateNamesTheColumnOfTheBrace() throws {
    let result = try Self.load(team: [
      "x.yaml": """
      group: 议价
      entries:
        - id: bargain.broken
          intent: bargain
          text: '亲，{buyer 你好'
      """
    ])
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.category == .invalidValue)
    #expect(diagnostic.location?.line == 5)
    #expect(diagnostic.location?.column == 14)  // the `{` after 'text: '亲，
  }

  @Test func missingFieldsAndUnknownKeysAreReportedTogether() throws {
    let result = try Self.load(team: [
      "x.yaml": """
      group: 议价
      entries:
        - intent: bargain
          text: '没有id'
        - id: bargain.notext
          intent: bargain
        - id: bargain.typo
          intent: bargain
          txt: '拼错了'
          text: '好的'
      """
    ])
    let categories = result.diagnostics.map(\.category)
    #expect(categories == [.missingField, .missingField, .unknownKey])
    #expect(result.diagnostics[2].hint?.contains("`text`") == true)
    #expect(result.phrasebook.entries.map(\.id) == ["bargain.typo"])
  }

  @Test func hidingAnUnknownIDIsAWarning() throws {
    let result = try Self.load(
      team: ["bargain.yaml": Self.team],
      personal: ["mine.yaml": "hide: [bargain.nope]\n"])
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.severity == .warning)
    #expect(diagnostic.category == .unknownReference)
    #expect(diagnostic.location?.line == 1)
  }
}
