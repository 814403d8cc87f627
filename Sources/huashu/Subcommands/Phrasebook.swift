import ArgumentParser
import Foundation
import HuashuCore

extension HuashuCommand {
  struct PhrasebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "phrasebook",
      abstract: "Share phrasebooks: export and import bundles or Qianniu CSV, restore backups.",
      discussion: """
        Examples:
          huashu phrasebook export --layer team -o team.yaml
          huashu phrasebook export --format qianniu-csv -o 快捷短语.csv
          huashu phrasebook import 快捷短语.csv --into personal --dry-run
          huashu phrasebook import team.yaml --into team --mode replace --on-conflict keep
          huashu phrasebook restore --list
        """,
      subcommands: [PhrasebookExport.self, PhrasebookImportCommand.self, PhrasebookRestore.self])
  }
}

/// The formats of `phrasebook export` and `import`.
enum PhrasebookFileFormat: String, ExpressibleByArgument, CaseIterable {
  case yaml
  case json
  case qianniuCSV = "qianniu-csv"

  /// The format a file name suggests.
  init?(fileName: String) {
    switch (fileName as NSString).pathExtension.lowercased() {
    case "yaml", "yml": self = .yaml
    case "json": self = .json
    case "csv": self = .qianniuCSV
    default: return nil
    }
  }
}

/// Where the layers live, for the phrasebook subcommands.
struct PhrasebookLayerOptions: ParsableArguments {
  @OptionGroup var sources: RuleSourceOptions
  @OptionGroup var phrasebookSources: PhrasebookOptions

  enum Layer: String, ExpressibleByArgument, CaseIterable {
    case team, personal
  }

  func directory(of layer: Layer) throws -> String {
    switch layer {
    case .team:
      (try phrasebookSources.phrasebookDirectory() as NSString).appendingPathComponent("team")
    case .personal: phrasebookSources.personalDirectory
    }
  }

  /// The files of a layer; fails on a file that cannot be read.
  func files(of layer: Layer) throws -> [PhrasebookBundle.File] {
    let read = try PhrasebookLayer.read(directory: try directory(of: layer))
    DiagnosticPrinter.standardError.print(read.diagnostics)
    if read.diagnostics.containsErrors {
      throw CommandFailure.reported("the \(layer.rawValue) layer has errors; fix them first")
    }
    return read.files
  }

  static var backupsDirectory: String {
    (PhrasebookOptions.home as NSString).appendingPathComponent("backups")
  }
}

struct PhrasebookExport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a phrasebook layer as one bundle file, or as Qianniu's quick-phrase CSV.",
    discussion: """
      The bundle (YAML or JSON) holds every file of the layer with all fields, a \
      format_version, the layer's content hash and each entry's hash (so an import can tell \
      entries edited on both sides). The CSV has the header 快捷短语编码,快捷短语,快捷短语分组 and \
      is written as UTF-8 with a byte-order mark, as spreadsheet programs need.

      Examples:
        huashu phrasebook export > team.yaml
        huashu phrasebook export --layer merged --format json -o all.json
        huashu phrasebook export --format qianniu-csv -o 快捷短语.csv

      Exit status: 0; 2 when a layer cannot be read or the output cannot be written.
      """)

  enum Layer: String, ExpressibleByArgument, CaseIterable {
    case team, personal, merged
  }

  @OptionGroup var layers: PhrasebookLayerOptions

  @Option(help: "The layer: team, personal, or merged (team with the personal layer on top).")
  var layer: Layer = .team

  @Option(help: "yaml or json (a bundle), or qianniu-csv. Default: from -o's extension, else yaml.")
  var format: PhrasebookFileFormat?

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write to this file (default: standard output).", valueName: "file"))
  var output: String?

  func run() throws {
    try CommandRunner.run {
      let files: [PhrasebookBundle.File]
      switch layer {
      case .team: files = try layers.files(of: .team)
      case .personal: files = try layers.files(of: .personal)
      case .merged:
        let ruleSet = try layers.sources.loadRuleSet()
        let (phrasebook, _) = try layers.phrasebookSources.load(for: ruleSet)
        files = PhrasebookLayer.files(of: phrasebook)
      }
      let format = format ?? output.flatMap(PhrasebookFileFormat.init(fileName:)) ?? .yaml
      let bundle = PhrasebookBundle(layer: layer.rawValue, files: files)
      let text: String
      do {
        switch format {
        case .yaml: text = try bundle.yaml()
        case .json: text = try bundle.json()
        case .qianniuCSV: text = QianniuCSV.export(files)
        }
      } catch {
        throw CommandFailure.badInput("cannot write the bundle: \(error)")
      }
      guard let output else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
      }
      do {
        try AtomicFile.write(Data(text.utf8), to: output)
      } catch {
        throw CommandFailure.badInput("\(output): cannot write: \(error.localizedDescription)")
      }
      let count = files.reduce(0) { $0 + $1.entries.count }
      LineWriter.standardError.write(
        "exported \(count) replies in \(files.count) files from the \(layer.rawValue) layer to "
          + "\(output) (\(format.rawValue))")
    }
  }
}

