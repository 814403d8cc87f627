import ArgumentParser
import Foundation
import HuashuCore

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
        try LineWriter.standardOutput.write(text: text)
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
