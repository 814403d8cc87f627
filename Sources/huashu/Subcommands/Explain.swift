import ArgumentParser
import Foundation
import HuashuCore

extension HuashuCommand {
  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show why a message got its intent and emotion.",
      discussion: """
        Prints a trace: the normalized text, every rule that fired with its file:line and the \
        matched span highlighted, the intent scores, and the emotion cues.

        Examples:
          huashu explain '你们少发了一件！！！我要投诉'
          huashu explain --rules my-rules/ 貨到付款可以嗎

        Exit status: 0 on success, 2 when the rule files have errors.
        """)

    @OptionGroup var sources: RuleSourceOptions

    @Argument(help: "Messages to explain. Without any, reads standard input, one per line.")
    var messages: [String] = []

    func run() throws {
      try CommandRunner.run {
        let ruleSet = try sources.loadRuleSet()
        let matcher = Matcher(ruleSet: ruleSet)
        let trace = ExplainTrace(
          ruleSet: ruleSet, style: Terminal.Style(enabled: Terminal.isTerminal(1)))
        var scratch = MatchScratch()
        var isFirst = true
        for message in MessageInput(arguments: messages) {
          if !isFirst { LineWriter.standardOutput.write("") }
          isFirst = false
          LineWriter.standardOutput.write(
            trace.render(matcher.classify(message, using: &scratch)))
        }
      }
    }
  }
}

/// The readable trace of one classification.
struct ExplainTrace {
  let ruleSet: RuleSet
  let style: Terminal.Style

  func render(_ classification: Classification) -> String {
    var lines: [String] = []
    let message = classification.message
    func field(_ name: String, _ value: String) {
      lines.append(style.bold(name.padding(toLength: 12, withPad: " ", startingAt: 0)) + value)
    }
    field("message", message.original)
    field("normalized", message.text)
    if message.isTruncated {
      field("note", "message too long: only the first \(message.utf8.count) bytes were matched")
    }
    let label = ruleSet.intent(classification.intent).map { " (\($0.label))" } ?? ""
    field(
      "intent",
      "\(classification.intent)\(label)  confidence \(classification.confidence.formatted(decimals: 3))"
    )
    if let runnerUp = classification.runnerUp {
      let margin = classification.confidence - runnerUp.score
      field(
        "runner-up",
        "\(runnerUp.intent) \(runnerUp.score.formatted(decimals: 3))"
          + "  (margin \(margin.formatted(decimals: 3)))")
    }
    if classification.scores.isEmpty {
      field("scores", "no rule fired")
    } else {
      field(
        "scores",
        classification.scores.map { "\($0.intent) \($0.score.formatted(decimals: 3))" }
          .joined(separator: "  "))
    }
    lines.append("")
    lines.append(style.bold("fired rules (\(classification.firedRules.count))"))
    for hit in classification.firedRules { lines += render(hit, in: message) }

    let emotion = classification.emotion
    lines.append("")
    field(
      "emotion",
      "\(emotion.level.rawValue)  (anger \(emotion.angerScore.formatted(decimals: 3)), "
        + "upset \(emotion.upsetScore.formatted(decimals: 3)); threshold "
        + "\(Matcher.emotionThreshold.formatted(decimals: 1)))")
    for cue in emotion.cues { lines += render(cue, in: message) }
    for failure in classification.patternFailures {
      lines.append(
        style.yellow(
          "  gave up on pattern '\(failure.pattern)' of \(failure.rule): "
            + failure.error.message))
    }
    return lines.joined(separator: "\n")
  }

  private func render(_ hit: RuleHit, in message: NormalizedText) -> [String] {
    var lines = [
      "  \(style.bold(hit.id.rawValue))  \(hit.rule.location)  "
        + "weight \(hit.rule.weight.formatted(decimals: 2))  evidence "
        + hit.evidence.formatted(decimals: 3)
    ]
    for span in hit.spans {
      let original = message.original
      let highlighted =
        String(original[..<span.original.lowerBound])
        + (style.enabled
          ? style.highlight(String(original[span.original]))
          : "[" + original[span.original] + "]")
        + String(original[span.original.upperBound...])
      let kind = span.isPattern ? "regex" : "keyword"
      lines.append("      \(highlighted)    " + style.dim("← \(kind) \(span.source)"))
    }
    return lines
  }
}
