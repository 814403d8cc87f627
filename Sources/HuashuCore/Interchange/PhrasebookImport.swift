/// Works out what importing phrasebook files into a layer would change, before anything is
/// written: added, changed (field by field), removed, conflicting and invalid entries, and the
/// layer's files afterwards.
///
/// The three-way check: a bundle carries the hash of each entry when it was exported. An entry
/// that differs between the bundle and the target was edited in the bundle if its bundle
/// version differs from that hash, and in the target if the target's version does. Edited on
/// both sides is a conflict; edited only in the target is kept (merge) or a conflict
/// (replace), never silently overwritten.
///
/// Planning is linear in the number of entries (entries are found by id, files by name).
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
    plan.warnings = incoming.warnings
    let incomingFiles = validated(incoming, problems: &plan.invalid)
    var currentByID: [String: (file: String, entry: PhrasebookEntryDocument)] = [:]
    var currentFiles: [String: PhrasebookBundle.File] = [:]
    for file in current {
      currentFiles[file.file] = file
      for entry in file.entries { currentByID[entry.id ?? ""] = (file.file, entry) }
    }
    // The result starts from the layer (merge) or from its files, emptied (replace).
    var result = PlannedLayer(current, keepingEntries: mode == .merge)
    func keep(_ existing: (file: String, entry: PhrasebookEntryDocument)) {
      result.put(
        existing.entry,
        in: currentFiles[existing.file] ?? .init(file: existing.file, group: nil, entries: []))
    }
    var placed: Set<String> = []
    for file in incomingFiles {
      for entry in file.entries {
        let id = entry.id ?? ""
        placed.insert(id)
        if entry.intent == IntentID.unassigned.rawValue { plan.unassigned.append(id) }
        guard let existing = currentByID[id] else {
          plan.added.append(id)
          result.put(entry, in: file)
          continue
        }
        let fields = Self.differences(
          existing.entry, entry, oldFile: existing.file, newFile: file.file)
        if fields.isEmpty {
          result.put(entry, in: file)
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
            result.put(entry, in: file)
          } else {
            keep(existing)
          }
        } else if editedHere {
          plan.keptLocalEdits.append(id)
          keep(existing)
        } else {
          plan.changed.append(change)
          result.put(entry, in: file)
        }
      }
      if let hide = file.hide { result.hide(hide, in: file, merging: mode == .merge) }
    }
    if mode == .replace {
      plan.removed = current.flatMap(\.entries).compactMap(\.id).filter { !placed.contains($0) }
    }
    plan.files = result.result
    plan.fileChanges = Self.fileChanges(from: current, to: plan.files)
    return plan
  }

  /// The files that writing `new` over a layer holding `old` adds, changes and deletes.
  static func fileChanges(
    from old: [PhrasebookBundle.File], to new: [PhrasebookBundle.File]
  ) -> FileChanges {
    var changes = FileChanges()
    var before: [String: PhrasebookBundle.File] = [:]
    for file in old { before[file.file] = file }
    let after = Set(new.map(\.file))
    for file in new {
      if let previous = before[file.file] {
        if previous != file { changes.changed.append(file.file) }
      } else {
        changes.added.append(file.file)
      }
    }
    changes.removed = old.map(\.file).filter { !after.contains($0) }.sorted()
    return changes
  }
}
