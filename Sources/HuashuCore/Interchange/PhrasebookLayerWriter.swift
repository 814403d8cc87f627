internal import CSystemShims
public import Foundation

/// Replaces a phrasebook layer's files all at once: the new files are written into a staging
/// directory beside the layer, the old files are copied to a timestamped backup, and the two
/// directories are swapped in one step (`renameat2` with `RENAME_EXCHANGE`), so a crash at any
/// point leaves either the old layer or the new one, never a mix.
///
/// Every file name is checked (``BundleFileName``) before anything is created, so nothing is
/// ever written outside the layer. Files are created without following symbolic links and
/// flushed to the disk (`fsync`), and so are the directories, before the swap that commits
/// the import. On failure the staging directory and a partial backup are removed; what a
/// killed process left is removed by ``sweepLeftovers(now:)`` once ``AtomicFile/isAbandoned(_:now:)``
/// says its owner is gone.
///
/// Files other than YAML in the layer directory (images) are carried over. A layer directory
/// that is a symbolic link is written where the link points, and stays a link.
public struct PhrasebookLayerWriter {
  /// The layer directory (`phrasebooks/team`, `$HUASHU_HOME/personal`).
  public let directory: String
  /// Where backups go (`$HUASHU_HOME/backups`).
  public let backupsDirectory: String
  /// `team` or `personal`, for backup names.
  public let layer: String
  /// Called after each file is placed in the staging directory, with the count so far (tests
  /// use it to fail between files).
  public var afterEachFile: (Int) throws -> Void = { _ in }

  /// Creates a writer.
  public init(directory: String, backupsDirectory: String, layer: String) {
    self.directory = directory
    self.backupsDirectory = backupsDirectory
    self.layer = layer
  }

  /// A file name the writer refuses to write.
  public struct ForbiddenFileName: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name.
    public var name: String
    /// What is wrong with it.
    public var problem: BundleFileName.Problem

