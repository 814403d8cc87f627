internal import Foundation

/// Finds problems in rule files and phrasebooks that loading alone does not: patterns that
/// match an empty string (errors), keywords written in a form messages never have, duplicate
/// and conflicting keywords, shadowed rules, rules without examples, intents without replies,
/// unknown template variables, local images that do not exist.
///
/// Every finding is a ``Diagnostic`` with the file, line and column and a one-line fix. The
/// load diagnostics (bad regexes, unknown keys…) are included, so one run reports everything.
public struct Linter: Sendable {
  /// The variables huashu fills (from the line, the shop profile or the buyer's words: `offer`
  /// is the amount a bargaining buyer names, `price` and `floor` come from the line or the
  /// profile); other names must come from input fields.
  public static let knownVariables: Set<String> = [
    "buyer", "shop", "order_id", "region", "shipping_fee", "chat", "offer", "price", "floor",
  ]

  private let rules: RuleSetLoader.Result
  private let phrasebook: PhrasebookLoader.Result?

  /// Creates a linter over loaded rules and, optionally, loaded phrasebooks.
  public init(rules: RuleSetLoader.Result, phrasebook: PhrasebookLoader.Result?) {
    self.rules = rules
    self.phrasebook = phrasebook
  }

  /// Every finding, load problems included, ordered by file and position.
  public func run() -> [Diagnostic] {
    var findings = rules.diagnostics + (phrasebook?.diagnostics ?? [])
    findings += nonNormalForms()
    findings += emptyMatchingPatterns()
    findings += duplicateAndConflictingKeywords()
    findings += missingExamples()
    findings += shadowedRules()
    if let phrasebook {
      findings += intentsWithoutReplies(phrasebook.phrasebook)
      findings += unassignedReplies(phrasebook.phrasebook)
      findings += unknownVariables(phrasebook.phrasebook)
      findings += missingImages(phrasebook)
    }
    return findings.sorted { lhs, rhs in
      let left = lhs.location ?? SourceLocation(path: "", line: 0, column: 0)
      let right = rhs.location ?? SourceLocation(path: "", line: 0, column: 0)
      return (left.path, left.line, left.column) < (right.path, right.line, right.column)
    }
  }

  var ruleSet: RuleSet { rules.ruleSet }

  /// Keywords and patterns written in a form normalized messages never contain.
  func nonNormalForms() -> [Diagnostic] {
    var findings: [Diagnostic] = []
    for rule in ruleSet.allRules {
      for keyword in rule.any + rule.all + rule.none where keyword.text != keyword.normalized {
        findings.append(
          Diagnostic(
            .warning, .nonNormalForm, at: keyword.location,
            "keyword '\(keyword.text)' of rule '\(rule.id)' is written in a form messages never "
              + "have after normalization; it is matched as '\(keyword.normalized)'",
            hint: "write it as '\(keyword.normalized)' (simplified, half-width, lower case)"))
      }
      for pattern in rule.patterns {
        let fullWidth = pattern.source.unicodeScalars.filter {
          (0xFF01...0xFF5E).contains($0.value)
        }
        if !fullWidth.isEmpty {
          findings.append(
            Diagnostic(
              .warning, .nonNormalForm, at: pattern.location,
              "regex of rule '\(rule.id)' contains full-width '\(String(String.UnicodeScalarView(fullWidth)))',"
                + " which never occurs in normalized messages",
              hint: "write half-width characters (！→!, ０→0, Ａ→a); messages are normalized first"))
        } else if Normalizer.standard.normalizePattern(pattern.source) != pattern.source {
          findings.append(
            Diagnostic(
              .warning, .nonNormalForm, at: pattern.location,
              "regex of rule '\(rule.id)' has traditional characters; it is matched as "
                + "'\(pattern.regex.pattern)'",
              hint: "write it in simplified characters"))
        }
      }
    }
    return findings
  }

  /// The same keyword twice in one intent, and the same keyword in two intents.
  func duplicateAndConflictingKeywords() -> [Diagnostic] {
    var findings: [Diagnostic] = []
    var firstByIntent: [IntentID: [String: (Rule, Keyword)]] = [:]
    var firstByKeyword: [String: (Rule, Keyword, IntentID)] = [:]
    for rule in ruleSet.rules {
      guard case .intent(let intent) = rule.target else { continue }
      for keyword in rule.any {
        if let (first, firstKeyword) = firstByIntent[intent]?[keyword.normalized] {
          findings.append(
            Diagnostic(
              .warning, .duplicateKeyword, at: keyword.location,
              "keyword '\(keyword.text)' of rule '\(rule.id)' is already in rule '\(first.id)' "
                + "(\(firstKeyword.location)) of the same intent",
              hint: "remove one of them"))
          continue
        }
        firstByIntent[intent, default: [:]][keyword.normalized] = (rule, keyword)
        if let (other, otherKeyword, otherIntent) = firstByKeyword[keyword.normalized],
          otherIntent != intent
        {
          let winner = Self.winner((other, otherKeyword), (rule, keyword))
          findings.append(
            Diagnostic(
              .warning, .keywordConflict, at: keyword.location,
              "keyword '\(keyword.text)' is in intent \(intent) (rule '\(rule.id)') and in "
                + "intent \(otherIntent) (rule '\(other.id)', \(otherKeyword.location)); "
                + "a message with only this keyword goes to \(winner)",
              hint: "keep the keyword in one intent, or add a `none` word to the other rule"))
        } else if firstByKeyword[keyword.normalized] == nil {
          firstByKeyword[keyword.normalized] = (rule, keyword, intent)
        }
      }
    }
    return findings
  }

