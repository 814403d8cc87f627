import ArgumentParser
import Foundation
import HuashuCore
import HuashuStore

struct PhrasebookRestore: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "restore",
    abstract: "Put back a phrasebook layer from a backup an import took.",
    discussion: """
      Without a name, restores the newest backup. The files being replaced are backed up in \
      turn, so a restore can itself be undone. With a team store (--store or $HUASHU_STORE), \
      the store's backups, restored in one transaction; every server following the store \
      reloads.

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

  @OptionGroup var store: StoreOption

  func run() async throws {
    var location: StoreLocation?
    try CommandRunner.run { location = try store.location() }
    if let location {
      try await CommandRunner.run { try await restore(from: location) }
      return
    }
    try CommandRunner.run {
      let directory = PhrasebookLayerOptions.backupsDirectory
      let backups = PhrasebookBackup.all(in: directory)
      for name in PhrasebookBackup.incomplete(in: directory) {
        LineWriter.standardError.write(
          "huashu: note: \((directory as NSString).appendingPathComponent(name)) has no "
            + "\(PhrasebookBackup.manifestName): an incomplete backup, ignored (the next import "
            + "removes it)")
      }
      guard let backup = try chosen(from: backups, in: directory) else { return }
      let folder = (directory as NSString).appendingPathComponent(backup.name)
      let read = try PhrasebookLayer.read(directory: folder)
      if read.diagnostics.containsErrors {
        DiagnosticPrinter.standardError.print(read.diagnostics)
        throw CommandFailure.reported("backup \(backup.name) is damaged")
      }
      let writer = PhrasebookLayerWriter(
        directory: backup.target, backupsDirectory: directory, layer: backup.layer)
      for path in writer.sweepLeftovers(now: Date()) {
        LineWriter.standardError.write("huashu: removed \(path), left by an import that stopped")
      }
      // The backup's bytes go back as they are.
      let replaced: PhrasebookBackup?
      do {
        replaced = try writer.write(
          read.files, copying: Set(read.files.map(\.file)), from: folder, now: Date())
      } catch {
        throw CommandFailure.badInput("\(backup.target): the backup was not restored: \(error)")
      }
      LineWriter.standardOutput.write(
        "restored \(backup.name) into \(backup.target)"
          + (replaced.map { "; the files it replaced are in backup \($0.name)" } ?? ""))
    }
  }

  /// With `--list`, lists `backups` and returns `nil`; else the one named (the newest without
  /// a name).
  private func chosen(from backups: [PhrasebookBackup], in place: String) throws
    -> PhrasebookBackup?
  {
    if list {
      if backups.isEmpty { LineWriter.standardOutput.write("no backups in \(place)") }
      for backup in backups {
        LineWriter.standardOutput.write(
          "\(backup.name)  \(backup.layer)  \(backup.files.count) file(s)  → \(backup.target)")
      }
      return nil
    }
    guard let backup = name.map({ name in backups.first { $0.name == name } }) ?? backups.first
    else {
      throw CommandFailure.badInput(
        name.map { "no backup named \($0) in \(place) (see --list)" } ?? "no backups in \(place)")
    }
    return backup
  }

  /// Lists or restores the team store's backups.
  private func restore(from location: StoreLocation) async throws {
    try await StoreOption.with(location) { store in
      let backups = try await store.backups()
      guard let backup = try chosen(from: backups, in: "\(location)") else { return }
      let files = try await store.files(ofBackup: backup.name)
      let layer: StoreLayer =
        switch backup.layer {
        case "personal": .personal(String(backup.target.dropFirst("store/personal/".count)))
        case "shop": .shop
        default: .team
        }
      let replaced = try await store.change { change in
        let old = try await change.lock(layer)
        return try await change.replace(
          layer, with: files.map { ($0.name, $0.text) }, replacing: old)
      }
      LineWriter.standardOutput.write(
        "restored \(backup.name) into \(layer) of \(location)"
          + (replaced.map { "; the files it replaced are in backup \($0.name)" } ?? ""))
    }
  }
}