    public var description: String {
      "'\(PhrasebookImport.printable(name))': \(problem); nothing was written"
    }
  }

  /// Two files of the same name in one write.
  public struct DuplicateFileName: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name.
    public var name: String

    public var description: String {
      "'\(PhrasebookImport.printable(name))' is given twice; nothing was written"
    }
  }

  /// The layer directory with symbolic links resolved: the directory that is swapped.
  var target: URL {
    URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath()
  }

  private var stagingPrefix: String { ".\(target.lastPathComponent).import-" }
  private var asidePrefix: String { ".\(target.lastPathComponent).old-" }

  /// Removes what failed or killed imports left: staging and set-aside copies of the layer,
  /// partial backups, and backup folders without a manifest; returns their paths.
  ///
  /// Only leftovers whose process is gone, or older than an hour, are removed, so an import
  /// running at the same time is not disturbed (``AtomicFile/isAbandoned(_:now:)``).
  @discardableResult
  public func sweepLeftovers(now: Date) -> [String] {
    let parent = target.deletingLastPathComponent().path
    var removed: [String] = []
    for prefix in [stagingPrefix, asidePrefix] {
      removed += AtomicFile.sweep(in: parent, prefix: prefix, now: now).map {
        (parent as NSString).appendingPathComponent($0)
      }
    }
    removed += AtomicFile.sweep(
      in: backupsDirectory, prefix: PhrasebookBackup.partialPrefix, now: now
    )
    .map { (backupsDirectory as NSString).appendingPathComponent($0) }
    for name in PhrasebookBackup.incomplete(in: backupsDirectory) {
      let path = (backupsDirectory as NSString).appendingPathComponent(name)
      if AtomicFile.isAbandoned(path, now: now),
        (try? FileManager.default.removeItem(atPath: path)) != nil
      {
        removed.append(path)
      }
    }
    return removed
  }

  /// Writes `files` as the whole layer; returns the backup of the old files, if there were any.
  ///
  /// - Parameters:
  ///   - files: The layer's files afterwards.
  ///   - copying: The names of the files whose bytes are copied from `folder` instead of being
  ///     written from their document (unchanged files keep their comments; a restore puts back
  ///     the backup's bytes). A file written from its document keeps the comment lines of the
  ///     file it replaces (``EntryComments``).
  ///   - folder: Where the files of `copying` are (the layer itself, or a backup).
  ///   - now: The time for the backup's name.
  /// - Throws: ``ForbiddenFileName`` or ``DuplicateFileName`` before anything is written; else the file system's error,
  ///   with the layer unchanged and nothing left behind.
  public func write(
    _ files: [PhrasebookBundle.File], copying: Set<String> = [], from folder: String = "",
    now: Date
  ) throws -> PhrasebookBackup? {
    var names: Set<String> = []
    for file in files {
      if let problem = BundleFileName.problem(with: file.file) {
        throw ForbiddenFileName(name: file.file, problem: problem)
      }
      guard names.insert(file.file).inserted else { throw DuplicateFileName(name: file.file) }
    }
    let contents = try files.map { file in
      if copying.contains(file.file) {
        return try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(file.file))
      }
      // A file written from its entries keeps the comment lines the old one had.
      let old = try? String(
        contentsOf: self.target.appendingPathComponent(file.file), encoding: .utf8)
      return Data(try PhrasebookLayer.text(of: file, replacing: old).utf8)
    }
    let manager = FileManager.default
    let target = self.target
    let parent = target.deletingLastPathComponent()
    try manager.createDirectory(at: parent, withIntermediateDirectories: true)
    var isDirectory: ObjCBool = false
    let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
    let staging = parent.appendingPathComponent(AtomicFile.ownedName(prefix: stagingPrefix))
    do {
      try manager.createDirectory(at: staging, withIntermediateDirectories: false)
      if exists {
        for name in try manager.contentsOfDirectory(atPath: target.path)
        where !YAMLFileListing.fileExtensions.contains((name as NSString).pathExtension) {
          try manager.copyItem(
            at: target.appendingPathComponent(name), to: staging.appendingPathComponent(name))
        }
      }
      for (index, file) in files.enumerated() {
        try AtomicFile.create(staging.appendingPathComponent(file.file).path, with: contents[index])
        try afterEachFile(index + 1)
      }
      try AtomicFile.syncDirectory(staging.path)
      let backup = exists ? try backUp(target, now: now) : nil
      try swap(staging, into: target, exists: exists)
      return backup
    } catch {
      try? manager.removeItem(at: staging)
      throw error
    }
  }

  /// Puts `staging` in place of `target` and removes the old layer.
  private func swap(_ staging: URL, into target: URL, exists: Bool) throws {
    let manager = FileManager.default
    let parent = target.deletingLastPathComponent().path
    guard exists else {
      try manager.moveItem(at: staging, to: target)
      try AtomicFile.syncDirectory(parent)
      return
    }
    if huashu_exchange_paths(staging.path, target.path) == 0 {
      try AtomicFile.syncDirectory(parent)
      // `staging` now holds the old layer, which the backup has.
      try? manager.removeItem(at: staging)
      return
    }
    // A file system without RENAME_EXCHANGE: two renames, with the old layer kept aside.
    let aside = URL(fileURLWithPath: parent).appendingPathComponent(
      AtomicFile.ownedName(prefix: asidePrefix))
    try manager.moveItem(at: target, to: aside)
    do {
      try manager.moveItem(at: staging, to: target)
    } catch {
      try? manager.moveItem(at: aside, to: target)
      throw error
    }
    try AtomicFile.syncDirectory(parent)
    try? manager.removeItem(at: aside)
  }

  /// Copies the layer's YAML files to a new backup directory, its manifest last: into a
  /// hidden folder first, renamed to the backup's name once complete.
  private func backUp(_ target: URL, now: Date) throws -> PhrasebookBackup {
    let manager = FileManager.default
    try manager.createDirectory(
      atPath: backupsDirectory, withIntermediateDirectories: true)
    let name = PhrasebookBackup.name(layer: layer, at: now)
    let partial = URL(fileURLWithPath: backupsDirectory).appendingPathComponent(
      AtomicFile.ownedName(prefix: PhrasebookBackup.partialPrefix))
    do {
      try manager.createDirectory(at: partial, withIntermediateDirectories: false)
      var names: [String] = []
      for path in try YAMLFileListing.files(in: target.path, holding: .phrasebook) {
        let fileName = (path as NSString).lastPathComponent
        try AtomicFile.create(
          partial.appendingPathComponent(fileName).path,
          with: try Data(contentsOf: URL(fileURLWithPath: path)))
        names.append(fileName)
      }
      let backup = PhrasebookBackup(
        name: name, layer: layer, target: target.path, createdAt: now, files: names)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      encoder.dateEncodingStrategy = .iso8601
      try AtomicFile.create(
        partial.appendingPathComponent(PhrasebookBackup.manifestName).path,
        with: try encoder.encode(backup))
      try AtomicFile.syncDirectory(partial.path)
      try manager.moveItem(
        at: partial, to: URL(fileURLWithPath: backupsDirectory).appendingPathComponent(name))
      try AtomicFile.syncDirectory(backupsDirectory)
      return backup
    } catch {
      try? manager.removeItem(at: partial)
      throw error
    }
  }
}
