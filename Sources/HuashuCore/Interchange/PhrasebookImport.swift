/// Works out what importing phrasebook files into a layer would change, before anything is
/// written: added, changed (field by field), removed, conflicting and invalid entries, and the
/// layer's files afterwards.
///
/// The three-way check: a bundle carries the hash of each entry when it was exported. An entry
/// that differs between the bundle and the target was edited in the bundle if its bundle
/// version differs from that hash, and in the target if the target's version does. Edited on
/// both sides is a conflict; edited only in the target is kept (merge) or a conflict
/// (replace), never silently overwritten.
public struct PhrasebookImport: Sendable {
  /// How incoming entries combine with the layer.
  public enum Mode: String, Sendable, CaseIterable {
    /// Add and update; keep entries the import does not mention.
    case merge
    /// The layer becomes the import: entries it does not mention are removed.
    case replace
  }

  /// What to do with an entry edited on both sides.
  public enum ConflictPolicy: String, Sendable, CaseIterable {
    /// Keep the layer's version.
    case keep
    /// Take the import's version.
    case theirs
    /// Change nothing and report the conflicts.
    case fail
  }

  /// What is imported.
  public struct Incoming: Sendable {
    /// The files.
    public var files: [PhrasebookBundle.File]
    /// Each entry's hash at export, when the source knows it (bundles do, CSV does not).
    public var baseHashes: [String: String]
    /// Rows or entries that could not be read, with their row or line.
    public var invalid: [Problem]

    /// Creates an import.
    public init(
      files: [PhrasebookBundle.File], baseHashes: [String: String] = [:], invalid: [Problem] = []
    ) {
      self.files = files
      self.baseHashes = baseHashes
      self.invalid = invalid
    }
  }

  /// A problem with one row or entry of the input.
  public struct Problem: Hashable, Sendable, CustomStringConvertible {
    /// Where: "row 12", "bargain.yaml entry 3".
    public var place: String
    /// What is wrong and what to do.
    public var message: String

    /// Creates a problem.
    public init(place: String, message: String) {
      self.place = place
      self.message = message
    }

    public var description: String { "\(place): \(message)" }
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
    /// The layer's files after the import.
    public var files: [PhrasebookBundle.File] = []

    /// Whether the import changes anything.
    public var changesSomething: Bool { !added.isEmpty || !changed.isEmpty || !removed.isEmpty }
  }

  /// The intents entries may answer (besides `any` and `unassigned`).
  public let knownIntents: Set<IntentID>

  /// Creates a planner that accepts entries for `knownIntents`.
  public init(knownIntents: Set<IntentID>) {
    self.knownIntents = knownIntents
  }

  /// What importing `incoming` into the layer whose files are `current` would do.
  public func plan(
    current: [PhrasebookBundle.File], incoming: Incoming, mode: Mode, onConflict: ConflictPolicy
  ) -> Plan {
    var plan = Plan()
    plan.invalid = incoming.invalid
    let incomingFiles = validated(incoming.files, problems: &plan.invalid)
    var currentByID: [String: (file: String, entry: PhrasebookEntryDocument)] = [:]
    for file in current {
      for entry in file.entries { currentByID[entry.id ?? ""] = (file.file, entry) }
    }
    // The result starts from the layer (merge) or from nothing (replace).
    var result: [PhrasebookBundle.File] =
      mode == .merge ? current : current.map { .init(file: $0.file, group: $0.group, entries: []) }
    var placed: Set<String> = []
    for file in incomingFiles {
      for entry in file.entries {
        let id = entry.id ?? ""
        placed.insert(id)
        if entry.intent == IntentID.unassigned.rawValue { plan.unassigned.append(id) }
        guard let existing = currentByID[id] else {
          plan.added.append(id)
          Self.put(entry, in: file, into: &result)
          continue
        }
        let fields = Self.differences(
          existing.entry, entry, oldFile: existing.file, newFile: file.file)
        if fields.isEmpty {
          Self.put(entry, in: file, into: &result)
          continue
        }
        let base = incoming.baseHashes[id]
        let editedHere = base.map { $0 != PhrasebookBundle.hash(of: existing.entry) } ?? false
        let editedThere = base.map { $0 != PhrasebookBundle.hash(of: entry) } ?? true
        let change = Change(id: id, fields: fields)
        if editedHere && editedThere || editedHere && mode == .replace {
          plan.conflicts.append(change)
          if onConflict == .theirs {
            plan.changed.append(change)
            Self.put(entry, in: file, into: &result)
          } else {
            Self.put(
              existing.entry, in: Self.file(named: existing.file, in: current), into: &result)
          }
        } else if editedHere {
          plan.keptLocalEdits.append(id)
          Self.put(existing.entry, in: Self.file(named: existing.file, in: current), into: &result)
        } else {
          plan.changed.append(change)
          Self.put(entry, in: file, into: &result)
        }
      }
      if let hide = file.hide {
        let index = Self.index(of: file, in: &result)
        result[index].hide =
          mode == .merge
          ? Array(Set((result[index].hide ?? []) + hide)).sorted() : hide
      }
    }
    if mode == .replace {
      plan.removed = current.flatMap(\.entries).compactMap(\.id).filter { !placed.contains($0) }
    }
    plan.files = result.filter { !$0.entries.isEmpty || !($0.hide ?? []).isEmpty }
      .sorted { $0.file < $1.file }
    return plan
  }

