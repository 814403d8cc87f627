internal import Yams

/// Loads the conversation scripts of a rules directory (the YAML files with `script:`), with a
/// position for every problem.
public struct ConversationScriptLoader: Sendable {
  /// The scripts and what was found wrong.
  public struct Result: Sendable {
    /// The usable scripts.
    public let scripts: ConversationScripts
    /// Every problem found.
    public let diagnostics: [Diagnostic]
  }

  private let normalizer: Normalizer

  /// Creates a loader that normalizes keywords with `normalizer`.
  public init(normalizer: Normalizer = .standard) {
    self.normalizer = normalizer
  }

  /// Loads every script file of `directory`, checking references against `ruleSet`.
  ///
  /// - Throws: ``DirectoryReadError`` when the directory cannot be listed.
  public func load(directory: String, ruleSet: RuleSet) throws -> Result {
    var scripts = ConversationScripts()
    var diagnostics: [Diagnostic] = []
    var seen: [ConversationScriptDocument.Kind: String] = [:]
    for path in try YAMLFileListing.files(in: directory, holding: .rules) {
      var fileDiagnostics: [Diagnostic] = []
      guard
        var scope = YAMLScope.open(path: path, emptyHint: "", diagnostics: &fileDiagnostics),
        RuleFileLoader.isScript(scope)
      else { continue }
      load(&scope, into: &scripts, seen: &seen, ruleSet: ruleSet)
      diagnostics += scope.diagnostics
    }
    scripts.acknowledgements = Set(
      ruleSet.intents.filter { $0.countsAs == .other }.map(\.id))
    return Result(scripts: scripts, diagnostics: diagnostics)
  }

