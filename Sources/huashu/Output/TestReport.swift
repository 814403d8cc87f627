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

  /// The macro-F1 gate.
  struct Gate: Encodable {
    var minimumMacroF1: Double
    var passed: Bool

    enum CodingKeys: String, CodingKey {
      case minimumMacroF1 = "min_macro_f1"
      case passed
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
