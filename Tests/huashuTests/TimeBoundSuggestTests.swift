import Foundation
import Testing

/// The shipped Double-11 presale replies (`valid_from: 2026-10-20`, `valid_until: 2026-11-11`)
/// through `huashu suggest --now`: suggested inside the window, never outside it.
struct TimeBoundSuggestTests {
  static func presaleReplies(at now: String) throws -> [String] {
    let result = try CLI.run(
      ["suggest", "--format", "json", "--top", "5", "--now", now],
      input: Data("双11的定金什么时候付尾款\n".utf8), currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": try SuggestCommandTests.home()])
    #expect(result.status == 0, "\(result.stderr)")
    let record = try #require(try SuggestCommandTests.records(result).first)
    #expect(record["intent"] as? String == "presale")
    return SuggestCommandTests.replyIDs(record)
  }

  @Test(arguments: ["2026-10-20T00:00:00+08:00", "2026-11-11T23:59:59+08:00"])
  func doubleElevenReplyInsideItsWindow(_ now: String) throws {
    let ids = try Self.presaleReplies(at: now)
    #expect(ids.first == "presale.double11-deposit-first", "\(ids)")
  }

  @Test(arguments: [
    "2026-10-19T23:59:59+08:00", "2026-11-12T00:00:00+08:00", "2027-11-01T12:00:00Z",
  ])
  func noDoubleElevenReplyOutsideItsWindow(_ now: String) throws {
    let ids = try Self.presaleReplies(at: now)
    #expect(!ids.isEmpty)
    #expect(!ids.contains { $0.hasPrefix("presale.double11-") }, "\(ids)")
  }
}
