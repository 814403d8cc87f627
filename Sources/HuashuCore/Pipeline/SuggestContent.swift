public import Foundation

/// Everything a suggestion is made from, loaded together: the rules, the conversation scripts
/// beside them, the phrasebooks with the agent's personal layer, and the shop profile.
///
/// What a long-running front end (the server) loads at start and on every reload; a load with
/// any error is refused as a whole, so what runs is always a set that loaded cleanly.
public struct SuggestContent: Sendable {
  /// Where the content is read from.
  public struct Sources: Hashable, Sendable {
    /// The directory of rule files (and conversation scripts).
    public var rulesDirectory: String
    /// The phrasebook directory, holding `team/*.yaml` and `shop.yaml`.
    public var phrasebookDirectory: String
    /// The agent's personal layer.
    public var personalDirectory: String
    /// The phrasebooks of a team store, read instead of the two directories above when given.
    public var stored: StoredPhrasebooks?

    /// Creates the sources.
    public init(
      rulesDirectory: String, phrasebookDirectory: String, personalDirectory: String,
      stored: StoredPhrasebooks? = nil
    ) {
      self.rulesDirectory = rulesDirectory
      self.phrasebookDirectory = phrasebookDirectory
      self.personalDirectory = personalDirectory
      self.stored = stored
    }
  }

  /// Where it was read from.
  public let sources: Sources
  /// The rules.
  public let ruleSet: RuleSet
  /// The conversation scripts.
  public let scripts: ConversationScripts
  /// The team phrasebook with the personal layer on top.
  public let phrasebook: Phrasebook
  /// The shop's name, shipping table and bargaining defaults.
  public let profile: ShopProfile
  /// Where each layer's relative image paths are resolved.
  public let imageDirectories: [PhrasebookEntry.Layer: String]
  /// The warnings of every file (a load with errors is not a ``SuggestContent``).
  public let warnings: [Diagnostic]

  /// Loads every file of `sources`.
  ///
  /// - Throws: ``SuggestContentError`` naming every error, when any file has one or a
  ///   directory cannot be read.
  public static func load(_ sources: Sources) throws(SuggestContentError) -> SuggestContent {
    do {
      let rules = try RuleSetLoader().load(directory: sources.rulesDirectory)
      try SuggestContentError.check(rules.diagnostics, in: "the rule files")
      let scripts = try ConversationScriptLoader().load(
        directory: sources.rulesDirectory, ruleSet: rules.ruleSet)
      try SuggestContentError.check(scripts.diagnostics, in: "the conversation scripts")
      let loader = PhrasebookSetLoader(knownIntents: Set(rules.ruleSet.intents.map(\.id)))
      let replies =
        try sources.stored.map { loader.load($0) }
        ?? loader.load(
          directory: sources.phrasebookDirectory, personalDirectory: sources.personalDirectory)
      try SuggestContentError.check(replies.diagnostics, in: "the phrasebooks")
      return SuggestContent(
        sources: sources, ruleSet: rules.ruleSet, scripts: scripts.scripts,
        phrasebook: replies.phrasebook, profile: replies.profile,
        imageDirectories: replies.imageDirectories,
        warnings: rules.diagnostics + scripts.diagnostics + replies.diagnostics)
    } catch let error as SuggestContentError {
      throw error
    } catch {
      throw SuggestContentError(
        summary: String(describing: error), diagnostics: [])
    }
  }
}

/// Why content did not load: a summary and every diagnostic of the files that had errors.
public struct SuggestContentError: Error, Sendable, CustomStringConvertible {
  /// One line: how many errors, in which files (or the directory that could not be read).
  public var summary: String
  /// Every diagnostic of the files that had errors, warnings included, in file order.
  public var diagnostics: [Diagnostic]

  /// The summary, then each diagnostic on its own line (`file:line:column: error: …`).
  public var description: String {
    ([summary] + diagnostics.map(\.description)).joined(separator: "\n")
  }

  /// Throws when `diagnostics` has an error.
  static func check(_ diagnostics: [Diagnostic], in files: String) throws(SuggestContentError) {
    let errors = diagnostics.filter { $0.severity == .error }.count
    guard errors > 0 else { return }
    throw SuggestContentError(summary: "\(errors) error(s) in \(files)", diagnostics: diagnostics)
  }
}
