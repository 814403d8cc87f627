internal import Foundation

/// Renders a ``TestReport`` for people: failing examples, a table per corpus, the gates, and
/// the corpora side by side.
public struct TestReportText: Sendable {
  let style: TextStyle

  /// Creates a renderer with `style`.
  public init(style: TextStyle) {
    self.style = style
  }

  /// The report as text.
  public func text(_ report: TestReport) -> String {
    var lines: [String] = []
    for failure in report.examples.failures {
      let what =
        failure.expected == "match"
        ? "example '\(failure.text)' does not fire rule '\(failure.rule)'"
        : "no_match example '\(failure.text)' fires rule '\(failure.rule)'"
      lines.append(
        "\(failure.file):\(failure.line):\(failure.column): \(style.red("error")): "
          + "[failing-example] \(what)")
    }
    let failed = report.examples.failures.count
    lines.append(
      "examples: \(report.examples.checked - failed)/\(report.examples.checked) pass"
        + (failed > 0 ? style.red(" (\(failed) failing)") : ""))
    for corpus in report.corpora {
      if report.corpora.count > 1 { lines += ["", style.bold("== \(corpus.file)")] }
      lines += self.corpus(corpus.report)
      for check in corpus.gate?.checks ?? [] {
        let verdict = check.passed ? style.green("pass") : style.red("FAIL")
        lines.append(
          "gate: \(check.metric) \(check.value.formatted(decimals: 3)) ≥ "
            + "\(check.minimum.formatted(decimals: 3)): \(verdict)"
            + (report.corpora.count > 1 ? "  (\(corpus.file))" : ""))
      }
    }
    if report.corpora.count > 1 { lines += summary(report.corpora) }
    return lines.joined(separator: "\n")
  }

  /// One line per corpus, side by side: a tuning file beside a check file shows the gap.
  private func summary(_ corpora: [TestReport.Corpus]) -> [String] {
    func pair(_ metrics: EvaluationReport.EmotionMetrics?) -> String {
      guard let metrics else { return "–" }
      return metrics.precision.formatted(decimals: 2) + "/" + metrics.recall.formatted(decimals: 2)
    }
    var table = TextTable(columns: [
      .init("corpus"), .init("messages", right: true), .init("accuracy", right: true),
      .init("macro-F1", right: true), .init("upset P/R", right: true),
      .init("angry P/R", right: true), .init("gate"),
    ])
    for corpus in corpora {
      let report = corpus.report
      table.add([
        (corpus.file as NSString).lastPathComponent, "\(report.messages)",
        report.accuracy.formatted(decimals: 3), report.macroF1.formatted(decimals: 3),
        pair(report.emotion("upset")), pair(report.emotion("angry")),
        corpus.gate.map { $0.passed ? style.green("pass") : style.red("FAIL") } ?? "–",
      ])
    }
    return [""] + table.lines(indent: "", header: style.bold)
  }

  private func corpus(_ report: EvaluationReport) -> [String] {
    func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
      let padding = String(repeating: " ", count: max(0, width - text.count))
      return left ? text + padding : padding + text
    }
    var lines = [
      "",
      "corpus: \(report.messages) messages, accuracy \(report.accuracy.formatted(decimals: 3)), "
        + "macro-F1 \(report.macroF1.formatted(decimals: 3)), "
        + "micro-F1 \(report.microF1.formatted(decimals: 3))",
      style.bold(
        pad("intent", 16, left: true) + pad("support", 8) + pad("prec", 7) + pad("recall", 8)
          + pad("f1", 7) + "  confused with"),
    ]
    for metrics in report.intents {
      let confusions = metrics.confusedWith.prefix(3).map { "\($0.intent) \($0.count)" }
        .joined(separator: ", ")
      lines.append(
        pad(metrics.intent, 16, left: true) + pad("\(metrics.support)", 8)
          + pad(metrics.precision.formatted(decimals: 2), 7)
          + pad(metrics.recall.formatted(decimals: 2), 8)
          + pad(metrics.f1.formatted(decimals: 2), 7) + "  " + confusions)
    }
    for emotion in report.emotions {
      lines.append(
        "emotion \(pad(emotion.emotion, 6, left: true)) support \(pad("\(emotion.support)", 4))"
          + "  precision \(emotion.precision.formatted(decimals: 2))"
          + "  recall \(emotion.recall.formatted(decimals: 2))")
    }
    if !report.worst.isEmpty {
      lines.append("")
      lines.append(style.bold("worst misclassified (most confident first)"))
      for miss in report.worst {
        let shown = miss.text.count > 40 ? miss.text.prefix(40) + "…" : Substring(miss.text)
        let cause = miss.rule.map { "\($0) (\(miss.location ?? ""))" } ?? "no rule fired"
        lines.append(
          "  line \(miss.line): \(miss.expected) → \(miss.predicted) "
            + "\(miss.confidence.formatted(decimals: 2))  \(shown)  ← \(cause)")
      }
    }
    return lines
  }
}
