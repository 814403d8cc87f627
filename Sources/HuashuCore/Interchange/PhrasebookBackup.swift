public import Foundation

/// A backup of a phrasebook layer taken before an import replaced it.
///
/// A backup is written into a hidden folder (`.partial-…`) with its manifest last, and only
/// then renamed to its name: a backup folder without a manifest was left by an older huashu
/// that was stopped while copying, is never listed or restored, and is removed by the next
/// import (``PhrasebookLayerWriter/sweepLeftovers(now:)``).
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

  /// Creates a manifest.
  public init(name: String, layer: String, target: String, createdAt: Date, files: [String]) {
    self.name = name
    self.layer = layer
    self.target = target
    self.createdAt = createdAt
    self.files = files
  }

  /// The manifest's file name inside a backup directory.
  public static let manifestName = "backup.json"

  /// The name prefix of a backup still being written.
  static let partialPrefix = ".partial-"

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
      guard !name.hasPrefix(".") else { return nil }
      let manifest = URL(fileURLWithPath: directory).appendingPathComponent(name)
        .appendingPathComponent(manifestName)
      guard let data = try? Data(contentsOf: manifest) else { return nil }
      return try? decoder.decode(PhrasebookBackup.self, from: data)
    }.sorted { ($0.createdAt, $0.name) > ($1.createdAt, $1.name) }
  }

  /// The folders in `directory` named like backups but without a manifest: incomplete, never
  /// restored.
  public static func incomplete(in directory: String) -> [String] {
    let manager = FileManager.default
    let names = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { name in
      let folder = (directory as NSString).appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      return isBackupName(name)
        && manager.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue
        && !manager.fileExists(atPath: (folder as NSString).appendingPathComponent(manifestName))
    }.sorted()
  }

  /// Whether `name` has the form of a backup's name: `<layer>-<stamp>-<id>`.
  static func isBackupName(_ name: String) -> Bool {
    let parts = name.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, ["team", "personal"].contains(parts[0]) else { return false }
    let stamp = Array(parts[1].utf8)
    return stamp.count == 16 && stamp[8] == UInt8(ascii: "T") && stamp[15] == UInt8(ascii: "Z")
  }

  /// A name for a backup of `layer` taken at `date`.
  public static func name(layer: String, at date: Date) -> String {
    "\(layer)-\(stamp(date))-\(UUID().uuidString.prefix(4))"
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
