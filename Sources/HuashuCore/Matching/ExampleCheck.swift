/// Checks every rule's examples: each `match` example must fire the rule, each `no_match`
/// example must not.
///
/// What `huashu test` runs first, and what the test suite runs on the shipped rules.
public struct ExampleCheck: Sendable {
  /// An example that did not behave as its rule says.
  public struct Failure: Sendable, CustomStringConvertible {
    /// The rule whose example failed.
    public let rule: RuleID
    /// The example.
    public let example: RuleExample
    /// Whether the example was a `match` example (it did not fire) or a `no_match` one (it did).
    public let expectedToMatch: Bool

    public var description: String {
      expectedToMatch
        ? "\(example.location): example '\(example.text)' does not fire rule '\(rule)'"
        : "\(example.location): no_match example '\(example.text)' fires rule '\(rule)'"
    }
  }

  /// The outcome of checking a rule set.
  public struct Report: Sendable {
    /// How many examples were checked.
    public let checked: Int
    /// The examples that failed, in rule order.
    public let failures: [Failure]
  }

  private let matcher: Matcher

  /// Creates a check over `matcher`'s rule set.
  public init(matcher: Matcher) {
    self.matcher = matcher
  }

  /// Checks the examples of every rule.
  public func run(using scratch: inout MatchScratch) -> Report {
    var checked = 0
    var failures: [Failure] = []
    for rule in matcher.ruleSet.allRules {
      for example in rule.examples.match {
        checked += 1
        if !matcher.fires(rule, on: example.text, using: &scratch) {
          failures.append(Failure(rule: rule.id, example: example, expectedToMatch: true))
        }
      }
      for example in rule.examples.noMatch {
        checked += 1
        if matcher.fires(rule, on: example.text, using: &scratch) {
          failures.append(Failure(rule: rule.id, example: example, expectedToMatch: false))
        }
      }
    }
    return Report(checked: checked, failures: failures)
  }
}

extension Matcher {
  /// Whether `rule` fires on `text` (normalized as messages are).
  public func fires(_ rule: Rule, on text: String, using scratch: inout MatchScratch) -> Bool {
    let message = normalizer.normalizedText(text, utf8Limit: utf8Limit)
    scratch.startMessage()
    var failures: [PatternFailure] = []
    var spans: [SpanRecord] = []
    return RuleEvaluator(message: message).evaluate(
      rule, bytes: message.utf8, spans: &spans, using: &scratch.regex, failures: &failures
    ).fired
  }
}
