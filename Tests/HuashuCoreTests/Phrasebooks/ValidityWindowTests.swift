import Foundation
import Testing

@testable import HuashuCore

/// `valid_from` / `valid_until`: dates in China time, valid_until through the end of its day,
/// full ISO 8601 times as written; bad values are load errors at the value.
struct ValidityWindowTests {
  static func time(_ text: String) throws -> Date { try Date(text, strategy: .iso8601) }

  static func load(_ window: String) throws -> PhrasebookLoader.Result {
    try PhrasebookLoaderTests.load(team: [
      "p.yaml": """
      group: 预售
      entries:
        - id: bargain.double11
          intent: bargain
          text: '双11付定金'
      \(window)
      """
    ])
  }

  @Test func datesAreChinaDaysAndValidUntilLastsThroughItsDay() throws {
    let result = try Self.load("    valid_from: 2026-10-20\n    valid_until: 2026-11-11")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
    let entry = try #require(result.phrasebook.entry("bargain.double11"))
    #expect(!entry.isValid(at: try Self.time("2026-10-19T23:59:59+08:00")))
    #expect(entry.isValid(at: try Self.time("2026-10-20T00:00:00+08:00")))
    #expect(entry.isValid(at: try Self.time("2026-11-11T23:59:59+08:00")))
    #expect(entry.isValid(at: try Self.time("2026-11-11T15:59:59Z")))
    #expect(!entry.isValid(at: try Self.time("2026-11-11T16:00:00Z")))
  }

  @Test func fullTimesAreInclusiveAsWritten() throws {
    let result = try Self.load(
      "    valid_from: 2026-11-11T00:00:00+08:00\n    valid_until: 2026-11-11T02:00:00+08:00")
    let entry = try #require(result.phrasebook.entry("bargain.double11"))
    #expect(entry.isValid(at: try Self.time("2026-11-11T02:00:00+08:00")))
    #expect(!entry.isValid(at: try Self.time("2026-11-11T02:00:01+08:00")))
    #expect(!entry.isValid(at: try Self.time("2026-11-10T23:59:59+08:00")))
  }

  @Test func anOpenSideIsUnbounded() throws {
    let entry = try #require(
      try Self.load("    valid_until: 2026-11-11").phrasebook.entry("bargain.double11"))
    #expect(entry.isValid(at: try Self.time("2000-01-01T00:00:00Z")))
    #expect(!entry.isValid(at: try Self.time("2026-11-12T00:00:00+08:00")))
  }

  @Test(arguments: ["2026-02-30", "11/11/2026", "2026-11-11T20:00:00", "明天"])
  func aBadBoundIsALoadErrorAtTheValueWithAHint(_ value: String) throws {
    let result = try Self.load("    valid_from: '\(value)'")
    let error = try #require(result.diagnostics.first)
    #expect(error.severity == .error)
    #expect(error.location?.line == 6)
    #expect(error.location?.column == 17)
    #expect(error.message.contains("valid_from '\(value)' is not a date or an ISO 8601 time"))
    #expect(error.hint?.contains("2026-11-11T20:00:00+08:00") == true)
    #expect(result.phrasebook.entry("bargain.double11") == nil)
  }

  @Test func aWindowThatEndsBeforeItStartsIsALoadError() throws {
    let result = try Self.load("    valid_from: 2026-11-12\n    valid_until: 2026-11-11")
    let error = try #require(result.diagnostics.first)
    #expect(error.location?.line == 7)
    #expect(error.message.contains("before valid_from"))
  }
}
