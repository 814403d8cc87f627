/// Renders a ``MiningReport`` for people: aligned tables, Chinese as is.
public struct MiningReportText: Sendable {
  let style: TextStyle

  /// Creates a renderer with `style`.
  public init(style: TextStyle) {
    self.style = style
  }

  /// The longest message shown in text output, in characters.
  static let excerptLength = 40

  /// The report's lines.
  public func lines(_ report: MiningReport) -> [String] {
    var lines: [String] = []
    for findings in report.intents ?? [] { lines += intent(findings, criteria: report.criteria) }
    for findings in report.emotions ?? [] { lines += emotion(findings) }
    if let coverage = report.coverage, let unclaimed = report.unclaimed {
      lines += self.coverage(coverage, unclaimed: unclaimed, total: report.messages)
      lines += frequent(unclaimed, criteria: report.criteria)
    }
    if report.mode == .labelled {
      let criteria = report.criteria
      lines.insert(
        "\(report.messages) labelled messages; candidates need support ≥ "
          + "\(criteria.minimumSupport) and precision ≥ "
          + "\((criteria.minimumPrecision ?? 0).formatted(decimals: 2)), top \(criteria.top)",
        at: 0)
    }
    return lines
  }

  private func intent(
    _ findings: MiningReport.IntentFindings, criteria: MiningCriteria
  ) -> [String] {
    let name = [findings.intent.rawValue, findings.label].compactMap { $0 }.joined(separator: " ")
    var lines = [
      "",
      style.bold(name)
        + ": \(findings.messages) messages, \(findings.correct) classified right, "
        + "\(findings.missed) missed",
    ]
    lines += missed(
      "classified as",
      findings.missedExamples.map {
        ($0.line, $0.id, $0.predicted.rawValue, $0.rules, $0.text)
      })
    return lines + candidates(findings.candidates, missed: findings.missed)
  }

  private func emotion(_ findings: MiningReport.EmotionFindings) -> [String] {
    let lines = [
      "",
      style.bold(findings.emotion.rawValue)
        + ": \(findings.messages) messages, \(findings.correct) read right, "
        + "\(findings.missed) read calmer",
    ]
    return lines
      + missed(
        "read as",
        findings.missedExamples.map {
          ($0.line, $0.id, $0.predicted.rawValue, $0.cues, $0.text)
        })
      + candidates(findings.candidates, missed: findings.missed)
  }

  /// The missed messages, each with what it was read as and the rules that fired on it.
  private func missed(
    _ readAs: String,
    _ examples: [(line: Int, id: String?, predicted: String, rules: [RuleID], text: String)]
  ) -> [String] {
    guard !examples.isEmpty else { return [] }
    return ["  missed (\(readAs)):"]
      + examples.map { example in
        let rules =
          example.rules.isEmpty ? "" : " (\(example.rules.map(\.rawValue).joined(separator: ", ")))"
        return "    line \(example.line)\(example.id.map { " \($0)" } ?? ""): → "
          + "\(example.predicted)\(rules)  \(Self.excerpt(example.text))"
      }
  }

  /// The candidates table, or why there is none.
  private func candidates(_ candidates: [CandidatePattern], missed: Int) -> [String] {
    guard !candidates.isEmpty else {
      return missed > 0 ? ["  no candidate reaches the thresholds"] : []
    }
    var table = TextTable(columns: [
      .init("candidate"), .init("support", right: true), .init("matches", right: true),
      .init("precision", right: true), .init("would break", right: true), .init("overlap"),
    ])
    for candidate in candidates {
      let overlap =
        candidate.overlap.prefix(3).map { "\($0.rule) \($0.messages)" }
        + (candidate.overlap.count > 3 ? ["…"] : [])
      table.add([
        candidate.text, "\(candidate.support)", "\(candidate.matches)",
        candidate.precision.formatted(decimals: 2), "\(candidate.wouldBreak)",
        overlap.isEmpty ? "-" : overlap.joined(separator: ", "),
      ])
    }
    return table.lines(indent: "  ", header: style.bold)
  }

  private func coverage(
    _ coverage: [MiningReport.IntentCoverage], unclaimed: MiningReport.UnclaimedFindings,
    total: Int
  ) -> [String] {
    let claimed = total - unclaimed.messages
    var lines = [
      "\(total) messages; the rules claim \(claimed) (\(Self.percent(1 - unclaimed.share))), "
        + "\(unclaimed.messages) unclaimed (\(Self.percent(unclaimed.share)))",
      "",
    ]
    var table = TextTable(columns: [
      .init("intent"), .init("label"), .init("messages", right: true),
      .init("share", right: true),
    ])
    for entry in coverage {
      table.add([
        entry.intent.rawValue, entry.label ?? "", "\(entry.messages)", Self.percent(entry.share),
      ])
    }
    table.add(["other", "(unclaimed)", "\(unclaimed.messages)", Self.percent(unclaimed.share)])
    lines += table.lines(indent: "", header: style.bold)
    return lines
  }

  private func frequent(
    _ unclaimed: MiningReport.UnclaimedFindings, criteria: MiningCriteria
  ) -> [String] {
    let lines = [
      "",
      style.bold(
        "frequent among the unclaimed messages (in ≥ \(criteria.minimumSupport) of them, "
          + "top \(criteria.top))"),
    ]
    guard !unclaimed.ngrams.isEmpty else { return lines + ["  none"] }
    var table = TextTable(columns: [
      .init("n-gram"), .init("count", right: true), .init("matches", right: true),
      .init("example"),
    ])
    for ngram in unclaimed.ngrams {
      table.add([
        ngram.text, "\(ngram.count)", "\(ngram.matches)",
        "line \(ngram.example.line): \(Self.excerpt(ngram.example.text))",
      ])
    }
    return lines + table.lines(indent: "  ", header: { $0 })
  }

  /// `share` as a percentage with one decimal.
  static func percent(_ share: Double) -> String {
    (share * 100).formatted(decimals: 1) + "%"
  }

  /// A message cut to ``excerptLength`` characters, on one line.
  static func excerpt(_ text: String) -> String {
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    return flat.count > excerptLength ? flat.prefix(excerptLength) + "…" : flat
  }
}
