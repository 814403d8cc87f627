import ArgumentParser
import Foundation
import HuashuCore

extension HuashuCommand {
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check rule files and phrasebooks for errors and likely mistakes.",
      discussion: """
        Reports, each with file:line:column and a one-line fix: bad regexes and every other \
        load error; keywords or regexes written in a form messages never have after \
        normalization (traditional, full-width); duplicate keywords within an intent; the same \
        keyword in two intents (and which wins); rules shadowed by another intent; rules \
        without examples; intents without replies; unknown template variables; hidden or \
        overridden reply ids that do not exist.

        Examples:
          huashu lint
          huashu lint --strict --rules my-rules/ --phrasebooks my-phrasebooks/

        Exit status: 0 when there is no error (warnings allowed unless --strict); 1 when \
        there are errors (or warnings with --strict); 2 when a directory cannot be read.
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var phrasebookSources: PhrasebookOptions

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
      var failed = false
      try CommandRunner.run {
        let rules: RuleSetLoader.Result
        do {
          rules = try RuleSetLoader().load(directory: try sources.rulesDirectory())
        } catch let error as DirectoryReadError {
          throw CommandFailure.badInput(error.description)
        }
        let phrasebook = try loadPhrasebook(for: rules.ruleSet)
        let scripts = try ConversationScriptLoader().load(
          directory: try sources.rulesDirectory(), ruleSet: rules.ruleSet)
        var findings = Linter(rules: rules, phrasebook: phrasebook).run() + scripts.diagnostics
        if let phrasebook {
          findings += scripts.scripts.missingReplies(in: phrasebook.phrasebook)
        }
        DiagnosticPrinter.standardError.print(findings)
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        LineWriter.standardError.write(
          findings.isEmpty
            ? "lint: no problems" : "lint: \(errors) error(s), \(warnings) warning(s)")
        failed = errors > 0 || (strict && warnings > 0)
      }
      if failed { throw ExitCode.failure }
    }

    /// The phrasebook with its diagnostics, or `nil` when there is no phrasebook directory.
    private func loadPhrasebook(for ruleSet: RuleSet) throws -> PhrasebookLoader.Result? {
      guard (try? phrasebookSources.phrasebookDirectory()) != nil else { return nil }
      return try phrasebookSources.loadAll(for: ruleSet).loaderResult
    }
  }
}
