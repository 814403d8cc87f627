import ArgumentParser
import Foundation
import HuashuCore

/// Where the rule files come from: `--rules`, else `rules/` in the current directory, else the
/// rules shipped with huashu.
struct RuleSourceOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Directory of rule files (*.yaml).",
      discussion: "Default: ./rules if it exists, else the rules shipped with huashu.",
      valueName: "dir"))
  var rules: String?

  /// The directory to load, and whether it was chosen explicitly.
  func rulesDirectory() throws -> String {
    if let rules { return rules }
    if let found = ContentLocator.find("rules") { return found }
    throw CommandFailure.badInput(
      "no rules directory found: pass --rules DIR, or run huashu where ./rules exists")
  }

  /// Loads the rule set, printing every diagnostic; fails with exit code 2 on any error.
  func loadRuleSet() throws -> RuleSet {
    let result = try loading { try RuleSetLoader().load(directory: try rulesDirectory()) }
    try Self.check(result.diagnostics, in: "the rule files", else: "nothing was classified")
    return result.ruleSet
  }

  /// Loads the conversation scripts beside the rules, printing every diagnostic; fails with
  /// exit code 2 on any error.
  func loadScripts(for ruleSet: RuleSet) throws -> ConversationScripts {
    let result = try loading {
      try ConversationScriptLoader().load(directory: try rulesDirectory(), ruleSet: ruleSet)
    }
    try Self.check(
      result.diagnostics, in: "the conversation scripts", else: "nothing was answered")
    return result.scripts
  }

  /// Runs a loader, turning an unreadable directory into a failure with exit code 2.
  private func loading<Result>(_ load: () throws -> Result) throws -> Result {
    do {
      return try load()
    } catch let failure as CommandFailure {
      throw failure
    } catch {
      throw CommandFailure.badInput(String(describing: error))
    }
  }

  /// Prints `diagnostics` and fails with exit code 2 if any is an error.
  private static func check(
    _ diagnostics: [Diagnostic], in files: String, else consequence: String
  ) throws {
    DiagnosticPrinter.standardError.print(diagnostics)
    let errors = diagnostics.filter { $0.severity == .error }.count
    if errors > 0 {
      throw CommandFailure.reported("\(errors) error(s) in \(files); \(consequence)")
    }
  }
}
