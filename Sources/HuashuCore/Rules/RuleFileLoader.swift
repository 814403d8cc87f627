internal import Foundation
internal import Yams

/// Loads one rule file: parses the YAML, checks its keys, decodes it with ``RuleFileDocument``,
/// normalizes keywords and compiles patterns.
///
/// Every problem becomes a ``Diagnostic`` with the file, line and column; the file's usable
/// rules are returned alongside, so that one run reports every problem.
struct RuleFileLoader {
  /// What one file yielded.
  struct Contents {
    var intent: RuleSet.Intent?
    var rules: [Rule] = []
    var emotionCues: [Rule] = []
    var diagnostics: [Diagnostic] = []
  }

  let normalizer: Normalizer

  func load(path: String) -> Contents {
    var contents = Contents()
    guard
      let scope = YAMLScope.open(
        path: path, emptyHint: Self.emptyHint, diagnostics: &contents.diagnostics)
    else { return contents }
    // Conversation scripts live beside the rules; ConversationScriptLoader reads them.
    guard !Self.isScript(scope) else { return contents }
    load(scope, into: &contents)
    return contents
  }

  /// Whether a YAML file of a rules directory is a conversation script (its top level has
  /// `script:`) rather than a rule file.
  static func isScript(_ scope: YAMLScope) -> Bool {
    scope.locator.existingNode(at: [PathKey("script")]) != nil
  }

  /// Loads rule-file text held in memory.
  func load(text: String, path: String) -> Contents {
    var contents = Contents()
    guard
      let scope = YAMLScope.parse(
        text: text, path: path, emptyHint: Self.emptyHint, diagnostics: &contents.diagnostics)
    else { return contents }
    load(scope, into: &contents)
    return contents
  }

  private static let emptyHint = "add `intent:`, `label:` and `rules:`, or delete the file"

  private func load(_ scope: YAMLScope, into contents: inout Contents) {
    var file = scope
    let root = scope.locator.root
    defer { contents.diagnostics += file.diagnostics }

    guard case .mapping = root else {
      file.report(
        .invalidValue, at: [], "a rule file must be a mapping with `intent`, `label` and `rules`",
        hint: "start the file with `intent: <id>`")
      return
    }
    file.checkKeys(at: [], allowed: RuleFileDocument.CodingKeys.self, what: "rule file")

    let intentName = file.decode(String.self, at: [PathKey("intent")])
    let label = file.decode(String.self, at: [PathKey("label")])
    let countsAs = file.decode(String.self, at: [PathKey("counts_as")])
    if countsAs != nil, intentName == nil {
      file.report(
        .invalidValue, at: [PathKey("counts_as")], "`counts_as` belongs in an intent file",
        hint: "remove it, or add `intent:` to the file")
    }
    var intentID: IntentID?
    if let intentName {
      let trimmed = intentName.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.contains(where: \.isWhitespace) {
        file.report(
          .invalidValue, at: [PathKey("intent")], "intent id '\(intentName)' is not a single word",
          hint: "use a snake_case id such as `missing_item`")
      } else if IntentID(trimmed) == .other || IntentID(trimmed) == .any {
        file.report(
          .invalidValue, at: [PathKey("intent")],
          trimmed == "other"
            ? "intent 'other' is reserved for messages no rule claims"
            : "intent 'any' is reserved for phrasebook replies that suit every topic",
          hint: "remove this file's rules or give them a real intent")
      } else {
        intentID = IntentID(trimmed)
        contents.intent = RuleSet.Intent(
          id: IntentID(trimmed), label: label ?? trimmed,
          location: file.locator.location(of: [PathKey("intent")]),
          countsAs: countsAs.map { IntentID($0.trimmingCharacters(in: .whitespaces)) })
      }
    }

    guard case .sequence(let ruleNodes) = file.locator.existingNode(at: [PathKey("rules")])
    else {
      file.report(
        .missingField, at: [PathKey("rules")], "the file has no `rules:` list",
        hint: "add `rules:` with at least one rule")
      return
    }
    for index in ruleNodes.indices {
      var ruleScope = file.scope(at: [PathKey("rules"), PathKey(index)])
      let rule = ruleScope.rule(
        at: [], fileIntent: intentID, isIntentFile: intentName != nil, normalizer: normalizer)
      file.diagnostics += ruleScope.diagnostics
      guard let rule else { continue }
      switch rule.target {
      case .intent: contents.rules.append(rule)
      case .emotion: contents.emotionCues.append(rule)
      }
    }
  }
}