  private static func file(named name: String, in files: [PhrasebookBundle.File])
    -> PhrasebookBundle.File
  {
    files.first { $0.file == name } ?? .init(file: name, group: nil, entries: [])
  }

  /// Puts `entry` into the result file named like `file` (created if needed), replacing the
  /// entry of the same id wherever it was.
  private static func put(
    _ entry: PhrasebookEntryDocument, in file: PhrasebookBundle.File,
    into result: inout [PhrasebookBundle.File]
  ) {
    var position: (file: Int, entry: Int)?
    for fileIndex in result.indices {
      if let entryIndex = result[fileIndex].entries.firstIndex(where: { $0.id == entry.id }) {
        position = (fileIndex, entryIndex)
      }
    }
    if let position, result[position.file].file == file.file {
      result[position.file].entries[position.entry] = entry
      return
    }
    if let position { result[position.file].entries.remove(at: position.entry) }
    let index = index(of: file, in: &result)
    result[index].entries.append(entry)
  }

  private static func index(
    of file: PhrasebookBundle.File, in result: inout [PhrasebookBundle.File]
  ) -> Int {
    if let index = result.firstIndex(where: { $0.file == file.file }) { return index }
    result.append(.init(file: file.file, group: file.group, entries: []))
    return result.count - 1
  }

  /// The incoming files without the entries that cannot be imported, each reported.
  private func validated(
    _ files: [PhrasebookBundle.File], problems: inout [Problem]
  ) -> [PhrasebookBundle.File] {
    var firstPlace: [String: String] = [:]
    var codes: [String: String] = [:]
    var names: Set<String> = []
    return files.compactMap { file in
      guard names.insert(file.file).inserted else {
        problems.append(
          Problem(place: file.file, message: "the file appears twice in the import; merge them"))
        return nil
      }
      var file = file
      file.entries = file.entries.enumerated().compactMap { index, entry in
        let place = "\(file.file) entry \(index + 1)"
        guard let id = entry.id, !id.isEmpty else {
          problems.append(Problem(place: place, message: "the entry has no `id`"))
          return nil
        }
        if let first = firstPlace[id] {
          problems.append(
            Problem(
              place: place,
              message: "id '\(id)' is already used by \(first); ids must be unique across groups"))
          return nil
        }
        firstPlace[id] = place
        guard let text = entry.text, text.contains(where: { !$0.isWhitespace }) else {
          problems.append(Problem(place: place, message: "reply '\(id)' has no text"))
          return nil
        }
        do {
          _ = try ReplyTemplate(text)
        } catch {
          problems.append(
            Problem(place: place, message: "reply '\(id)': \(error) (write { and } as {{ and }})"))
          return nil
        }
        let intent = IntentID(entry.intent ?? "")
        guard knownIntents.contains(intent) || intent == .any || intent == .unassigned else {
          problems.append(
            Problem(
              place: place,
              message: "reply '\(id)' answers intent '\(entry.intent ?? "")', which no rule "
                + "produces; use `unassigned` to import it and assign it later"))
          return nil
        }
        if let code = entry.code, !code.isEmpty {
          if let first = codes[code] {
            problems.append(
              Problem(place: place, message: "code '\(code)' is already used by \(first)"))
            return nil
          }
          codes[code] = place
        }
        return entry
      }
      return file
    }
  }

  /// The fields in which two versions of an entry differ.
  static func differences(
    _ old: PhrasebookEntryDocument, _ new: PhrasebookEntryDocument, oldFile: String,
    newFile: String
  ) -> [FieldChange] {
    func text(_ value: [String]?) -> String { (value ?? []).joined(separator: ", ") }
    var fields: [FieldChange] = []
    func compare(_ field: String, _ a: String, _ b: String) {
      if a != b { fields.append(FieldChange(field: field, old: a, new: b)) }
    }
    compare("file", oldFile, newFile)
    compare("intent", old.intent ?? "", new.intent ?? "")
    compare("code", old.code ?? "", new.code ?? "")
    compare("text", old.text ?? "", new.text ?? "")
    compare("step", old.step.map(String.init) ?? "", new.step.map(String.init) ?? "")
    compare("tags", text(old.tags), text(new.tags))
    compare("images", text(old.images), text(new.images))
    if fields.isEmpty && PhrasebookBundle.hash(of: old) != PhrasebookBundle.hash(of: new) {
      fields.append(FieldChange(field: "other fields", old: "", new: ""))
    }
    return fields
  }
}
