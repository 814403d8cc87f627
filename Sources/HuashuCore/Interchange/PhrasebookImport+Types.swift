extension PhrasebookImport {
  /// What is imported.
  public struct Incoming: Sendable {
    /// The files.
    public var files: [PhrasebookBundle.File]
    /// Each entry's hash at export, when the source knows it (bundles do, CSV does not).
    public var baseHashes: [String: String]
    /// Rows or entries that could not be read, with their row or line.
    public var invalid: [Problem]
    /// Things imported as written that deserve a look (spreadsheet formulas in a CSV).
    public var warnings: [Problem]
    /// The file the import was read from, for the places of problems (`team.json file 2`).
    public var source: String?
    /// Where each of ``files`` has its `file` name in the source, by index, when known (a YAML
    /// bundle); empty otherwise.
    public var fileNameLocations: [SourceLocation?]

    /// Creates an import.
    public init(
      files: [PhrasebookBundle.File], baseHashes: [String: String] = [:], invalid: [Problem] = [],
      warnings: [Problem] = [], source: String? = nil, fileNameLocations: [SourceLocation?] = []
    ) {
      self.files = files
      self.baseHashes = baseHashes
      self.invalid = invalid
      self.warnings = warnings
      self.source = source
      self.fileNameLocations = fileNameLocations
    }
  }

  /// A problem with one row or entry of the input.
  public struct Problem: Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: Hashable, Sendable {
      /// An entry or row that cannot be imported; `--skip-invalid` leaves it out.
      case invalidEntry
      /// A file name that would write outside the layer or that the layer cannot hold: the
      /// whole import is refused, whatever the options.
      case forbiddenFileName
      /// A CSV cell a spreadsheet program would run as a formula (a warning).
      case spreadsheetFormula
    }

    /// Where: "row 12", "bargain.yaml entry 3", "team.json file 2".
    public var place: String
    /// What is wrong and what to do.
    public var message: String
    /// The position in the input file, when one is known.
    public var location: SourceLocation?
    /// What kind of problem it is.
    public var kind: Kind

    /// Creates a problem.
    public init(
      place: String, message: String, location: SourceLocation? = nil, kind: Kind = .invalidEntry
    ) {
      self.place = place
      self.message = message
      self.location = location
      self.kind = kind
    }

    public var description: String {
      (location.map { "\($0): " } ?? "") + "\(place): \(message)"
    }
  }

  /// One field that differs.
  public struct FieldChange: Hashable, Sendable {
    /// The field's key (`text`, `tags`…).
    public var field: String
    /// The layer's value, as text (empty when absent).
    public var old: String
    /// The import's value.
    public var new: String
  }

  /// An entry that differs between the layer and the import.
  public struct Change: Hashable, Sendable {
    /// The entry id.
    public var id: String
    /// The fields that differ.
    public var fields: [FieldChange]
  }

  /// The layer's files an import writes, by name.
  public struct FileChanges: Hashable, Sendable {
    /// Files the layer does not have yet.
    public var added: [String] = []
    /// Files whose content changes.
    public var changed: [String] = []
    /// Files the import deletes (none of their entries is left).
    public var removed: [String] = []

    /// Whether any file changes.
    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
  }

  /// The outcome of planning.
  public struct Plan: Sendable {
    /// New entries.
    public var added: [String] = []
    /// Entries the import changes.
    public var changed: [Change] = []
    /// Entries the import removes (replace mode).
    public var removed: [String] = []
    /// Entries edited on both sides since the export.
    public var conflicts: [Change] = []
    /// Entries edited only in the layer since the export, kept as they are (merge mode).
    public var keptLocalEdits: [String] = []
    /// Entries imported without an intent (`intent: unassigned`): assign one.
    public var unassigned: [String] = []
    /// Rows or entries that cannot be imported.
    public var invalid: [Problem] = []
    /// Things imported as written that deserve a look.
    public var warnings: [Problem] = []
    /// The layer's files after the import.
    public var files: [PhrasebookBundle.File] = []
    /// The files written, by name.
    public var fileChanges = FileChanges()

    /// Whether the import changes anything.
    public var changesSomething: Bool { !added.isEmpty || !changed.isEmpty || !removed.isEmpty }

    /// Whether a file name would write outside the layer: nothing may be written then, not
    /// even with `--skip-invalid`.
    public var hasForbiddenFileNames: Bool { invalid.contains { $0.kind == .forbiddenFileName } }
  }
}
