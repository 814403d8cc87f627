import Foundation
import Testing

struct ExplainCommandTests {
  @Test func traceMatchesGolden() throws {
    let rules = CLI.fixture("rules")
    let result = try CLI.run(["explain", "--rules", rules, "你们少發了一件！！！我要投诉"], stdin: "")
    #expect(result.status == 0)
    let relative = result.stdout.replacingOccurrences(of: rules + "/", with: "rules/")
    try CLI.assertGolden(relative, "explain-missing-item.txt")
  }

  @Test func traceShowsSpansOnTheOriginalText() throws {
    let result = try CLI.run(
      ["explain", "--rules", CLI.fixture("rules"), "你们少發了一件！！！"], stdin: "")
    #expect(result.stdout.contains("normalized  你们少发了一件!!!"))
    #expect(result.stdout.contains("你们[少發]了一件！！！"))
    #expect(result.stdout.contains("你们少發了一件[！！！]"))
  }
}
