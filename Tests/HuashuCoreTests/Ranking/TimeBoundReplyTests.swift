import Foundation
import Testing

@testable import HuashuCore

/// A reply with a validity window is suggested only inside it, at the context's `now`: neither
/// ranked nor given as a script step's reply outside it.
struct TimeBoundReplyTests {
  static let window = ValidityWindow(
    start: Date(timeIntervalSince1970: 1000), end: .before(Date(timeIntervalSince1970: 2000)))

  static func entry(_ id: String, intent: String, tags: [String] = [], bound: Bool)
    throws -> PhrasebookEntry
  {
    PhrasebookEntry(
      id: ReplyID(id), intent: IntentID(intent), code: nil, template: try ReplyTemplate(id),
      step: nil, tags: tags, images: [], validity: bound ? window : nil, group: intent,
      layer: .team, location: SourceLocation(path: "t.yaml", line: 1, column: 1))
  }

  @Test(arguments: [(999.0, false), (1000, true), (1999, true), (2000, false)])
  func rankedOnlyInsideTheWindow(_ seconds: Double, suggested: Bool) throws {
    let book = Phrasebook(entries: [
      try Self.entry("double11", intent: "bargain", tags: ["cheaper"], bound: true),
      try Self.entry("always", intent: "bargain", bound: false),
    ])
    let result = Suggester(phrasebook: book).suggestions(
      for: try SuggesterTests.classify("便宜点"),
      context: ReplyContext(now: Date(timeIntervalSince1970: seconds)))
    let ids = SuggesterTests.ids(result)
    #expect(ids == (suggested ? ["double11", "always"] : ["always"]))
  }

  @Test func aScriptStepSkipsRepliesOutsideTheirWindow() throws {
    let directory = try TestSupport.temporaryDirectory(files: ConversationCoachTests.files)
    let rules = try RuleSetLoader().load(directory: directory)
    let scripts = try ConversationScriptLoader().load(directory: directory, ruleSet: rules.ruleSet)
    let book = Phrasebook(entries: [
      try Self.entry("ack-double11", intent: "any", tags: ["acknowledge"], bound: true),
      try Self.entry("ack-always", intent: "any", tags: ["acknowledge"], bound: false),
    ])
    let coach = ConversationCoach(
      suggester: Suggester(phrasebook: book), scripts: scripts.scripts)
    var scratch = MatchScratch()
    let angry = Matcher(ruleSet: rules.ruleSet).classify("太过分", using: &scratch)
    func first(at seconds: Double) -> String? {
      let now = Date(timeIntervalSince1970: seconds)
      return coach.respond(
        to: angry, context: ReplyContext(), state: ChatState(chat: "t", now: now), now: now
      ).result.suggestions.first?.entry.id.rawValue
    }
    #expect(first(at: 1500) == "ack-double11")
    #expect(first(at: 2500) == "ack-always")
  }
}
