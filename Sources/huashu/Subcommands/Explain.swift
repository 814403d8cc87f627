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

        With --chat FILE, replays a chat (JSON Lines as `huashu suggest` reads them, or plain \
        lines) through the conversation scripts and shows, after each buyer turn, the state of \
        its chat (turn, de-escalation step, bargaining round, COD question), any hand-off, and \
        the suggestions with why each was chosen.

        Examples:
          huashu explain '你们少发了一件！！！我要投诉'
          huashu explain --rules my-rules/ 貨到付款可以嗎
          huashu explain --chat chats/angry-buyer.jsonl

        Exit status: 0 on success; 2 when the rule files have errors, or a line of standard \
        input is bad (over 64 KiB, or nothing but carriage returns); 74 when the output cannot \
        be written.
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var phrasebookSources: PhrasebookOptions

    @Argument(help: "Messages to explain. Without any, reads standard input, one per line.")
    var messages: [String] = []

    @Option(
      help: ArgumentHelp("Replay this chat and show its state after each turn.", valueName: "file"))
    var chat: String?

    @Option(
      help: ArgumentHelp(
        "With --chat: the time of the replay, ISO 8601 (default: now).", valueName: "time"))
    var now: String?

    func validate() throws {
      if chat != nil && !messages.isEmpty {
        throw ValidationError("give either messages or --chat FILE, not both")
      }
    }

    func run() throws {
      if let chat {
        try CommandRunner.run { try replay(chat) }
        return
      }
      try CommandRunner.run {
        let ruleSet = try sources.loadRuleSet()
        let matcher = Matcher(ruleSet: ruleSet)
        let replies = phrasebookSources.loadWithoutFailing(for: ruleSet)
        let trace = ExplainTrace(
          ruleSet: ruleSet, style: Terminal.style(for: 1),
          suggester: replies.map { Suggester(phrasebook: $0.0) }, profile: replies?.1,
          usage: PhrasebookOptions.usageCounts())
        var scratch = MatchScratch()
        var isFirst = true
        var badLines = 0
        for item in MessageInput(arguments: messages) {
          switch item {
          case .bad(let line, let problem):
            badLines += 1
            LineWriter.standardError.write(
              "\(MessageInput.standardInputName):\(line): error: \(problem)")
          case .message(let message):
            if !isFirst { try LineWriter.standardOutput.write(line: "") }
            isFirst = false
            try LineWriter.standardOutput.write(
              line: trace.render(matcher.classify(message, using: &scratch)))
          }
        }
        if badLines > 0 {
          throw CommandFailure.reported("\(badLines) input line(s) were bad; see above")
        }
      }
    }

    /// Replays a chat file through the suggest session and prints each turn with its state.
    private func replay(_ path: String) throws {
      let descriptor = open(path, O_RDONLY)
      guard descriptor >= 0 else {
        throw CommandFailure.badInput("\(path): cannot open the chat file")
      }
      defer { close(descriptor) }
      let ruleSet = try sources.loadRuleSet()
      let scripts = try sources.loadScripts(for: ruleSet)
      let (phrasebook, profile) = try phrasebookSources.load(for: ruleSet)
      let conversation = try ConversationOptions.parse(now.map { ["--now", $0] } ?? [])
      var session = SuggestSession(
        matcher: Matcher(ruleSet: ruleSet),
        coach: ConversationCoach(suggester: Suggester(phrasebook: phrasebook), scripts: scripts),
        profile: profile, usageDatabasePath: PhrasebookOptions.usageDatabasePath,
        clock: conversation.clock, warn: DiagnosticPrinter.standardError.print)
      let trace = ChatTrace(
        ruleSet: ruleSet, scripts: scripts,
        style: Terminal.style(for: 1))
      var isFirst = true
      for line in LineReader(descriptor: descriptor) {
        if !isFirst { try LineWriter.standardOutput.write(line: "") }
        isFirst = false
        try LineWriter.standardOutput.write(
          line: trace.render(session.answer(line), line: line.number))
      }
    }
  }
}
