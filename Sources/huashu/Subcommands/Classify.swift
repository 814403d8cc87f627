import ArgumentParser
import HuashuCore

extension HuashuCommand {
  struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the intent and emotion of each buyer message.",
      discussion: """
        Messages come from the arguments, or from standard input, one per line; each answer is \
        written as soon as its line is read. A message no rule claims gets the intent `other`.

        Examples:
          huashu classify 老板能便宜点吗
          echo '你们少发了一件！！！我要投诉' | huashu classify --format json
          huashu classify --rules my-rules/ < messages.txt

        Text output is one tab-separated line per message: intent, emotion, confidence, \
        message. JSON output is one object per line with text, intent, label, confidence, \
        emotion, emotion_score, scores, rules (fired rules with id, file, line, column, span), \
        cues and truncated.

        A line of standard input over 64 KiB, or of nothing but carriage returns, is a bad \
        line: it gets an error answer (in JSON an object with line and error; in text a line \
        on standard error) and the others go on.

        Exit status: 0 on success; 2 when the rule files have errors (each is printed as \
        file:line:column) or cannot be read, or when any input line was bad; 74 when the \
        output cannot be written.
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var parallel: JobOptions

    @Argument(help: "Messages to classify. Without any, reads standard input, one per line.")
    var messages: [String] = []

    func run() throws {
      try CommandRunner.run {
        let ruleSet = try sources.loadRuleSet()
        let matcher = Matcher(ruleSet: ruleSet)
        let encoder = JSONLineEncoder()
        let format = output.format
        let skippedPatterns = SkippedPatternLog(ruleSet: ruleSet)
        @Sendable func render(_ classification: Classification) throws -> String {
          DiagnosticPrinter.standardError.print(skippedPatterns.newWarnings(for: classification))
          return switch format {
          case .text: Self.textLine(classification)
          case .json: try encoder.line(ClassificationRecord(classification, ruleSet: ruleSet))
          }
        }
        @Sendable func answer(_ item: MessageInput.Item, using scratch: inout MatchScratch)
          throws -> Answer
        {
          switch item {
          case .message(let message):
            return .output(try render(matcher.classify(message, using: &scratch)))
          case .bad(let line, let problem):
            return Self.badLine(line, problem, format: format, encoder: encoder)
          }
        }
        var badLines = 0
        func emit(_ answer: Answer, for item: MessageInput.Item) throws {
          if case .bad = item { badLines += 1 }
          switch answer {
          case .output(let line): try LineWriter.standardOutput.write(line: line)
          case .error(let line): LineWriter.standardError.write(line)
          }
        }
        if parallel.jobs > 1 {
          // Classifying and rendering run on the workers; only writing is sequential.
          let classifier = ParallelClassifier(matcher: matcher, jobs: parallel.jobs)
          for batch in MessageInput(arguments: messages).batches(of: JobOptions.batchSize) {
            let answers = classifier.map(batch) { item, scratch in
              Result { try answer(item, using: &scratch) }
            }
            for (item, answer) in zip(batch, answers) { try emit(answer.get(), for: item) }
          }
        } else {
          var scratch = MatchScratch()
          for item in MessageInput(arguments: messages) {
            try emit(answer(item, using: &scratch), for: item)
          }
        }
        if badLines > 0 {
          throw CommandFailure.reported("\(badLines) input line(s) were bad; see above")
        }
      }
    }

    /// What to write for one input line: a line of standard output, or one of standard error.
    enum Answer: Sendable {
      case output(String)
      case error(String)
    }

    /// The answer to a bad input line, as `suggest` gives it: in JSON an object with `line`
    /// and `error` on standard output; in text `<stdin>:line: error: …` on standard error.
    static func badLine(
      _ line: Int, _ problem: String, format: OutputFormat, encoder: JSONLineEncoder
    ) -> Answer {
      switch format {
      case .text: .error("\(MessageInput.standardInputName):\(line): error: \(problem)")
      case .json:
        // Two plain fields: encoding cannot fail.
        .output((try? encoder.line(LineErrorRecord(line: line, error: problem))) ?? "")
      }
    }

    static func textLine(_ classification: Classification) -> String {
      let confidence = classification.confidence.formatted(decimals: 2)
      var line = [
        classification.intent.rawValue, classification.emotion.level.rawValue, confidence,
        classification.message.original.replacingTabs(),
      ].joined(separator: "\t")
      if classification.message.isTruncated { line += "\t(only the first part was matched)" }
      return line
    }
  }
}

extension String {
  /// The string with tabs shown as spaces, for tab-separated output.
  func replacingTabs() -> String {
    split(separator: "\t", omittingEmptySubsequences: false)
      .joined(separator: " ")
  }
}