  private func load(
    _ scope: inout YAMLScope, into scripts: inout ConversationScripts,
    seen: inout [ConversationScriptDocument.Kind: String], ruleSet: RuleSet
  ) {
    typealias Document = ConversationScriptDocument
    scope.checkKeys(at: [], allowed: Document.CodingKeys.self, what: "script file")
    for (key, keys) in [
      ("steps", Document.Step.CodingKeys.allCases.map(\.rawValue)),
      ("rounds", Document.Round.CodingKeys.allCases.map(\.rawValue)),
    ] {
      if case .sequence(let items)? = scope.locator.existingNode(at: [PathKey(key)]) {
        for index in items.indices {
          checkKeys(&scope, at: [PathKey(key), PathKey(index)], allowed: keys, what: key)
        }
      }
    }
    scope.checkKeys(
      at: [PathKey("handoff")], allowed: Document.Handoff.CodingKeys.self, what: "handoff")
    for key in ["confirm", "decline"] {
      scope.checkKeys(at: [PathKey(key)], allowed: Document.Answer.CodingKeys.self, what: key)
    }
    guard let document = scope.decode(Document.self, at: []), let kind = document.script else {
      scope.report(
        .invalidValue, at: [PathKey("script")], "unknown script kind",
        hint: "use one of: \(Document.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
      return
    }
    let path = scope.locator.location(of: []).path
    if let first = seen[kind] {
      scope.report(
        .duplicateID, at: [PathKey("script")], "a \(kind.rawValue) script is already in \(first)",
        hint: "keep one \(kind.rawValue) script per rules directory")
      return
    }
    seen[kind] = path
    switch kind {
    case .deescalation: scripts.deescalation = deescalation(document, &scope, ruleSet)
    case .bargaining: scripts.bargaining = bargaining(document, &scope, ruleSet)
    case .cod: scripts.cashOnDelivery = cashOnDelivery(document, &scope, ruleSet)
    }
  }

  private func checkKeys(
    _ scope: inout YAMLScope, at path: [any CodingKey], allowed: [String], what: String
  ) {
    guard case .mapping(let mapping)? = scope.locator.existingNode(at: path) else { return }
    for key in mapping.keys {
      guard let name = key.string, !allowed.contains(name) else { continue }
      scope.report(
        .unknownKey, at: path + [PathKey(name)], "unknown key '\(name)' in a \(what) entry",
        hint: "allowed: \(allowed.joined(separator: ", "))")
    }
  }

  private func deescalation(
    _ document: ConversationScriptDocument, _ scope: inout YAMLScope, _ ruleSet: RuleSet
  ) -> ConversationScripts.Deescalation? {
    guard let stepDocuments = document.steps, !stepDocuments.isEmpty else {
      scope.report(
        .missingField, at: [PathKey("steps")], "the de-escalation script has no `steps:`",
        hint: "list the steps, e.g. acknowledge, apologize, solve, follow-up")
      return nil
    }
    var steps: [ConversationScripts.Step] = []
    for (index, step) in stepDocuments.enumerated() {
      guard let name = step.name, !name.isEmpty else {
        scope.report(
          .missingField, at: [PathKey("steps"), PathKey(index)], "step \(index + 1) has no `name`",
          hint: "add `name:` such as acknowledge")
        continue
      }
      steps.append(.init(name: name, label: step.label ?? name, tag: step.tag))
    }
    if document.handoff?.cues != nil {
      scope.report(
        .invalidValue, at: [PathKey("handoff"), PathKey("cues")],
        "hand-off cues are no longer listed in the script",
        hint: "give each cue its reason in its rule file instead: `handoff: the buyer threatens…`")
    }
    let angryTurns = document.handoff?.angryTurns ?? 3
    if angryTurns < 1 {
      scope.report(
        .invalidValue, at: [PathKey("handoff"), PathKey("angry_turns")],
        "angry_turns must be at least 1", hint: "3 hands off after three angry turns in a row")
    }
    guard !steps.isEmpty else { return nil }
    return .init(
      steps: steps, handoffAngryTurns: max(1, angryTurns),
      location: scope.locator.location(of: [PathKey("script")]))
  }

  private func intent(
    _ document: ConversationScriptDocument, _ scope: inout YAMLScope, _ ruleSet: RuleSet
  ) -> IntentID? {
    guard let name = document.intent else {
      scope.report(
        .missingField, at: [PathKey("intent")], "the script has no `intent:`",
        hint: "name the intent whose messages the script answers")
      return nil
    }
    guard ruleSet.intent(IntentID(name)) != nil else {
      scope.report(
        .unknownReference, at: [PathKey("intent")], "intent '\(name)' has no rules",
        hint: "use an intent a rule file declares")
      return nil
    }
    return IntentID(name)
  }

  private func bargaining(
    _ document: ConversationScriptDocument, _ scope: inout YAMLScope, _ ruleSet: RuleSet
  ) -> ConversationScripts.Bargaining? {
    let intent = intent(document, &scope, ruleSet)
    guard let rounds = document.rounds, !rounds.isEmpty else {
      scope.report(
        .missingField, at: [PathKey("rounds")], "the bargaining script has no `rounds:`",
        hint: "list the rounds; round N is answered with replies of `step: N`")
      return nil
    }
    guard let intent else { return nil }
    return .init(
      intent: intent, rounds: rounds.enumerated().map { $1.label ?? "round \($0 + 1)" },
      acceptTag: document.acceptTag, location: scope.locator.location(of: [PathKey("script")]))
  }

  private func cashOnDelivery(
    _ document: ConversationScriptDocument, _ scope: inout YAMLScope, _ ruleSet: RuleSet
  ) -> ConversationScripts.CashOnDelivery? {
    let intent = intent(document, &scope, ruleSet)
    func answer(_ value: ConversationScriptDocument.Answer?, _ key: String)
      -> ConversationScripts.Answer?
    {
      guard let tag = value?.tag, let words = value?.keywords, !words.isEmpty else {
        scope.report(
          .missingField, at: [PathKey(key)], "`\(key)` needs a `tag` and `keywords`",
          hint: "the tag of its replies and the words a buyer answers with")
        return nil
      }
      let location = scope.locator.location(of: [PathKey(key), PathKey("keywords")])
      return .init(
        tag: tag,
        keywords: words.map {
          Keyword(text: $0, normalized: normalizer.normalize($0), location: location)
        })
    }
    let confirm = answer(document.confirm, "confirm")
    let decline = answer(document.decline, "decline")
    guard let askTag = document.askTag else {
      scope.report(
        .missingField, at: [PathKey("ask_tag")], "the COD script has no `ask_tag:`",
        hint: "the tag of the replies that ask the buyer to confirm COD")
      return nil
    }
    guard let intent, let confirm, let decline else { return nil }
    return .init(
      intent: intent, askTag: askTag, confirm: confirm, decline: decline,
      location: scope.locator.location(of: [PathKey("script")]))
  }
}
