internal import CSystemShims
public import Foundation

/// Replaces a phrasebook layer's files all at once: the new files are written into a staging
/// directory beside the layer, the old files are copied to a timestamped backup, and the two
/// directories are swapped in one step (`renameat2` with `RENAME_EXCHANGE`), so a crash at any
/// point leaves either the old layer or the new one, never a mix.
///
/// Files other than YAML in the layer directory (images) are carried over.
public struct PhrasebookLayerWriter {
  /// The layer directory (`phrasebooks/team`, `$HUASHU_HOME/personal`).
  public let directory: String
  /// Where backups go (`$HUASHU_HOME/backups`).
  public let backupsDirectory: String
  /// `team` or `personal`, for backup names.
  public let layer: String
  /// Called after each file is written to the staging directory, with the count so far (tests
  /// use it to fail between files).
  public var afterEachFile: (Int) throws -> Void = { _ in }

  /// Creates a writer.
  public init(directory: String, backupsDirectory: String, layer: String) {
    self.directory = directory
    self.backupsDirectory = backupsDirectory
    self.layer = layer
  }

  /// Writes `files` as the whole layer; returns the backup of the old files, if there were any.
  public func write(_ files: [PhrasebookBundle.File], now: Date) throws -> PhrasebookBackup? {
    let manager = FileManager.default
    let texts = try files.map { ($0.file, try $0.document.yaml()) }
    let target = URL(fileURLWithPath: directory).standardizedFileURL
    let parent = target.deletingLastPathComponent()
    try manager.createDirectory(at: parent, withIntermediateDirectories: true)
    // A staging directory left by an import that was killed is never used again.
    let stagingPrefix = ".\(target.lastPathComponent).import-"
    for name in (try? manager.contentsOfDirectory(atPath: parent.path)) ?? []
    where name.hasPrefix(stagingPrefix) {
      try? manager.removeItem(at: parent.appendingPathComponent(name))
    }
    let staging = parent.appendingPathComponent(stagingPrefix + UUID().uuidString)
    let exists = manager.fileExists(atPath: target.path)
    do {
      if exists {
        try manager.copyItem(at: target, to: staging)
        for name in try YAMLFileListing.files(in: staging.path, holding: .phrasebook) {
          try manager.removeItem(atPath: name)
        }
      } else {
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
      }
      for (index, (name, text)) in texts.enumerated() {
        try Data(text.utf8).write(to: staging.appendingPathComponent(name), options: .atomic)
        try afterEachFile(index + 1)
      }
    } catch {
      try? manager.removeItem(at: staging)
      throw error
    }
    let backup = exists ? try backUp(target, now: now) : nil
    if exists {
      if huashu_exchange_paths(staging.path, target.path) != 0 {
        // A file system without RENAME_EXCHANGE: two renames, with the old layer kept aside.
        let aside = parent.appendingPathComponent(
          ".\(target.lastPathComponent).old-\(UUID().uuidString)")
        try manager.moveItem(at: target, to: aside)
        try manager.moveItem(at: staging, to: target)
        try? manager.removeItem(at: aside)
        return backup
      }
      try? manager.removeItem(at: staging)
    } else {
      try manager.moveItem(at: staging, to: target)
    }
    return backup
  }

  /// Copies the layer's YAML files to a new backup directory with a manifest.
  private func backUp(_ target: URL, now: Date) throws -> PhrasebookBackup {
    let manager = FileManager.default
    let name = "\(layer)-\(PhrasebookBackup.stamp(now))-\(UUID().uuidString.prefix(4))"
    let folder = URL(fileURLWithPath: backupsDirectory).appendingPathComponent(name)
    try manager.createDirectory(at: folder, withIntermediateDirectories: true)
    var names: [String] = []
    for path in try YAMLFileListing.files(in: target.path, holding: .phrasebook) {
      let fileName = (path as NSString).lastPathComponent
      try manager.copyItem(atPath: path, toPath: folder.appendingPathComponent(fileName).path)
      names.append(fileName)
    }
    let backup = PhrasebookBackup(
      name: name, layer: layer, target: target.path, createdAt: now, files: names)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    try encoder.encode(backup).write(
      to: folder.appendingPathComponent(PhrasebookBackup.manifestName), options: .atomic)
    return backup
  }
}

/// A backup of a phrasebook layer taken before an import replaced it.
public struct PhrasebookBackup: Codable, Hashable, Sendable {
  /// The backup's directory name under the backups directory.
  public var name: String
  /// `team` or `personal`.
  public var layer: String
  /// The layer directory it came from.
  public var target: String
  /// When it was taken.
  public var createdAt: Date
  /// The files it holds.
  public var files: [String]

  /// The manifest's file name inside a backup directory.
  public static let manifestName = "backup.json"

  /// The keys of a manifest.
  public enum CodingKeys: String, CodingKey {
    case name, layer, target
    case createdAt = "created_at"
    case files
  }

  /// Every backup in `directory`, newest first.
  public static func all(in directory: String) -> [PhrasebookBackup] {
    let manager = FileManager.default
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    let names = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
    return names.compactMap { name in
      let manifest = URL(fileURLWithPath: directory).appendingPathComponent(name)
        .appendingPathComponent(manifestName)
      guard let data = try? Data(contentsOf: manifest) else { return nil }
      return try? decoder.decode(PhrasebookBackup.self, from: data)
    }.sorted { ($0.createdAt, $0.name) > ($1.createdAt, $1.name) }
  }

  /// A sortable UTC time stamp for names: `20261123T173501Z`.
  static func stamp(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    func two(_ value: Int?) -> String {
      let text = String(value ?? 0)
      return text.count < 2 ? "0" + text : text
    }
    return "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))T"
      + "\(two(parts.hour))\(two(parts.minute))\(two(parts.second))Z"
  }
}
