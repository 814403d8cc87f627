import ArgumentParser
import Foundation
import HuashuCore
import HuashuStore

struct PhrasebookImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a bundle or a Qianniu CSV into a phrasebook layer, safely.",
    discussion: """
      Checks everything first and prints what changes: added, changed (field by field), \
      removed (replace mode), conflicts, entries imported without an intent, invalid rows \
      with their row or line, warnings, and the layer's files it writes. Nothing is written \
      with --dry-run, nor when any row is invalid (unless --skip-invalid), a file name would \
      leave the layer (even with --skip-invalid), or an entry was edited on both sides and \
      --on-conflict is fail. Otherwise the layer's files are replaced all at once (written \
      and flushed beside it, then swapped in), and the old files are kept under \
      $HUASHU_HOME/backups; `huashu phrasebook restore` puts them back.

      With a team store (--store or $HUASHU_STORE), the same checks run inside one \
      transaction that holds the layer: a second import of the same layer waits for it (or \
      gives up after 30 seconds), the old files are kept as a backup in the store, and every \
      server following the store reloads once it commits; an import cut short changes nothing. \
      --into personal is the personal layer of --agent.

      A bundle whose files do not hash to its content_hash is refused as damaged (cut short, \
      changed in transit); one you edited by hand on purpose imports with --accept-edited, \
      and its entries are still checked one by one against their export hashes.

      A CSV may be UTF-8 (with or without a byte-order mark) or GB18030; the output says \
      which. Rows match existing replies by group and code (or text), so their intent, step \
      and tags are kept; new rows get `intent: unassigned` until an editor assigns one. Cells \
      starting with = + - @ (or a tab or carriage return), which a spreadsheet runs as \
      formulas, are imported as written and reported; a ' before such a cell (as `export` \
      writes it) is dropped.

      Examples:
        huashu phrasebook import 快捷短语.csv --into personal --dry-run
        huashu phrasebook import team.yaml --mode replace --on-conflict theirs

      Exit status: 0 when imported (or nothing to do, or a dry run); 1 when refused (invalid \
      rows or file names, conflicts); 2 when the file cannot be read or is damaged.
      """)

  @OptionGroup var layers: PhrasebookLayerOptions

  @Argument(
    help: ArgumentHelp("The bundle (.yaml, .json) or Qianniu CSV (.csv).", valueName: "file"))
  var file: String

  @Option(help: "yaml, json or qianniu-csv. Default: from the file's extension.")
  var format: PhrasebookFileFormat?

  @Option(help: "The layer to import into: team or personal.")
  var into: PhrasebookLayerOptions.Layer = .team

  @Option(help: "merge (add and update) or replace (the layer becomes the import).")
  var mode: ImportMode = .merge

  @Option(help: "For entries edited on both sides: keep (ours), theirs, or fail.")
  var onConflict: ConflictPolicy = .fail

  @Flag(help: "Print what would change; write nothing.")
  var dryRun = false

  @Flag(help: "Import the valid rows even when some are invalid.")
  var skipInvalid = false

  @Flag(
    help: "Import a bundle edited by hand since its export (its content_hash no longer matches).")
  var acceptEdited = false

  enum ImportMode: String, ExpressibleByArgument, CaseIterable {
    case merge, replace
  }

  enum ConflictPolicy: String, ExpressibleByArgument, CaseIterable {
    case keep, theirs, fail
  }

  /// The largest file imported: a phrasebook of thousands of replies is a few megabytes.
  static let maximumBytes = 16 * 1024 * 1024

  func run() async throws {
    var refused = false
    var location: StoreLocation?
    try CommandRunner.run { location = try layers.store.location() }
    if let location {
      try await CommandRunner.run { refused = try await importIntoStore(location) }
    } else {
      try CommandRunner.run { refused = try importIntoFiles() }
    }
    if refused { throw ExitCode(1) }
  }

  /// Imports into the layer's directory; returns whether the import was refused.
  private func importIntoFiles() throws -> Bool {
    let ruleSet = try layers.sources.loadRuleSet()
    let directory = try layers.writableDirectory(of: into)
    var writer = PhrasebookLayerWriter(
      directory: directory, backupsDirectory: PhrasebookLayerOptions.backupsDirectory,
      layer: into.rawValue)
    if !dryRun {
      for path in writer.sweepLeftovers(now: Date()) {
        LineWriter.standardError.write("huashu: removed \(path), left by an import that stopped")
      }
    }
    let current = try layers.files(of: into)
    let plan = try plan(current: current, ruleSet: ruleSet, target: directory, team: nil)
    guard let plan else { return false }
    if case .refused = plan { return true }
    guard case .write(let plan) = plan else { return false }
    if let hook = CrashTestHook.fromEnvironment() { writer.afterEachFile = hook }
    // Files the import leaves as they are keep their bytes (and comments).
    let rewritten = Set(plan.fileChanges.added + plan.fileChanges.changed)
    let unchanged = Set(plan.files.map(\.file)).subtracting(rewritten)
    let backup: PhrasebookBackup?
    do {
      backup = try writer.write(plan.files, copying: unchanged, from: directory, now: Date())
    } catch {
      throw CommandFailure.badInput("\(directory): the import was not written: \(error)")
    }
    LineWriter.standardOutput.write(
      "imported into \(directory): \(plan.files.count) file(s)"
        + (backup.map {
          "; the old files are in backup \($0.name) (huashu phrasebook restore \($0.name))"
        } ?? ""))
    return false
  }

  /// Imports into the layer in the team store, in one transaction holding the layer; returns
  /// whether the import was refused.
  private func importIntoStore(_ location: StoreLocation) async throws -> Bool {
    let ruleSet = try layers.sources.loadRuleSet()
    let layer = layers.storeLayer(into)
    return try await StoreOption.with(location) { store in
      try await store.change { change in
        let old = try await change.lock(layer)
        let current = try PhrasebookLayerOptions.files(old, of: layer)
        var team: [PhrasebookBundle.File]?
        if into == .personal {
          team = try PhrasebookLayerOptions.files(try await change.lock(.team), of: .team)
        }
        let outcome = try plan(
          current: current, ruleSet: ruleSet, target: "\(location) \(layer.path)", team: team)
        guard case .write(let plan) = outcome else {
          if case .refused = outcome { return true }
          return false
        }
        if let hook = CrashTestHook.fromEnvironment() { change.afterEachFile = hook }
        let oldTexts = Dictionary(old.map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a })
        let rewritten = Set(plan.fileChanges.added + plan.fileChanges.changed)
        let texts = try plan.files.map { file in
          let text = oldTexts[file.file]
          if !rewritten.contains(file.file), let text { return (name: file.file, text: text) }
          return (name: file.file, text: try PhrasebookLayer.text(of: file, replacing: text))
        }
        let backup = try await change.replace(layer, with: texts, replacing: old)
        LineWriter.standardOutput.write(
          "imported into \(layer) of \(location): \(plan.files.count) file(s)"
            + (backup.map {
              "; the old files are in backup \($0.name) (huashu phrasebook restore \($0.name)"
                + " --store …)"
            } ?? ""))
        return false
      }
    }
  }

  /// What an import comes to once planned and reported.
  private enum Outcome {
    /// Write these files.
    case write(PhrasebookImport.Plan)
    /// Refused (printed on standard error).
    case refused
  }

  /// Plans the import against `current`, prints the report, and says whether to write
  /// (`nil`: a dry run, or nothing to import).
  private func plan(
    current: [PhrasebookBundle.File], ruleSet: RuleSet, target: String,
    team: [PhrasebookBundle.File]?
  ) throws -> Outcome? {
    let (incoming, source) = try read(current: current, team: team)
    let plan = PhrasebookImport(knownIntents: Set(ruleSet.intents.map(\.id))).plan(
      current: current, incoming: incoming,
      mode: mode == .merge ? .merge : .replace,
      onConflict: PhrasebookImport.ConflictPolicy(rawValue: onConflict.rawValue)
        ?? .fail)
    LineWriter.standardOutput.write(
      ImportReport(
        plan: plan, source: source, layer: into.rawValue, directory: target,
        mode: mode.rawValue
      ).text)
    if dryRun {
      LineWriter.standardOutput.write("dry run: nothing was written")
      return nil
    }
    if let reason = refusal(plan) {
      LineWriter.standardError.write("huashu: nothing was imported: \(reason)")
      return .refused
    }
    guard plan.changesSomething else {
      LineWriter.standardOutput.write("nothing to import: the layer already matches")
      return nil
    }
    return .write(plan)
  }

  /// Why the plan must not be written, or `nil`.
  private func refusal(_ plan: PhrasebookImport.Plan) -> String? {
    if plan.hasForbiddenFileNames {
      let count = plan.invalid.filter { $0.kind == .forbiddenFileName }.count
      return "\(count) file name(s) would be written outside the layer or cannot be in it; "
        + "the bundle may only name plain .yaml files (--skip-invalid does not skip these)"
    }
    if !plan.invalid.isEmpty && !skipInvalid {
      return "\(plan.invalid.count) invalid row(s); fix them, or pass --skip-invalid to import "
        + "the rest"
    }
    if !plan.conflicts.isEmpty && onConflict == .fail {
      return "\(plan.conflicts.count) conflict(s); choose --on-conflict keep (ours) or theirs"
    }
    return nil
  }
}
