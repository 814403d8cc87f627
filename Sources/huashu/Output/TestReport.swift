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

  /// The minimums one corpus is gated at; a `nil` minimum is not checked.
  struct Minimums: Encodable, Equatable {
    var macroF1: Double?
    var accuracy: Double?
    var upsetRecall: Double?
    var upsetPrecision: Double?

    enum CodingKeys: String, CodingKey {
      case macroF1 = "min_macro_f1"
      case accuracy = "min_accuracy"
      case upsetRecall = "min_upset_recall"
      case upsetPrecision = "min_upset_precision"
    }

    var isEmpty: Bool { self == Minimums() }
  }

  /// One gated metric of one corpus: its name, the value reached and the minimum.
  struct Check: Encodable {
    var metric: String
    var value: Double
    var minimum: Double
    var passed: Bool { value >= minimum }
  }

  /// A corpus's gate: every metric that has a minimum, and whether all reached it.
  struct Gate: Encodable {
    var minimums: Minimums
    var checks: [Check]
    var passed: Bool

    /// The gate of `report` at `minimums`, or `nil` when no minimum is given.
    static func evaluate(_ report: EvaluationReport, minimums: Minimums) -> Gate? {
      guard !minimums.isEmpty else { return nil }
      let upset = report.emotion("upset")
      let measured: [(String, Double?, Double)] = [
        ("macro-F1", minimums.macroF1, report.macroF1),
        ("accuracy", minimums.accuracy, report.accuracy),
        ("upset recall", minimums.upsetRecall, upset?.recall ?? 0),
        ("upset precision", minimums.upsetPrecision, upset?.precision ?? 0),
      ]
      let checks = measured.compactMap { metric, minimum, value in
        minimum.map { Check(metric: metric, value: value, minimum: $0) }
      }
      return Gate(minimums: minimums, checks: checks, passed: checks.allSatisfy(\.passed))
    }
  }

  /// One labelled corpus: where it is, how the rules did on it, and its gate.
  struct Corpus: Encodable {
    var file: String
    var report: EvaluationReport
    var gate: Gate?
  }

  var examples: Examples
  var corpora: [Corpus]
  var passed: Bool

  init(examples report: ExampleCheck.Report, corpora: [Corpus]) {
    examples = Examples(
      checked: report.checked,
      failures: report.failures.map { failure in
        FailingExample(
          rule: failure.rule.rawValue, file: failure.example.location.path,
          line: failure.example.location.line, column: failure.example.location.column,
          text: failure.example.text, expected: failure.expectedToMatch ? "match" : "no_match")
      })
    self.corpora = corpora
    passed = report.failures.isEmpty && corpora.allSatisfy { $0.gate?.passed ?? true }
  }
}