  /// Which of two rules wins on a message holding only their shared keyword.
  private static func winner(_ first: (Rule, Keyword), _ second: (Rule, Keyword)) -> String {
    func evidence(_ entry: (Rule, Keyword)) -> Double {
      Matcher.evidence(weight: entry.0.weight, characters: entry.1.normalized.unicodeScalars.count)
    }
    let (a, b) = (evidence(first), evidence(second))
    let chosen = a > b || (a == b && first.0.weight >= second.0.weight) ? first.0 : second.0
    guard case .intent(let intent) = chosen.target else { return "" }
    return "\(intent) (evidence \(max(a, b)) against \(min(a, b)))"
  }

  /// Rules without `match` or `no_match` examples.
  func missingExamples() -> [Diagnostic] {
    ruleSet.allRules.compactMap { rule in
      let missing = [
        rule.examples.match.isEmpty ? "match" : nil,
        rule.examples.noMatch.isEmpty ? "no_match" : nil,
      ].compactMap { $0 }
      guard !missing.isEmpty else { return nil }
      return Diagnostic(
        .warning, .missingExamples, at: rule.location,
        "rule '\(rule.id)' has no \(missing.joined(separator: " and ")) examples",
        hint:
          "add `examples:` with messages it must (and must not) fire on; `huashu test` runs them")
    }
  }

  /// Rules whose every match example is claimed by another intent.
  func shadowedRules() -> [Diagnostic] {
    let matcher = Matcher(ruleSet: ruleSet)
    var scratch = MatchScratch()
    var findings: [Diagnostic] = []
    for rule in ruleSet.rules where !rule.examples.match.isEmpty {
      guard case .intent(let intent) = rule.target else { continue }
      var claimers: [RuleID: Rule] = [:]
      var isShadowed = true
      for example in rule.examples.match {
        let classification = matcher.classify(example.text, using: &scratch)
        guard classification.firedRules.contains(where: { $0.id == rule.id }),
          classification.intent != intent,
          let claimer = classification.firedRules
            .filter({ $0.rule.target == .intent(classification.intent) })
            .max(by: { $0.evidence < $1.evidence })
        else {
          isShadowed = false
          break
        }
        claimers[claimer.id] = claimer.rule
      }
      guard isShadowed, let first = claimers.values.sorted(by: { $0.id < $1.id }).first else {
        continue
      }
      findings.append(
        Diagnostic(
          .warning, .shadowedRule, at: rule.location,
          "rule '\(rule.id)' is shadowed: every one of its match examples goes to another "
            + "intent, through '\(first.id)' (\(first.location))",
          hint: "raise its weight, add a `none` word to '\(first.id)', or fix the examples"))
    }
    return findings
  }

  /// Replies imported without an intent: never suggested until an editor assigns one.
  func unassignedReplies(_ phrasebook: Phrasebook) -> [Diagnostic] {
    phrasebook.entries.filter { $0.intent == .unassigned }.map { entry in
      Diagnostic(
        .warning, .noReplies, at: entry.location,
        "reply '\(entry.id)' has no intent (imported without one), so it is never suggested",
        hint: "set `intent:` to the intent it answers")
    }
  }

  /// Intents the rules produce that have no reply.
  func intentsWithoutReplies(_ phrasebook: Phrasebook) -> [Diagnostic] {
    ruleSet.intents.filter { phrasebook.entries(for: $0.id).isEmpty }.map { intent in
      Diagnostic(
        .warning, .noReplies, at: intent.location,
        "intent '\(intent.id)' has no replies in the phrasebooks: its messages get no suggestion",
        hint: "add replies with `intent: \(intent.id)` to a phrasebook file")
    }
  }

  /// Template variables that nothing fills.
  func unknownVariables(_ phrasebook: Phrasebook) -> [Diagnostic] {
    phrasebook.entries.flatMap { entry in
      entry.template.variableNames.filter { !Self.knownVariables.contains($0) }.map { name in
        Diagnostic(
          .warning, .unknownVariable, at: entry.location,
          "reply '\(entry.id)' uses variable '{\(name)}', which huashu does not fill",
          hint: "use one of \(Self.knownVariables.sorted().joined(separator: ", ")), or make "
            + "sure every input line carries a '\(name)' field")
      }
    }
  }

  /// Image paths (not URLs) of replies that name no file: the reply would go out without
  /// its picture.
  func missingImages(_ loaded: PhrasebookLoader.Result) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    for entry in loaded.phrasebook.entries {
      guard let directory = loaded.imageDirectories[entry.layer] else { continue }
      for (index, image) in entry.images.enumerated() {
        guard let path = PhrasebookEntry.localPath(of: image, in: directory),
          !FileManager.default.fileExists(atPath: path)
        else { continue }
        let location =
          index < entry.imageLocations.count ? entry.imageLocations[index] : entry.location
        findings.append(
          Diagnostic(
            .warning, .missingImage, at: location,
            "reply '\(entry.id)' sends image '\(image)', but \(path) does not exist",
            hint: "add the file (paths are relative to \(directory)), fix the path, or use an "
              + "https:// URL"))
      }
    }
    return findings
  }
}
