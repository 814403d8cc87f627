internal import Synchronization

/// Turns the patterns a run skipped (``Classification/patternFailures``) into warnings, once per
/// rule however many messages skip it.
///
/// A pattern is skipped when it gives up at a match limit (it backtracks without end on the
/// message) or is not run because patterns that gave up before it spent the message's budget
/// (``MatchLimits``). Either way its rule could not fire on that message, which nothing in the
/// output shows, so the front end prints the first warning for each rule.
///
/// Safe to share between threads: the workers of a parallel run all report to one log.
public final class SkippedPatternLog: Sendable {
  private let ruleSet: RuleSet
  private let limits: MatchLimits
  private let warned: Mutex<Set<RuleID>>

  /// Creates a log for classifications made against `ruleSet` with `limits`.
  public init(ruleSet: RuleSet, limits: MatchLimits = .default) {
    self.ruleSet = ruleSet
    self.limits = limits
    self.warned = Mutex([])
  }

  /// Warnings for the rules `classification` skipped that no earlier call warned about.
  ///
  /// - Returns: One warning per such rule, at its skipped pattern's file, line and column; empty
  ///   for almost every message.
  public func newWarnings(for classification: Classification) -> [Diagnostic] {
    let failures = classification.patternFailures
    guard !failures.isEmpty else { return [] }
    let fresh = warned.withLock { warned in
      failures.filter { warned.insert($0.rule).inserted }
    }
    return fresh.map(warning)
  }

  private func warning(_ failure: PatternFailure) -> Diagnostic {
    let rule = ruleSet.rule(failure.rule)
    let location =
      rule?.patterns.first { $0.source == failure.pattern }?.location ?? rule?.location
    let subject = "regex '\(failure.pattern)' of rule '\(failure.rule)'"
    guard !failure.error.isBudgetExhausted else {
      return Diagnostic(
        .warning, .invalidPattern, at: location,
        "\(subject) was not run on a message on which \(limits.messageBudget) other patterns "
          + "had given up (the most a message may spend), so the rule could not fire there "
          + "(reported once; see `skipped` in JSON output)",
        hint: "fix the patterns reported as giving up; this one then runs again")
    }
    return Diagnostic(
      .warning, .invalidPattern, at: location,
      "\(subject) gave up on a message (\(failure.error.message)), so the rule could not fire "
        + "there (reported once; see `skipped` in JSON output)",
      hint: "rewrite it so it cannot backtrack without end: no nested or repeated open-ended "
        + "repeats such as (a+)+ or (.*a){20}; bound gaps as .{0,6}; `huashu explain MESSAGE` "
        + "shows where it gives up")
  }
}
