extension TestReport {
  /// The report as JUnit XML, so CI systems can show it: one test case per failing or passing
  /// group of examples, one per corpus intent, and one per gated metric of each corpus.
  public var junitXML: String {
    let report = self
    var cases: [String] = []
    var failures = 0
    let failuresByRule = Dictionary(grouping: report.examples.failures, by: \.rule)
    cases.append(
      Self.testCase(
        "examples", "all rule examples",
        failure: failuresByRule.isEmpty
          ? nil
          : report.examples.failures.map {
            "\($0.file):\($0.line):\($0.column): \($0.expected) example '\($0.text)' of \($0.rule)"
          }.joined(separator: "\n")))
    if !failuresByRule.isEmpty { failures += 1 }
    for corpus in report.corpora {
      let suffix = report.corpora.count > 1 ? " (\(corpus.file))" : ""
      for metrics in corpus.report.intents where metrics.support > 0 {
        cases.append(
          Self.testCase(
            "corpus", metrics.intent + suffix, failure: nil,
            output: "support \(metrics.support) precision \(metrics.precision) recall "
              + "\(metrics.recall) f1 \(metrics.f1)"))
      }
      for check in corpus.gate?.checks ?? [] {
        let message = "\(check.metric) \(check.value) below \(check.minimum)"
        cases.append(
          Self.testCase("gate", check.metric + suffix, failure: check.passed ? nil : message))
        if !check.passed { failures += 1 }
      }
    }
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="huashu" tests="\(cases.count)" failures="\(failures)">
      <testsuite name="huashu test" tests="\(cases.count)" failures="\(failures)">
      \(cases.joined(separator: "\n"))
      </testsuite>
      </testsuites>

      """
  }

  private static func testCase(
    _ className: String, _ name: String, failure: String?, output: String? = nil
  ) -> String {
    var xml = "<testcase classname=\"\(escape(className))\" name=\"\(escape(name))\">"
    if let failure {
      xml += "<failure message=\"\(escape(failure.prefix(200)))\">\(escape(failure))</failure>"
    }
    if let output { xml += "<system-out>\(escape(output))</system-out>" }
    return xml + "</testcase>"
  }

  private static func escape(_ text: some StringProtocol) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.append(character)
      }
    }
    return result
  }
}
