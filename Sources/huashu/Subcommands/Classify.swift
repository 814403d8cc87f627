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

        Exit status: 0 on success, 2 when the rule files have errors (each is printed as \
        file:line:column) or cannot be read.
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
        @Sendable func render(_ classification: Classification) throws -> String {
          switch format {
          case .text: Self.textLine(classification)
          case .json: try encoder.line(ClassificationRecord(classification, ruleSet: ruleSet))
          }
        }
        if parallel.jobs > 1 {
          // Classifying and rendering run on the workers; only writing is sequential.
          let classifier = ParallelClassifier(matcher: matcher, jobs: parallel.jobs)
          for batch in MessageInput(arguments: messages).batches(of: JobOptions.batchSize) {
            let lines = classifier.map(batch) { message, scratch in
              Result { try render(matcher.classify(message, using: &scratch)) }
            }
            for line in lines { LineWriter.standardOutput.write(try line.get()) }
          }
          return
        }
        var scratch = MatchScratch()
        for message in MessageInput(arguments: messages) {
          LineWriter.standardOutput.write(try render(matcher.classify(message, using: &scratch)))
        }
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

extension Double {
  /// The value with a fixed number of decimals, without Foundation's locale.
  func formatted(decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((self * scale).rounded())
    let whole = scaled / Int(scale)
    let fraction = String(scaled % Int(scale))
    return "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
  }
}

extension String {
  /// The string with tabs shown as spaces, for tab-separated output.
  func replacingTabs() -> String {
    split(separator: "\t", omittingEmptySubsequences: false)
      .joined(separator: " ")
  }
}
