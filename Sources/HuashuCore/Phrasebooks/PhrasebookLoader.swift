internal import Foundation

/// Loads the team phrasebook and an agent's personal layer into one ``Phrasebook``, collecting
/// every problem with its file, line and column.
///
/// - The team layer is every `*.yaml` directly in the team directory.
/// - The personal layer (optional; a missing directory is an empty layer) uses the same format.
///   An entry whose id is a team id overrides that team entry for this agent; fields it leaves
///   out keep the team's values. New ids add replies. `hide: [ids]` hides team replies.
/// - Errors: a duplicate id within one layer, a reply whose intent no rule produces, a missing
///   `id`, `text` or `intent`, a template that does not parse, unknown keys, wrong types.
/// - Warnings: a hidden id that is not a team reply.
///
/// Loading never writes: nothing done for one agent changes the team files.
public struct PhrasebookLoader: Sendable {
  /// The phrasebook and what was found wrong.
  public struct Result: Sendable {
    /// The merged phrasebook; entries with errors are left out.
    public let phrasebook: Phrasebook
    /// Every problem found, team files first.
    public let diagnostics: [Diagnostic]
    /// The directory each layer's relative image paths are resolved against: the phrasebook
    /// directory (the one holding `team/`) for team replies, the personal directory for the
    /// agent's own.
    public let imageDirectories: [PhrasebookEntry.Layer: String]

    /// Creates a result (to add the shop profile's diagnostics, for example).
    public init(
      phrasebook: Phrasebook, diagnostics: [Diagnostic],
      imageDirectories: [PhrasebookEntry.Layer: String] = [:]
    ) {
      self.phrasebook = phrasebook
      self.diagnostics = diagnostics
      self.imageDirectories = imageDirectories
    }
  }

  private let knownIntents: Set<IntentID>

  /// Creates a loader that accepts replies for `knownIntents` (the intents the rules produce).
  public init(knownIntents: Set<IntentID>) {
    self.knownIntents = knownIntents
  }

  /// Loads `teamDirectory` and, if given and present, `personalDirectory`.
  ///
  /// - Throws: ``DirectoryReadError`` when the team directory cannot be listed.
  public func load(teamDirectory: String, personalDirectory: String?) throws -> Result {
    var diagnostics: [Diagnostic] = []
    let teamFiles = try YAMLFileListing.files(in: teamDirectory, holding: .phrasebook)
    if teamFiles.isEmpty {
      diagnostics.append(
        Diagnostic(
          .error, .noRuleFiles, at: nil, "no phrasebook files (*.yaml) in \(teamDirectory)",
          hint: "pass --phrasebooks with the directory that holds team/ and shop.yaml"))
    }
    var personalFiles: [LayerFile] = []
    if let personalDirectory, FileManager.default.fileExists(atPath: personalDirectory) {
      personalFiles = try YAMLFileListing.files(in: personalDirectory, holding: .phrasebook)
        .map(LayerFile.path)
    }
    var imageDirectories = [
      PhrasebookEntry.Layer.team: (teamDirectory as NSString).deletingLastPathComponent
    ]
    imageDirectories[.personal] = personalDirectory
    return merge(
      team: teamFiles.map(LayerFile.path), personal: personalFiles, diagnostics: diagnostics,
      imageDirectories: imageDirectories)
  }

  /// Loads the layers a team store holds, as ``load(teamDirectory:personalDirectory:)`` loads
  /// directories.
  public func load(_ stored: StoredPhrasebooks) -> Result {
    var diagnostics: [Diagnostic] = []
    if stored.team.isEmpty {
      diagnostics.append(
        Diagnostic(
          .error, .noRuleFiles, at: nil, "the team store holds no team phrasebook files",
          hint: "import them: huashu store import DIR --store URL"))
    }
    var imageDirectories: [PhrasebookEntry.Layer: String] = [:]
    imageDirectories[.team] = stored.imageDirectory
    return merge(
      team: stored.team.map(LayerFile.text), personal: stored.personal.map(LayerFile.text),
      diagnostics: diagnostics, imageDirectories: imageDirectories)
  }

  /// A layer's file: on disk, or text from a store.
  enum LayerFile {
    case path(String)
    case text(PhrasebookSourceFile)

    /// The file read and parsed, or `nil` with the problem in `diagnostics`.
    func open(diagnostics: inout [Diagnostic]) -> YAMLScope? {
      let hint = "add `group:` and `entries:`, or delete the file"
      switch self {
      case .path(let path):
        return YAMLScope.open(path: path, emptyHint: hint, diagnostics: &diagnostics)
      case .text(let file):
        return YAMLScope.parse(
          text: file.text, path: file.path, emptyHint: hint, diagnostics: &diagnostics)
      }
    }
  }

  /// The team layer with the personal layer on top.
  private func merge(
    team teamFiles: [LayerFile], personal personalFiles: [LayerFile], diagnostics: [Diagnostic],
    imageDirectories: [PhrasebookEntry.Layer: String]
  ) -> Result {
    var diagnostics = diagnostics
    let team = loadLayer(teamFiles, layer: .team, base: [:], diagnostics: &diagnostics)
    let personal = loadLayer(
      personalFiles, layer: .personal, base: team.entriesByID, diagnostics: &diagnostics)
    for (id, location) in personal.hides where team.entriesByID[id] == nil {
      diagnostics.append(
        Diagnostic(
          .warning, .unknownReference, at: location,
          "hide names '\(id)', which is not a team reply",
          hint: "check the id against the team phrasebook, or remove it"))
    }
    let hidden = Set(personal.hides.map(\.0))
    let overrides = Dictionary(
      personal.entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var entries: [PhrasebookEntry] = []
    for entry in team.entries where !hidden.contains(entry.id) {
      entries.append(overrides[entry.id] ?? entry)
    }
    entries += personal.entries.filter { team.entriesByID[$0.id] == nil }
    return Result(
      phrasebook: Phrasebook(entries: entries, hidden: hidden), diagnostics: diagnostics,
      imageDirectories: imageDirectories)
  }

  struct LayerContents {
    var entries: [PhrasebookEntry] = []
    var entriesByID: [ReplyID: PhrasebookEntry] = [:]
    var hides: [(ReplyID, SourceLocation)] = []
  }

  private func loadLayer(
    _ files: [LayerFile], layer: PhrasebookEntry.Layer, base: [ReplyID: PhrasebookEntry],
    diagnostics: inout [Diagnostic]
  ) -> LayerContents {
    var contents = LayerContents()
    for source in files {
      guard var scope = source.open(diagnostics: &diagnostics) else { continue }
      var file = PhrasebookFileReader(
        scope: scope, layer: layer, knownIntents: knownIntents, base: base)
      file.read()
      scope = file.scope
      for entry in file.entries {
        if let first = contents.entriesByID[entry.id] {
          scope.report(
            .duplicateID, at: entry.location,
            "reply id '\(entry.id)' is already defined at \(first.location)",
            hint: "rename one of them; reply ids must be unique within a layer")
          continue
        }
        contents.entriesByID[entry.id] = entry
        contents.entries.append(entry)
      }
      contents.hides += file.hides
      diagnostics += scope.diagnostics
    }
    return contents
  }
}
