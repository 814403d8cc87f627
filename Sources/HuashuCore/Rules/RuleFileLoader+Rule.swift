internal import Foundation
internal import Yams

extension YAMLScope {
  /// Decodes, checks and compiles the rule at `path`; `nil` when it cannot be used.
  mutating func rule(
    at path: [any CodingKey], fileIntent: IntentID?, isIntentFile: Bool,
    normalizer: Normalizer
  ) -> Rule? {
    guard case .mapping = locator.node(at: path) else {
      report(
        .invalidValue, at: path, "each item of `rules:` must be a mapping",
        hint: "start the rule with `- id: <intent>.<name>`")
      return nil
    }
    checkKeys(at: path, allowed: RuleDocument.CodingKeys.self, what: "rule")
    checkKeys(
      at: path + [PathKey("examples")], allowed: ExamplesDocument.CodingKeys.self,
      what: "rule examples")
    // Field by field, so that a type error in one field does not hide the problems of others.
    let problemsBefore = diagnostics.count
    let document = ruleDocument(at: path)
    let hasTypeErrors = diagnostics.count > problemsBefore

    let name = document.id?.trimmingCharacters(in: .whitespaces) ?? ""
    guard !name.isEmpty else {
      report(
        .missingField, at: path, "rule has no `id`",
        hint: "add `id: <intent>.<name>`, unique across all rule files")
      return nil
    }
    let ruleID = RuleID(name)
    guard
      let target = target(
        of: document, at: path, fileIntent: fileIntent,
        isIntentFile: isIntentFile, ruleID: ruleID)
    else { return nil }

    var isUsable = !hasTypeErrors
    let any = keywords(
      document.any, at: path + [PathKey("any")], ruleID: ruleID, normalizer: normalizer,
      ok: &isUsable)
    let all = keywords(
      document.all, at: path + [PathKey("all")], ruleID: ruleID, normalizer: normalizer,
      ok: &isUsable)
    let none = keywords(
      document.none, at: path + [PathKey("none")], ruleID: ruleID, normalizer: normalizer,
      ok: &isUsable)
    let patterns = compile(
      document.regex ?? [], at: path + [PathKey("regex")], ruleID: ruleID, normalizer: normalizer,
      ok: &isUsable)

    if !hasTypeErrors && (document.any ?? []).isEmpty && (document.regex ?? []).isEmpty
      && (document.all ?? []).isEmpty
    {
      report(
        .emptyRule, at: path, "rule '\(ruleID)' has no `any`, `regex` or `all`: it can never fire",
        hint: "add keywords under `any:` or a pattern under `regex:`")
      return nil
    }
    let weight = document.weight ?? 1.0
    if !(weight.isFinite && weight > 0) {
      report(
        .invalidValue, at: path + [PathKey("weight")],
        "weight of rule '\(ruleID)' must be a positive number",
        hint: "use a value such as 0.5, 1.0 or 1.5")
      isUsable = false
    }
    let isFallback = document.fallback ?? false
    if isFallback, case .emotion = target {
      report(
        .invalidValue, at: path + [PathKey("fallback")],
        "rule '\(ruleID)' is an emotion cue: only intent rules can be a fallback",
        hint: "remove `fallback:`; every cue counts toward the emotion")
      isUsable = false
    }
    let handoff = document.handoff?.trimmingCharacters(in: .whitespaces)
    if let handoff, case .intent = target {
      report(
        .invalidValue, at: path + [PathKey("handoff")],
        "rule '\(ruleID)' is an intent rule: only emotion cues hand a chat off",
        hint: "move the rule to a file of emotion cues (no `intent:`, `emotion: angry`)")
      isUsable = false
    } else if handoff?.isEmpty == true {
      report(
        .invalidValue, at: path + [PathKey("handoff")],
        "the hand-off reason of rule '\(ruleID)' is empty",
        hint: "say why in words for the agent: `the buyer threatens a bad review`")
      isUsable = false
    }
    guard isUsable else { return nil }
    return Rule(
      id: ruleID, target: target, any: any, all: all, none: none, patterns: patterns,
      weight: weight, isFallback: isFallback, handoffReason: handoff,
      examples: examples(document.examples, at: path + [PathKey("examples")]),
      location: locator.location(of: path))
  }

