import ArgumentParser
import Foundation
import HuashuCore

extension HuashuCommand {
  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show why a message got its intent and emotion.",
      discussion: """
        Prints a trace: the normalized text, every rule that fired with its file:line and the \
        matched span highlighted, the rules that almost fired (vetoed by a `none` word, or \
        missing an `all` word), the intent scores and why the winner beat the runner-up, the \
        emotion cues, and the suggestions with the parts of their scores.

        Examples:
          huashu explain '你们少发了一件！！！我要投诉'
          huashu explain --rules my-rules/ 貨到付款可以嗎

        Exit status: 0 on success, 2 when the rule files have errors.
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var phrasebookSources: PhrasebookOptions

    @Argument(help: "Messages to explain. Without any, reads standard input, one per line.")
    var messages: [String] = []

    func run() throws {
      try CommandRunner.run {
        let ruleSet = try sources.loadRuleSet()
        let matcher = Matcher(ruleSet: ruleSet)
        let replies = phrasebookSources.loadWithoutFailing(for: ruleSet)
        let trace = ExplainTrace(
          ruleSet: ruleSet, style: Terminal.Style(enabled: Terminal.isTerminal(1)),
          suggester: replies.map { Suggester(phrasebook: $0.0) }, profile: replies?.1,
          usage: PhrasebookOptions.usageCounts())
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
