import HuashuCore

/// The outcome of `huashu test`, and its JSON form.
struct TestReport: Encodable {
  /// A failing example, with where it is.
  struct FailingExample: Encodable {
    var rule: String
    var file: String
    var line: Int
    var column: Int
    var text: String
    var expected: String
  }

  struct Examples: Encodable {
    var checked: Int
    var failures: [FailingExample]
  }

  /// The corpus gates: macro-F1 and accuracy each at least their minimum, when given.
  struct Gate: Encodable {
    var minimumMacroF1: Double?
    var minimumAccuracy: Double?
    var passed: Bool

    enum CodingKeys: String, CodingKey {
      case minimumMacroF1 = "min_macro_f1"
      case minimumAccuracy = "min_accuracy"
      case passed
    }

    /// Each gated metric: its name, the value reached and the minimum.
    func checks(_ corpus: EvaluationReport?) -> [(metric: String, value: Double, minimum: Double)] {
      var checks: [(String, Double, Double)] = []
      if let minimumMacroF1 { checks.append(("macro-F1", corpus?.macroF1 ?? 0, minimumMacroF1)) }
      if let minimumAccuracy {
        checks.append(("accuracy", corpus?.accuracy ?? 0, minimumAccuracy))
      }
      return checks
    }

    /// The gate for `corpus`, or `nil` when no minimum is given.
    static func evaluate(
      _ corpus: EvaluationReport?, minimumMacroF1: Double?, minimumAccuracy: Double?
    ) -> Gate? {
      guard minimumMacroF1 != nil || minimumAccuracy != nil else { return nil }
      var gate = Gate(
        minimumMacroF1: minimumMacroF1, minimumAccuracy: minimumAccuracy, passed: true)
      gate.passed = gate.checks(corpus).allSatisfy { $0.value >= $0.minimum }
      return gate
    }
  }

  var examples: Examples
  var corpus: EvaluationReport?
  var gate: Gate?
  var passed: Bool

  init(examples report: ExampleCheck.Report, corpus: EvaluationReport?, gate: Gate?) {
    examples = Examples(
      checked: report.checked,
      failures: report.failures.map { failure in
        FailingExample(
          rule: failure.rule.rawValue, file: failure.example.location.path,
          line: failure.example.location.line, column: failure.example.location.column,
          text: failure.example.text, expected: failure.expectedToMatch ? "match" : "no_match")
      })
    self.corpus = corpus
    self.gate = gate
    passed = report.failures.isEmpty && (gate?.passed ?? true)
  }
}