  private mutating func ruleDocument(at path: [any CodingKey]) -> RuleDocument {
    typealias Key = RuleDocument.CodingKeys
    func at(_ key: Key) -> [any CodingKey] { path + [key] }
    let examples = path + [Key.examples]
    return RuleDocument(
      id: decode(String.self, at: at(.id)),
      emotion: decode(String.self, at: at(.emotion)),
      any: decode([String].self, at: at(.any)),
      all: decode([String].self, at: at(.all)),
      none: decode([String].self, at: at(.none)),
      regex: decode([String].self, at: at(.regex)),
      weight: decode(Double.self, at: at(.weight)),
      fallback: decode(Bool.self, at: at(.fallback)),
      handoff: decode(String.self, at: at(.handoff)),
      examples: locator.existingNode(at: examples) == nil
        ? nil
        : ExamplesDocument(
          match: decode([String].self, at: examples + [ExamplesDocument.CodingKeys.match]),
          noMatch: decode([String].self, at: examples + [ExamplesDocument.CodingKeys.noMatch])))
  }

  private mutating func target(
    of document: RuleDocument, at path: [any CodingKey], fileIntent: IntentID?,
    isIntentFile: Bool, ruleID: RuleID
  ) -> Rule.Target? {
    if isIntentFile {
      if document.emotion != nil {
        report(
          .invalidValue, at: path + [PathKey("emotion")],
          "`emotion` belongs in the emotion file, not in an intent file",
          hint: "move rule '\(ruleID)' to emotion.yaml or remove `emotion:`")
      }
      return fileIntent.map(Rule.Target.intent)
    }
    guard let level = document.emotion else {
      report(
        .missingField, at: path,
        "rule '\(ruleID)' has no `emotion`, and its file has no `intent`",
        hint: "add `intent: <id>` at the top of an intent file, or `emotion: upset|angry` here")
      return nil
    }
    guard let emotion = Emotion(rawValue: level), emotion != .calm else {
      report(
        .invalidValue, at: path + [PathKey("emotion")],
        "emotion '\(level)' is not a cue level", hint: "use `upset` or `angry`")
      return nil
    }
    return .emotion(emotion)
  }

  private mutating func keywords(
    _ words: [String]?, at path: [any CodingKey], ruleID: RuleID, normalizer: Normalizer,
    ok: inout Bool
  ) -> [Keyword] {
    var result: [Keyword] = []
    for (index, word) in (words ?? []).enumerated() {
      let location = locator.location(of: path + [PathKey(index)])
      let normalized = normalizer.normalize(word)
      guard !normalized.isEmpty else {
        report(
          .emptyKeyword, at: path + [PathKey(index)],
          "keyword '\(word)' of rule '\(ruleID)' is empty after normalization",
          hint: "remove it or write the word it should match")
        ok = false
        continue
      }
      result.append(Keyword(text: word, normalized: normalized, location: location))
    }
    return result
  }

  private mutating func compile(
    _ sources: [String], at path: [any CodingKey], ruleID: RuleID, normalizer: Normalizer,
    ok: inout Bool
  ) -> [RulePattern] {
    var result: [RulePattern] = []
    for (index, source) in sources.enumerated() {
      let itemPath = path + [PathKey(index)]
      let expansion = PatternMacros.expand(source)
      do {
        let regex = try CompiledRegex(
          normalizer.normalizePattern(expansion.pattern), options: [.caseInsensitive])
        result.append(
          RulePattern(source: source, regex: regex, location: locator.location(of: itemPath)))
      } catch {
        // normalizePattern maps one scalar to one scalar of the same UTF-8 width class only
        // for CJK, so report against the source the editor wrote.
        let reported = PatternError(
          pattern: source, code: error.code, message: error.message,
          utf8Offset: min(expansion.sourceOffset(of: error.utf8Offset), source.utf8.count))
        let prefix = String(source.prefix(reported.characterOffset))
        report(
          .invalidPattern, at: locator.location(inScalarAt: itemPath, after: prefix),
          "rule '\(ruleID)': invalid regex: \(error.message) at pattern offset "
            + "\(reported.utf8Offset) (character \(reported.characterOffset))",
          hint: "fix the pattern; a literal ( [ { . ? * + | needs a backslash",
          excerpt: Diagnostic.PatternExcerpt(
            pattern: source, utf8Offset: reported.utf8Offset,
            characterOffset: reported.characterOffset))
        ok = false
      }
    }
    return result
  }

  private mutating func examples(_ document: ExamplesDocument?, at path: [any CodingKey])
    -> RuleExamples
  {
    func list(_ texts: [String]?, key: String) -> [RuleExample] {
      (texts ?? []).enumerated().map { index, text in
        RuleExample(
          text: text, location: locator.location(of: path + [PathKey(key), PathKey(index)]))
      }
    }
    return RuleExamples(
      match: list(document?.match, key: "match"),
      noMatch: list(document?.noMatch, key: "no_match"))
  }
}
