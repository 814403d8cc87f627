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

  /// The agent's huashu home: `$HUASHU_HOME`, else `~/.huashu`.
  static var home: String {
    if let home = ProcessInfo.processInfo.environment["HUASHU_HOME"], !home.isEmpty {
      return home
    }
    return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".huashu").path
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
  struct Loaded {
    var phrasebook: Phrasebook
    var profile: ShopProfile
    var diagnostics: [Diagnostic]
    /// What only `lint` reports (the shipping table's coverage).
    var lintFindings: [Diagnostic] = []
    /// Where each layer's relative image paths are resolved.
    var imageDirectories: [PhrasebookEntry.Layer: String] = [:]

    /// The phrasebook loader's result with the shop profile's diagnostics and lint findings
    /// added (for lint).
    var result: PhrasebookLoader.Result {
      PhrasebookLoader.Result(
        phrasebook: phrasebook, diagnostics: diagnostics + lintFindings,
        imageDirectories: imageDirectories)
    }
  }

  /// Loads the team phrasebook, the personal layer and `shop.yaml` (when present).
  ///
  /// The diagnostics are returned, not judged. The one place the three are put together.
  ///
  /// - Throws: ``CommandFailure`` when the directory cannot be found or listed.
  func loadAll(for ruleSet: RuleSet) throws -> Loaded {
    let directory = try phrasebookDirectory()
    let loaded: PhrasebookLoader.Result
    do {
      loaded = try PhrasebookLoader(knownIntents: Set(ruleSet.intents.map(\.id))).load(
        teamDirectory: (directory as NSString).appendingPathComponent("team"),
        personalDirectory: personalDirectory)
    } catch {
      throw CommandFailure.badInput(String(describing: error))
    }
    var result = Loaded(
      phrasebook: loaded.phrasebook, profile: ShopProfile(), diagnostics: loaded.diagnostics,
      imageDirectories: loaded.imageDirectories)
    let shopPath = (directory as NSString).appendingPathComponent("shop.yaml")
    if FileManager.default.fileExists(atPath: shopPath) {
      let shop = ShopProfileLoader().load(path: shopPath)
      result.diagnostics += shop.diagnostics
      result.lintFindings += shop.coverage
      if !shop.diagnostics.containsErrors { result.profile = shop.profile }
    }
    return result
  }

  /// The phrasebook and shop profile when they load without errors, else `nil` (for commands
  /// such as `explain` where replies are optional).
  func loadWithoutFailing(for ruleSet: RuleSet) -> (Phrasebook, ShopProfile)? {
    guard let loaded = try? loadAll(for: ruleSet), !loaded.diagnostics.containsErrors else {
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

  /// Loads the phrasebook and the shop profile, printing every diagnostic; exit 2 on errors.
  func load(for ruleSet: RuleSet) throws -> (Phrasebook, ShopProfile) {
    let loaded = try loadAll(for: ruleSet)
    DiagnosticPrinter.standardError.print(loaded.diagnostics)
    if loaded.diagnostics.containsErrors {
      throw CommandFailure.reported(
        "\(loaded.diagnostics.filter { $0.severity == .error }.count) error(s) in the phrasebooks")
    }
    return (loaded.phrasebook, loaded.profile)
  }
}
