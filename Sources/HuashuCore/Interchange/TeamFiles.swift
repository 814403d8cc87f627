public import Foundation

/// A team's phrasebooks as a directory of files.
///
/// The form `huashu store import` reads and `huashu store export` writes:
///
/// ```
/// DIR/team/*.yaml               the team layer
/// DIR/shop.yaml                 the shop profile (optional)
/// DIR/personal/AGENT/*.yaml     each agent's personal layer (optional)
/// ```
///
/// The layout of a phrasebook directory (`--phrasebooks`), with the personal layers beside it;
/// files are moved as text, byte for byte, comments and all.
public struct TeamFiles: Hashable, Sendable {
  /// The team layer, in name order.
  public var team: [PhrasebookSourceFile]
  /// The shop profile.
  public var shop: PhrasebookSourceFile?
  /// Each agent's personal layer, by agent.
  public var personal: [String: [PhrasebookSourceFile]]

  /// Creates the files.
  public init(
    team: [PhrasebookSourceFile], shop: PhrasebookSourceFile? = nil,
    personal: [String: [PhrasebookSourceFile]] = [:]
  ) {
    self.team = team
    self.shop = shop
    self.personal = personal
  }

  /// The files under `directory`.
  ///
  /// - Throws: ``DirectoryReadError`` when `directory/team` cannot be listed;
  ///   ``TeamFilesError`` with the diagnostics of files that cannot be read (too large, not
  ///   UTF-8).
  public static func read(directory: String) throws -> TeamFiles {
    var diagnostics: [Diagnostic] = []
    func files(in folder: String) throws -> [PhrasebookSourceFile] {
      try YAMLFileListing.files(in: folder, holding: .phrasebook).compactMap { path in
        YAMLFileReader.text(ofFileAt: path, diagnostics: &diagnostics).map {
          PhrasebookSourceFile(name: (path as NSString).lastPathComponent, path: path, text: $0)
        }
      }
    }
    var result = TeamFiles(
      team: try files(in: (directory as NSString).appendingPathComponent("team")))
    let shopPath = (directory as NSString).appendingPathComponent("shop.yaml")
    if FileManager.default.fileExists(atPath: shopPath),
      let text = YAMLFileReader.text(ofFileAt: shopPath, diagnostics: &diagnostics)
    {
      result.shop = PhrasebookSourceFile(name: "shop.yaml", path: shopPath, text: text)
    }
    let personal = (directory as NSString).appendingPathComponent("personal")
    let agents = (try? FileManager.default.contentsOfDirectory(atPath: personal)) ?? []
    for agent in agents.sorted() where !agent.hasPrefix(".") {
      let folder = (personal as NSString).appendingPathComponent(agent)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { continue }
      result.personal[agent] = try files(in: folder)
    }
    guard !diagnostics.containsErrors else { throw TeamFilesError(diagnostics: diagnostics) }
    return result
  }

  /// The phrasebooks `agent` answers with, to load and check them before they are stored.
  public func phrasebooks(agent: String) -> StoredPhrasebooks {
    StoredPhrasebooks(team: team, shop: shop, personal: personal[agent] ?? [])
  }

  /// Writes the files under `directory`, which must not exist or be empty; each file is
  /// created without following links and flushed.
  ///
  /// - Throws: ``TeamFilesError`` when `directory` holds something, or an agent's name cannot
  ///   be a folder; the file system's error.
  public func write(to directory: String) throws {
    let manager = FileManager.default
    if let existing = try? manager.contentsOfDirectory(atPath: directory), !existing.isEmpty {
      throw TeamFilesError(
        diagnostics: [
          Diagnostic(
            .error, .invalidValue, at: nil, "\(directory) is not empty",
            hint: "export into a new directory")
        ])
    }
    func write(_ files: [PhrasebookSourceFile], into folder: String) throws {
      try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
      for file in files {
        if let problem = BundleFileName.problem(with: file.name) {
          throw TeamFilesError(
            diagnostics: [
              Diagnostic(.error, .invalidValue, at: nil, "'\(file.name)': \(problem)", hint: nil)
            ])
        }
        try AtomicFile.create(
          (folder as NSString).appendingPathComponent(file.name), with: Data(file.text.utf8))
      }
      try AtomicFile.syncDirectory(folder)
    }
    try write(team, into: (directory as NSString).appendingPathComponent("team"))
    if let shop {
      try AtomicFile.create(
        (directory as NSString).appendingPathComponent("shop.yaml"), with: Data(shop.text.utf8))
    }
    for (agent, files) in personal.sorted(by: { $0.key < $1.key }) {
      guard !agent.isEmpty, !agent.hasPrefix("."), !agent.contains("/"), !agent.contains("\0")
      else {
        throw TeamFilesError(
          diagnostics: [
            Diagnostic(
              .error, .invalidValue, at: nil,
              "the agent name '\(agent)' cannot be a folder name", hint: nil)
          ])
      }
      try write(files, into: "\(directory)/personal/\(agent)")
    }
    try AtomicFile.syncDirectory(directory)
  }
}

/// Team files that cannot be read or written, with every diagnostic.
public struct TeamFilesError: Error, Sendable, CustomStringConvertible {
  /// What is wrong, with file and position where known.
  public var diagnostics: [Diagnostic]

  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