struct PhrasebookImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a bundle or a Qianniu CSV into a phrasebook layer, safely.",
    discussion: """
      Checks everything first and prints what changes: added, changed (field by field), \
      removed (replace mode), conflicts, entries imported without an intent, and invalid \
      rows with their row or line. Nothing is written with --dry-run, nor when any row is \
      invalid (unless --skip-invalid) or an entry was edited on both sides and \
      --on-conflict is fail. Otherwise the layer's files are replaced all at once (written \
      beside it, then swapped in), and the old files are kept under $HUASHU_HOME/backups; \
      `huashu phrasebook restore` puts them back.

      A CSV may be UTF-8 (with or without a byte-order mark) or GB18030; the output says \
      which. Rows match existing replies by group and code (or text), so their intent, step \
      and tags are kept; new rows get `intent: unassigned` until an editor assigns one.

      Examples:
        huashu phrasebook import 快捷短语.csv --into personal --dry-run
        huashu phrasebook import team.yaml --mode replace --on-conflict theirs

      Exit status: 0 when imported (or nothing to do, or a dry run); 1 when refused (invalid \
      rows, conflicts); 2 when the file cannot be read.
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

  enum ImportMode: String, ExpressibleByArgument, CaseIterable {
    case merge, replace
  }

  enum ConflictPolicy: String, ExpressibleByArgument, CaseIterable {
    case keep, theirs, fail
  }

  /// The largest file imported: a phrasebook of thousands of replies is a few megabytes.
  static let maximumBytes = 16 * 1024 * 1024

  func run() throws {
    var refused = false
    try CommandRunner.run {
      let ruleSet = try layers.sources.loadRuleSet()
      let directory = try layers.directory(of: into)
      let current = try layers.files(of: into)
      let (incoming, source) = try read(current: current)
      let plan = PhrasebookImport(knownIntents: Set(ruleSet.intents.map(\.id))).plan(
        current: current, incoming: incoming,
        mode: mode == .merge ? .merge : .replace,
        onConflict: PhrasebookImport.ConflictPolicy(rawValue: onConflict.rawValue)
          ?? .fail)
      LineWriter.standardOutput.write(
        ImportReport(
          plan: plan, source: source, layer: into.rawValue, directory: directory,
          mode: mode.rawValue
        ).text)
      if dryRun {
        LineWriter.standardOutput.write("dry run: nothing was written")
        return
      }
      if !plan.invalid.isEmpty && !skipInvalid {
        LineWriter.standardError.write(
          "huashu: nothing was imported: \(plan.invalid.count) invalid row(s); fix them, or "
            + "pass --skip-invalid to import the rest")
        refused = true
        return
      }
      if !plan.conflicts.isEmpty && onConflict == .fail {
        LineWriter.standardError.write(
          "huashu: nothing was imported: \(plan.conflicts.count) conflict(s); choose "
            + "--on-conflict keep (ours) or theirs")
        refused = true
        return
      }
      guard plan.changesSomething else {
        LineWriter.standardOutput.write("nothing to import: the layer already matches")
        return
      }
      var writer = PhrasebookLayerWriter(
        directory: directory, backupsDirectory: PhrasebookLayerOptions.backupsDirectory,
        layer: into.rawValue)
      if let crash = ProcessInfo.processInfo.environment["HUASHU_TEST_CRASH_AFTER_FILES"],
        let count = Int(crash)
      {
        // For the crash test: die without cleaning up, as a killed process would.
        writer.afterEachFile = { written in if written == count { _exit(70) } }
      }
      let backup: PhrasebookBackup?
      do {
        backup = try writer.write(plan.files, now: Date())
      } catch {
        throw CommandFailure.badInput("\(directory): the import was not written: \(error)")
      }
      LineWriter.standardOutput.write(
        "imported into \(directory): \(plan.files.count) file(s)"
          + (backup.map {
            "; the old files are in backup \($0.name) (huashu phrasebook restore \($0.name))"
          } ?? ""))
    }
    if refused { throw ExitCode(1) }
  }

  /// The import file, read and decoded, and a description of it.
  private func read(current: [PhrasebookBundle.File]) throws -> (
    PhrasebookImport.Incoming, String
  ) {
    let url = URL(fileURLWithPath: file)
    let attributes = try? FileManager.default.attributesOfItem(atPath: file)
    if let size = attributes?[.size] as? Int, size > Self.maximumBytes {
      throw CommandFailure.badInput(
        "\(file): the file is \(size / 1_048_576) MB; a phrasebook import is at most "
          + "\(Self.maximumBytes / 1_048_576) MB (split it, or check it is the right file)")
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw CommandFailure.badInput("\(file): cannot read: \(error.localizedDescription)")
    }
    guard !data.isEmpty else {
      throw CommandFailure.badInput("\(file): the file is empty")
    }
    let decoded: DecodedText
    do {
      decoded = try DecodedText(bytes: [UInt8](data))
    } catch {
      throw CommandFailure.badInput("\(file): \(error)")
    }
    guard let format = format ?? PhrasebookFileFormat(fileName: file) else {
      throw CommandFailure.badInput(
        "\(file): cannot tell the format from the name; pass --format yaml, json or qianniu-csv")
    }
    switch format {
    case .qianniuCSV:
      do {
        return (
          try QianniuCSV.read(decoded.text, current: current),
          "\(file) (Qianniu CSV, read as \(decoded.encoding.rawValue))"
        )
      } catch {
        throw CommandFailure.badInput("\(file): \(error)")
      }
    case .yaml, .json:
      let bundle = try decodeBundle(decoded.text, format: format)
      guard bundle.formatVersion <= PhrasebookBundle.currentFormatVersion else {
        throw CommandFailure.badInput(
          "\(file): bundle format \(bundle.formatVersion) is newer than this huashu reads "
            + "(\(PhrasebookBundle.currentFormatVersion)); update huashu")
      }
      let edited = PhrasebookBundle.contentHash(of: bundle.files) != bundle.contentHash
      return (
        .init(files: bundle.files, baseHashes: bundle.entryHashes.values),
        "\(file) (bundle of the \(bundle.layer) layer\(edited ? ", edited since its export" : ""))"
      )
    }
  }

  private func decodeBundle(_ text: String, format: PhrasebookFileFormat) throws
    -> PhrasebookBundle
  {
    do {
      switch format {
      case .json: return try JSONDecoder().decode(PhrasebookBundle.self, from: Data(text.utf8))
      default: return try PhrasebookBundle.decodeYAML(text, path: file)
      }
    } catch let diagnostics as BundleDiagnostics {
      DiagnosticPrinter.standardError.print(diagnostics.diagnostics)
      throw CommandFailure.reported("\(file) is not a phrasebook bundle")
    } catch {
      throw CommandFailure.badInput("\(file): not a phrasebook bundle: \(error)")
    }
  }
}

struct PhrasebookRestore: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "restore",
    abstract: "Put back a phrasebook layer from a backup an import took.",
    discussion: """
      Without a name, restores the newest backup. The files being replaced are backed up in \
      turn, so a restore can itself be undone.

      Examples:
        huashu phrasebook restore --list
        huashu phrasebook restore
        huashu phrasebook restore team-20261123T093000Z-1a2b

      Exit status: 0; 2 when there is no such backup or it cannot be written back.
      """)

  @Argument(help: "The backup's name (see --list). Default: the newest.")
  var name: String?

  @Flag(help: "List the backups, newest first.")
  var list = false

  func run() throws {
    try CommandRunner.run {
      let directory = PhrasebookLayerOptions.backupsDirectory
      let backups = PhrasebookBackup.all(in: directory)
      if list {
        if backups.isEmpty { LineWriter.standardOutput.write("no backups in \(directory)") }
        for backup in backups {
          LineWriter.standardOutput.write(
            "\(backup.name)  \(backup.layer)  \(backup.files.count) file(s)  → \(backup.target)")
        }
        return
      }
      guard let backup = name.map({ name in backups.first { $0.name == name } }) ?? backups.first
      else {
        throw CommandFailure.badInput(
          name.map { "no backup named \($0) in \(directory) (see --list)" }
            ?? "no backups in \(directory)")
      }
      let folder = (directory as NSString).appendingPathComponent(backup.name)
      let read = try PhrasebookLayer.read(directory: folder)
      if read.diagnostics.containsErrors {
        DiagnosticPrinter.standardError.print(read.diagnostics)
        throw CommandFailure.reported("backup \(backup.name) is damaged")
      }
      let writer = PhrasebookLayerWriter(
        directory: backup.target, backupsDirectory: directory, layer: backup.layer)
      let replaced = try writer.write(read.files, now: Date())
      LineWriter.standardOutput.write(
        "restored \(backup.name) into \(backup.target)"
          + (replaced.map { "; the files it replaced are in backup \($0.name)" } ?? ""))
    }
  }
}
