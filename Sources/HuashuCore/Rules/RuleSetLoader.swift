internal import Foundation

/// Loads every rule file of a directory into a ``RuleSet``, collecting every problem.
///
/// ```swift
/// let loaded = try RuleSetLoader().load(directory: "rules")
/// if loaded.diagnostics.containsErrors { /* show them, refuse to classify */ }
/// let matcher = Matcher(ruleSet: loaded.ruleSet)
/// ```
public struct RuleSetLoader: Sendable {
  /// The rule set and what was found wrong while building it.
  public struct Result: Sendable {
    /// The usable rules.
    ///
    /// Rules with errors are left out.
    public let ruleSet: RuleSet
    /// Every problem found, in file order.
    public let diagnostics: [Diagnostic]
  }

  private let normalizer: Normalizer

  /// Creates a loader that normalizes keywords with `normalizer`.
  public init(normalizer: Normalizer = .standard) {
    self.normalizer = normalizer
  }

  /// Loads the `*.yaml` files directly inside `directory`, in file-name order.
  ///
  /// - Throws: ``DirectoryReadError`` when the directory itself cannot be listed.
  public func load(directory: String) throws -> Result {
    let paths = try YAMLFileListing.files(in: directory, holding: .rules)
    guard !paths.isEmpty else {
      let diagnostic = Diagnostic(
        .error, .noRuleFiles, at: nil, "no rule files (*.yaml) in \(directory)",
        hint: "pass --rules with the directory that holds your rule files")
      return Result(
        ruleSet: RuleSet(intents: [], rules: [], emotionCues: []),
        diagnostics: [diagnostic])
    }
    return load(files: paths)
  }

  /// Loads the given rule files, in the given order.
  ///
  /// Files are parsed and compiled on up to `threads` threads (default: every core); the
  /// result does not depend on how many.
  public func load(files paths: [String], threads: Int? = nil) -> Result {
    let loader = RuleFileLoader(normalizer: normalizer)
    var intents: [RuleSet.Intent] = []
    var rules: [Rule] = []
    var cues: [Rule] = []
    var diagnostics: [Diagnostic] = []
    let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
    let loaded = paths.concurrentMap(threads: threads, makeState: {}) { path, _ in
      loader.load(path: path)
    }
    for contents in loaded {
      if let intent = contents.intent, !intents.contains(where: { $0.id == intent.id }) {
        intents.append(intent)
      }
      rules += contents.rules
      cues += contents.emotionCues
      diagnostics += contents.diagnostics
    }
    let (unique, duplicates) = Self.removingDuplicateIDs(rules + cues)
    diagnostics += duplicates
    diagnostics += Self.unknownCountsAs(intents)
    return Result(
      ruleSet: RuleSet(
        intents: intents,
        rules: unique.filter { if case .intent = $0.target { true } else { false } },
        emotionCues: unique.filter { if case .emotion = $0.target { true } else { false } }),
      diagnostics: diagnostics)
  }

  /// Reports a `counts_as` that names neither `other` nor a declared intent.
  private static func unknownCountsAs(_ intents: [RuleSet.Intent]) -> [Diagnostic] {
    let known = Set(intents.map(\.id)).union([.other])
    return intents.compactMap { intent in
      guard let target = intent.countsAs, !known.contains(target) else { return nil }
      return Diagnostic(
        .error, .invalidValue, at: intent.location,
        "intent '\(intent.id)' counts as '\(target)', which no rule file declares",
        hint: "use `other` or the intent of another rule file")
    }
  }

  /// Keeps the first rule of each id and reports the others.
  private static func removingDuplicateIDs(_ rules: [Rule]) -> ([Rule], [Diagnostic]) {
    var firstByID: [RuleID: Rule] = [:]
    var kept: [Rule] = []
    var diagnostics: [Diagnostic] = []
    for rule in rules {
      if let first = firstByID[rule.id] {
        diagnostics.append(
          Diagnostic(
            .error, .duplicateID, at: rule.location,
            "rule id '\(rule.id)' is already defined at \(first.location)",
            hint: "rename one of them; rule ids must be unique across all rule files"))
      } else {
        firstByID[rule.id] = rule
        kept.append(rule)
      }
    }
    return (kept, diagnostics)
  }
}
