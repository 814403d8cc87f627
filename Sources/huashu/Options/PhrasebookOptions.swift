import ArgumentParser
import Foundation
import HuashuCore

/// Where the phrasebooks and the agent's own data come from.
struct PhrasebookOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Phrasebook directory, holding team/*.yaml and shop.yaml.",
      discussion: "Default: ./phrasebooks if it exists, else the phrasebooks shipped with huashu.",
      valueName: "dir"))
  var phrasebooks: String?

  @Option(
    help: ArgumentHelp(
      "The agent's personal phrasebook layer.",
      discussion: "Default: $HUASHU_HOME/personal (HUASHU_HOME defaults to ~/.huashu).",
      valueName: "dir"))
  var personal: String?

  /// The agent's huashu home: `$HUASHU_HOME`, else `.huashu` in `$HOME`, else in the user's
  /// home directory from the password database.
  static var home: String {
    if let home = homeFromEnvironment { return home }
    let userHome =
      ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? FileManager.default.homeDirectoryForCurrentUser.path
    return (userHome as NSString).appendingPathComponent(".huashu")
  }

  /// `$HUASHU_HOME`, when it is set and not empty.
  static var homeFromEnvironment: String? {
    ProcessInfo.processInfo.environment["HUASHU_HOME"].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The usage database of this agent.
  static var usageDatabasePath: String {
    (home as NSString).appendingPathComponent(UsageStore.fileName)
  }

  func phrasebookDirectory() throws -> String {
    if let phrasebooks { return phrasebooks }
    if let found = ContentLocator.find("phrasebooks") { return found }
    throw CommandFailure.badInput(
      "no phrasebook directory found: pass --phrasebooks DIR, or run huashu where ./phrasebooks"
        + " exists")
  }

  var personalDirectory: String {
    personal ?? (Self.home as NSString).appendingPathComponent("personal")
  }

  /// The phrasebooks and the shop profile as loaded, with every diagnostic of both files.
  typealias Loaded = PhrasebookSetLoader.Result

  /// Loads the team phrasebook, the personal layer and `shop.yaml` (when present).
  ///
  /// The diagnostics are returned, not judged.
  ///
  /// - Throws: ``CommandFailure`` when the directory cannot be found or listed.
  func loadAll(for ruleSet: RuleSet, stored: StoredPhrasebooks? = nil) throws -> Loaded {
    let loader = PhrasebookSetLoader(knownIntents: Set(ruleSet.intents.map(\.id)))
    if let stored { return loader.load(stored) }
    let directory = try phrasebookDirectory()
    do {
      return try loader.load(directory: directory, personalDirectory: personalDirectory)
    } catch {
      throw CommandFailure.badInput(String(describing: error))
    }
  }

  /// The phrasebook and shop profile when they load without errors, else `nil` (for commands
  /// such as `explain` where replies are optional).
  func loadWithoutFailing(for ruleSet: RuleSet, stored: StoredPhrasebooks? = nil)
    -> (Phrasebook, ShopProfile)?
  {
    guard let loaded = try? loadAll(for: ruleSet, stored: stored),
      !loaded.diagnostics.containsErrors
    else {
      return nil
    }
    return (loaded.phrasebook, loaded.profile)
  }

  /// This agent's accepted counts, empty when there is no usage database yet.
  static func usageCounts() -> [ReplyID: Int] {
    guard FileManager.default.fileExists(atPath: usageDatabasePath),
      let store = try? UsageStore(path: usageDatabasePath)
    else { return [:] }
    return (try? store.acceptedCounts()) ?? [:]
  }

  /// Loads the phrasebook and the shop profile (from `stored`, the team store's, when given),
  /// printing every diagnostic; exit 2 on errors.
  func load(for ruleSet: RuleSet, stored: StoredPhrasebooks? = nil) throws
    -> (Phrasebook, ShopProfile)
  {
    let loaded = try loadAll(for: ruleSet, stored: stored)
    DiagnosticPrinter.standardError.print(loaded.diagnostics)
    if loaded.diagnostics.containsErrors {
      throw CommandFailure.reported(
        "\(loaded.diagnostics.filter { $0.severity == .error }.count) error(s) in the phrasebooks")
    }
    return (loaded.phrasebook, loaded.profile)
  }
}
