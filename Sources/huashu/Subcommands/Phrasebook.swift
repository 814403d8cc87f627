import ArgumentParser
import Foundation
import HuashuCore
import HuashuStore

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
  @OptionGroup var store: StoreOption
  @OptionGroup var agent: AgentOption

  enum Layer: String, ExpressibleByArgument, CaseIterable {
    case team, personal
  }

  /// `layer` in the team store: the personal layer is this agent's (`--agent`).
  func storeLayer(_ layer: Layer) -> StoreLayer {
    layer == .team ? .team : .personal(agent.name)
  }

  /// The files of a layer as a store holds them, read into documents; fails on a file that
  /// cannot be read.
  static func files(
    _ stored: [PhrasebookSourceFile], of layer: StoreLayer
  ) throws -> [PhrasebookBundle.File] {
    let read = PhrasebookLayer.read(stored)
    DiagnosticPrinter.standardError.print(read.diagnostics)
    if read.diagnostics.containsErrors {
      throw CommandFailure.reported("\(layer) in the store has errors; fix them first")
    }
    return read.files
  }

  func directory(of layer: Layer) throws -> String {
    switch layer {
    case .team:
      (try phrasebookSources.phrasebookDirectory() as NSString).appendingPathComponent("team")
    case .personal: phrasebookSources.personalDirectory
    }
  }

  /// The directory of `layer` for an import to write into: the team layer only where
  /// `--phrasebooks` or `./phrasebooks` says, never the phrasebooks shipped with huashu (the
  /// default content every agent starts from).
  func writableDirectory(of layer: Layer) throws -> String {
    guard layer == .team else { return phrasebookSources.personalDirectory }
    if let chosen = phrasebookSources.phrasebooks {
      return (chosen as NSString).appendingPathComponent("team")
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: "phrasebooks", isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      return "phrasebooks/team"
    }
    var message =
      "huashu does not import into the phrasebooks it ships with: pass --phrasebooks DIR for"
      + " the team's phrasebooks, or run huashu in the directory that holds ./phrasebooks"
    if let shipped = ContentLocator.find("phrasebooks") {
      message += "; to start from the shipped ones, copy them there: cp -r \(shipped) ./phrasebooks"
    }
    throw CommandFailure.badInput(message)
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
