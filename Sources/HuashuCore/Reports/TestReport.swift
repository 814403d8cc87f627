/// The outcome of `huashu test`, and its JSON form.
public struct TestReport: Encodable, Sendable {
  /// A failing example, with where it is.
  public struct FailingExample: Encodable, Sendable {
    public var rule: String
    public var file: String
    public var line: Int
    public var column: Int
    public var text: String
    public var expected: String
  }

  public struct Examples: Encodable, Sendable {
    public var checked: Int
    public var failures: [FailingExample]
  }

  /// The minimums one corpus is gated at; a `nil` minimum is not checked.
  public struct Minimums: Encodable, Equatable, Sendable {
    public var macroF1: Double?
    public var accuracy: Double?
    public var upsetRecall: Double?
    public var upsetPrecision: Double?

    enum CodingKeys: String, CodingKey {
      case macroF1 = "min_macro_f1"
      case accuracy = "min_accuracy"
      case upsetRecall = "min_upset_recall"
      case upsetPrecision = "min_upset_precision"
    }

    /// Creates minimums; a `nil` one is not checked.
    public init(
      macroF1: Double? = nil, accuracy: Double? = nil, upsetRecall: Double? = nil,
      upsetPrecision: Double? = nil
    ) {
      self.macroF1 = macroF1
      self.accuracy = accuracy
      self.upsetRecall = upsetRecall
      self.upsetPrecision = upsetPrecision
    }

    /// Whether no minimum is given.
    public var isEmpty: Bool { self == Minimums() }
  }

  /// One gated metric of one corpus: its name, the value reached and the minimum.
  public struct Check: Encodable, Sendable {
    public var metric: String
    public var value: Double
    public var minimum: Double
    public var passed: Bool { value >= minimum }
  }

  /// A corpus's gate: every metric that has a minimum, and whether all reached it.
  public struct Gate: Encodable, Sendable {
    public var minimums: Minimums
    public var checks: [Check]
    public var passed: Bool

    /// The gate of `report` at `minimums`, or `nil` when no minimum is given.
    public static func evaluate(_ report: EvaluationReport, minimums: Minimums) -> Gate? {
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
  public struct Corpus: Encodable, Sendable {
    public var file: String
    public var report: EvaluationReport
    public var gate: Gate?

    /// Creates the outcome of one corpus.
    public init(file: String, report: EvaluationReport, gate: Gate?) {
      self.file = file
      self.report = report
      self.gate = gate
    }
  }

  public var examples: Examples
  public var corpora: [Corpus]
  public var passed: Bool

  /// The report of a run: its examples and its corpora.
  public init(examples report: ExampleCheck.Report, corpora: [Corpus]) {
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
