import HuashuCore

/// Writes `suggest` answers: readable text, or one JSON object per input line.
///
/// Rendering is pure (``render(_:line:)``), so with `--jobs` it runs on the worker threads and
/// only the writing is sequential.
struct SuggestPrinter: Sendable {
  let format: OutputFormat
  let ruleSet: RuleSet
  private let text: SuggestionText

  init(format: OutputFormat, ruleSet: RuleSet) {
    self.format = format
    self.ruleSet = ruleSet
    self.text = SuggestionText(ruleSet: ruleSet, style: Terminal.style(for: 1))
  }

  /// What to write for one answer: a line for standard output (UTF-8) and/or one for standard
  /// error.
  struct Rendered: Sendable {
    var output: [UInt8]?
    var error: String?

    init(output: [UInt8]? = nil, error: String? = nil) {
      self.output = output
      self.error = error
    }

    init(output: String) { self.output = Array(output.utf8) }
  }

  /// Writes `rendered`: its output line into `output`, its error line to standard error after
  /// the output before it.
  func write(_ rendered: Rendered, to output: OutputBuffer) {
    if let line = rendered.output { output.append(line: line) }
    if let error = rendered.error {
      output.flush()
      LineWriter.standardError.write(error)
    }
  }

  func render(_ answer: SuggestSession.Answer, line: Int) -> Rendered {
    switch format {
    case .json:
      Rendered(output: SuggestionRecord.jsonLine(line: line, answer: answer, ruleSet: ruleSet))
    case .text:
      switch answer {
      case .failure(let message): Rendered(error: "<stdin>:\(line): error: \(message)")
      default: Rendered(output: text.text(answer))
      }
    }
  }
}
