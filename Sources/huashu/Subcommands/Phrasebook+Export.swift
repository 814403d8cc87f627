import ArgumentParser
import Foundation
import HuashuCore
import HuashuStore

struct PhrasebookExport: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a phrasebook layer as one bundle file, or as Qianniu's quick-phrase CSV.",
    discussion: """
      The bundle (YAML or JSON) holds every file of the layer with all fields, a \
      format_version, the layer's content hash and each entry's hash (so an import can tell \
      entries edited on both sides). The CSV has the header 快捷短语编码,快捷短语,快捷短语分组 and \
      is written as UTF-8 with a byte-order mark, as spreadsheet programs need.

      The CSV is for pasting into Qianniu (千牛快捷短语): each placeholder is filled with the \
      shop profile's value (the shop's name) or its fallback ({buyer|亲} → 亲), and {{ }} become \
      single braces. A reply with a variable that has neither (a bare {shipping_fee} or \
      {region}) is left out and listed on standard error; a reply with pictures is exported \
      with its text and listed, since the CSV has no image column: add the picture in Qianniu. \
      With --raw the CSV keeps the placeholders, for editing in a spreadsheet and importing \
      back into huashu (huashu phrasebook import); do not paste a raw CSV into Qianniu.

      Examples:
        huashu phrasebook export > team.yaml
        huashu phrasebook export --layer merged --format json -o all.json
        huashu phrasebook export --format qianniu-csv -o 快捷短语.csv
        huashu phrasebook export --format qianniu-csv --raw -o 快捷短语-编辑.csv

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

  @Flag(
    help: ArgumentHelp(
      "With qianniu-csv: keep the {placeholders}, to import the CSV back into huashu.",
      discussion: "Without it the CSV is rendered for pasting into Qianniu."))
  var raw = false

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write to this file (default: standard output).", valueName: "file"))
  var output: String?

  /// The format asked for, or the one `-o`'s extension suggests, else YAML.
  private var resolvedFormat: PhrasebookFileFormat {
    format ?? output.flatMap(PhrasebookFileFormat.init(fileName:)) ?? .yaml
  }

  func validate() throws {
    if raw && resolvedFormat != .qianniuCSV {
      throw ValidationError(
        "--raw applies to --format qianniu-csv only (bundles always keep the placeholders)")
    }
  }

  func run() async throws {
    var stored: StoredPhrasebooks?
    try await CommandRunner.run {
      guard let location = try layers.store.location() else { return }
      let agent = layers.agent.name
      stored = try await StoreOption.with(location) { try await $0.phrasebooks(agent: agent) }
    }
    try CommandRunner.run { try export(stored: stored) }
  }

  /// Exports from the layer directories, or from `stored` (the team store's phrasebooks).
  private func export(stored: StoredPhrasebooks?) throws {
    do {
      let files: [PhrasebookBundle.File]
      // Where each reply is written and the shop profile, for a rendered CSV only.
      var locations: [String: SourceLocation] = [:]
      var profile: ShopProfile?
      switch layer {
      case .team, .personal:
        let which: PhrasebookLayerOptions.Layer = layer == .team ? .team : .personal
        if let stored {
          files = try PhrasebookLayerOptions.files(
            which == .team ? stored.team : stored.personal, of: layers.storeLayer(which))
        } else {
          files = try layers.files(of: which)
        }
        if resolvedFormat == .qianniuCSV && !raw && stored == nil {
          locations = QianniuCSV.entryLocations(
            of: files, inLayer: try layers.directory(of: which))
        }
      case .merged:
        let ruleSet = try layers.sources.loadRuleSet()
        let (phrasebook, shop) = try layers.phrasebookSources.load(for: ruleSet, stored: stored)
        files = PhrasebookLayer.files(of: phrasebook)
        for entry in phrasebook.entries { locations[entry.id.rawValue] = entry.location }
        profile = shop
      }
      if stored != nil && profile == nil, let shop = stored?.shop {
        let loaded = ShopProfileLoader().load(shop)
        profile = loaded.diagnostics.containsErrors ? ShopProfile() : loaded.profile
      }
      let format = resolvedFormat
      let bundle = PhrasebookBundle(layer: layer.rawValue, files: files)
      let text: String
      var count = files.reduce(0) { $0 + $1.entries.count }
      do {
        switch format {
        case .yaml: text = try bundle.yaml()
        case .json: text = try bundle.json()
        case .qianniuCSV where raw: text = QianniuCSV.export(files)
        case .qianniuCSV:
          let values = QianniuCSV.exportValues(from: profile ?? shopProfile())
          let rendering = QianniuCSV.rendered(files, values: values, locations: locations)
          Self.report(rendering)
          text = rendering.text
          count = rendering.rows.count
        }
      } catch let failure as CommandFailure {
        throw failure
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
      LineWriter.standardError.write(
        "exported \(count) replies in \(files.count) files from the \(layer.rawValue) layer to "
          + "\(output) (\(format.rawValue))")
    }
  }

  /// The shop profile of the phrasebook directory (`shop.yaml`), empty when there is none or
  /// it has errors (printed).
  private func shopProfile() -> ShopProfile {
    guard let directory = try? layers.phrasebookSources.phrasebookDirectory() else {
      return ShopProfile()
    }
    let path = (directory as NSString).appendingPathComponent("shop.yaml")
    guard FileManager.default.fileExists(atPath: path) else { return ShopProfile() }
    let loaded = ShopProfileLoader().load(path: path)
    DiagnosticPrinter.standardError.print(loaded.diagnostics)
    return loaded.diagnostics.containsErrors ? ShopProfile() : loaded.profile
  }

  /// Lists on standard error the replies left out of a rendered CSV and those whose pictures
  /// the agent must add in Qianniu.
  private static func report(_ rendering: QianniuCSV.Rendering) {
    for reply in rendering.leftOut {
      let hint: String
      if case .missingValues(let names) = reply.reason, let name = names.first {
        hint = "add it in Qianniu by hand, or give it a fallback such as {\(name)|…}"
      } else {
        hint = "fix the text, or add the reply in Qianniu by hand"
      }
      LineWriter.standardError.write(
        "\(reply.place): warning: reply '\(reply.place.id)' left out of the Qianniu CSV: "
          + "\(reply.reason) (\(hint))")
    }
    for reply in rendering.imageReplies {
      LineWriter.standardError.write(
        "\(reply.place): warning: reply '\(reply.place.id)' is exported without its "
          + "picture (Qianniu's CSV has no image column): add "
          + reply.images.joined(separator: ", ") + " to the quick phrase in Qianniu by hand")
    }
    if !rendering.leftOut.isEmpty {
      LineWriter.standardError.write(
        "\(rendering.leftOut.count) repl\(rendering.leftOut.count == 1 ? "y" : "ies") left out "
          + "of the Qianniu CSV; --raw keeps every reply with its placeholders (not for pasting)")
    }
  }
}
