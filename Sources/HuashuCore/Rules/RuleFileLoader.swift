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
    let fileLocation = SourceLocation(path: path, line: 1, column: 1)
    let text: String
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      guard let decoded = String(data: data, encoding: .utf8) else {
        contents.diagnostics.append(
          Diagnostic(
            .error, .unreadableFile, at: fileLocation, "the file is not valid UTF-8 text",
            hint: "save it as UTF-8"))
        return contents
      }
      text = decoded
    } catch {
      contents.diagnostics.append(
        Diagnostic(
          .error, .unreadableFile, at: fileLocation,
          "cannot read the file: \(error.localizedDescription)",
          hint: "check that it exists and is readable"))
      return contents
    }
    load(text: text, path: path, into: &contents)
    return contents
  }

  func load(text: String, path: String, into contents: inout Contents) {
    let root: Node
    do {
      guard let composed = try Yams.compose(yaml: text) else {
        contents.diagnostics.append(
          Diagnostic(
            .error, .missingField, at: SourceLocation(path: path, line: 1, column: 1),
            "the file is empty",
            hint: "add `intent:`, `label:` and `rules:`, or delete the file"))
        return
      }
      root = composed
    } catch {
      contents.diagnostics.append(Self.diagnostic(forYAMLError: error, path: path))
      return
    }
    var file = FileScope(
      locator: YAMLLocator(root: root, path: path, text: text), normalizer: normalizer,
      diagnostics: [])
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
    var intentID: IntentID?
    if let intentName {
      let trimmed = intentName.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.contains(where: \.isWhitespace) {
        file.report(
          .invalidValue, at: [PathKey("intent")], "intent id '\(intentName)' is not a single word",
          hint: "use a snake_case id such as `missing_item`")
      } else if IntentID(trimmed) == .other {
        file.report(
          .invalidValue, at: [PathKey("intent")],
          "intent 'other' is reserved for messages no rule claims",
          hint: "remove this file's rules or give them a real intent")
      } else {
        intentID = IntentID(trimmed)
        contents.intent = RuleSet.Intent(
          id: IntentID(trimmed), label: label ?? trimmed,
          location: file.locator.location(of: [PathKey("intent")]))
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
      let path: [any CodingKey] = [PathKey("rules"), PathKey(index)]
      guard let rule = file.rule(at: path, fileIntent: intentID, isIntentFile: intentName != nil)
      else { continue }
      switch rule.target {
      case .intent: contents.rules.append(rule)
      case .emotion: contents.emotionCues.append(rule)
      }
    }
  }

  static func diagnostic(forYAMLError error: any Error, path: String) -> Diagnostic {
    var location = SourceLocation(path: path, line: 1, column: 1)
    var problem = String(describing: error)
    if let yamlError = error as? YamlError {
      switch yamlError {
      case .scanner(let context, let message, let mark, _),
        .parser(let context, let message, let mark, _),
        .composer(let context, let message, let mark, _):
        location = SourceLocation(path: path, line: mark.line, column: mark.column)
        problem = message + (context.map { " \($0.text)" } ?? "")
      case .reader(let message, _, _, _):
        problem = message
      default:
        break
      }
    }
    return Diagnostic(
      .error, .malformedYAML, at: location, "malformed YAML: \(problem)",
      hint: "check indentation, colons and quotes here; quote regexes with single quotes")
  }
}
