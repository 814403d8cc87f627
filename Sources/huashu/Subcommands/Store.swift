import ArgumentParser
import Foundation
import HuashuCore
import HuashuStore

extension HuashuCommand {
  struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "store",
      abstract: "Move a team's phrasebooks between files and a team store (PostgreSQL).",
      discussion: """
        A team store keeps the team layer, the shop profile, every agent's personal layer, \
        the usage counts, the backups of every import and the chats, for every huashu server \
        and command given --store (or $HUASHU_STORE). The schema is created and migrated by \
        huashu.

        The files are laid out as a phrasebook directory, with the personal layers beside it:
          DIR/team/*.yaml  DIR/shop.yaml  DIR/personal/AGENT/*.yaml

        Examples:
          huashu store import phrasebooks --store postgres://huashu@db/shop
          huashu store export /tmp/team --store postgres://huashu@db/shop
        """,
      subcommands: [StoreImport.self, StoreExport.self])
  }

  struct StoreImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Put a phrasebook directory's files into the team store, in one transaction.",
      discussion: """
        Every file is checked first (as `huashu lint` loads them, with the rules); with any \
        error nothing is stored. Then the team layer, the shop profile and each personal \
        layer under DIR/personal/AGENT become the files of DIR, all in one transaction: the \
        layers' old files are kept as backups (`huashu phrasebook restore --list --store …`), \
        and every server following the store reloads. Layers DIR does not have are left as \
        they are.

        Exit status: 0 when stored; 2 when a file has errors or the store cannot be reached.
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var store: StoreOption

    @Argument(
      help: ArgumentHelp(
        "The directory holding team/ (and shop.yaml, personal/).", valueName: "dir"))
    var directory: String

    func run() async throws {
      try await CommandRunner.run {
        guard let location = try store.location() else {
          throw CommandFailure.badInput("no team store: pass --store URL or set HUASHU_STORE")
        }
        let ruleSet = try sources.loadRuleSet()
        let files: TeamFiles
        do {
          files = try TeamFiles.read(directory: directory)
        } catch let error as TeamFilesError {
          DiagnosticPrinter.standardError.print(error.diagnostics)
          throw CommandFailure.reported("\(directory): files cannot be read; nothing was stored")
        }
        try check(files, ruleSet: ruleSet)
        let summary = try await StoreOption.with(location) { store in
          try await store.change { change in
            var lines: [String] = []
            var layers: [(StoreLayer, [PhrasebookSourceFile])] = [(.team, files.team)]
            if let shop = files.shop { layers.append((.shop, [shop])) }
            for (agent, personal) in files.personal.sorted(by: { $0.key < $1.key }) {
              layers.append((.personal(agent), personal))
            }
            for (layer, layerFiles) in layers {
              let old = try await change.lock(layer)
              guard
                old.map(\.text) != layerFiles.map(\.text)
                  || old.map(\.name) != layerFiles.map(\.name)
              else {
                lines.append("\(layer): \(layerFiles.count) file(s), unchanged")
                continue
              }
              let backup = try await change.replace(
                layer, with: layerFiles.map { ($0.name, $0.text) }, replacing: old)
              lines.append(
                "\(layer): \(layerFiles.count) file(s)"
                  + (backup.map { "; the old files are in backup \($0.name)" } ?? ""))
            }
            return lines
          }
        }
        for line in summary { LineWriter.standardOutput.write(line) }
        LineWriter.standardOutput.write("stored in \(location)")
      }
    }

    /// Refuses files that do not load for every agent, as a server would load them.
    private func check(_ files: TeamFiles, ruleSet: RuleSet) throws {
      let loader = PhrasebookSetLoader(knownIntents: Set(ruleSet.intents.map(\.id)))
      var diagnostics = loader.load(files.phrasebooks(agent: "")).diagnostics
      for agent in files.personal.keys.sorted() {
        let personal = loader.load(files.phrasebooks(agent: agent)).diagnostics
        diagnostics += personal.filter { $0.location?.path.contains("/personal/") ?? false }
      }
      DiagnosticPrinter.standardError.print(diagnostics)
      if diagnostics.containsErrors {
        throw CommandFailure.reported(
          "\(diagnostics.filter { $0.severity == .error }.count) error(s); nothing was stored")
      }
    }
  }

  struct StoreExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write the team store's phrasebooks into a new directory, byte for byte.",
      discussion: """
        Writes DIR/team/*.yaml, DIR/shop.yaml and DIR/personal/AGENT/*.yaml as the store has \
        them (comments included), so `huashu --phrasebooks DIR` answers as the store does. DIR \
        must not exist or be empty.

        Exit status: 0 when written; 2 when DIR is not empty or the store cannot be reached.
        """)

    @OptionGroup var store: StoreOption

    @Argument(help: ArgumentHelp("A new directory.", valueName: "dir"))
    var directory: String

    func run() async throws {
      try await CommandRunner.run {
        guard let location = try store.location() else {
          throw CommandFailure.badInput("no team store: pass --store URL or set HUASHU_STORE")
        }
        let files = try await StoreOption.with(location) { store in
          var files = TeamFiles(team: try await store.files(of: .team))
          files.shop = try await store.files(of: .shop).first
          for agent in try await store.personalLayers() {
            files.personal[agent] = try await store.files(of: .personal(agent))
          }
          return files
        }
        do {
          try files.write(to: directory)
        } catch let error as TeamFilesError {
          throw CommandFailure.badInput(error.description)
        } catch {
          throw CommandFailure.badInput("\(directory): cannot write: \(error)")
        }
        LineWriter.standardOutput.write(
          "wrote \(files.team.count) team file(s)\(files.shop == nil ? "" : ", shop.yaml")"
            + " and \(files.personal.count) personal layer(s) from \(location) into \(directory)")
      }
    }
  }
}
