/// A layer's files while an import plans them: entries are put, replaced and moved between
/// files by id in constant time, so planning is linear in the number of entries.
///
/// (It used to look each entry up by scanning every file, which made a 100,000-row CSV take
/// minutes.)
struct PlannedLayer {
  /// The files, in order of first use; their `entries` stay empty (see `slots`).
  private var files: [PhrasebookBundle.File] = []
  /// Each file's entries; a moved entry leaves a hole.
  private var slots: [[PhrasebookEntryDocument?]] = []
  private var fileIndex: [String: Int] = [:]
  private var position: [String: (file: Int, entry: Int)] = [:]

  /// A plan starting from `files`, with their entries and hidden ids or (`keepingEntries`
  /// false) without.
  init(_ files: [PhrasebookBundle.File], keepingEntries: Bool) {
    for file in files {
      let index = self.index(of: file)
      guard keepingEntries else { continue }
      self.files[index].hide = file.hide
      for entry in file.entries {
        slots[index].append(entry)
        // An id twice in the layer: the later file's first one is the one replaced, as the
        // planner always did.
        if let id = entry.id, !id.isEmpty, position[id]?.file != index {
          position[id] = (index, slots[index].count - 1)
        }
      }
    }
  }

  /// The index of the file named like `file`, added (empty) when there is none yet.
  mutating func index(of file: PhrasebookBundle.File) -> Int {
    if let index = fileIndex[file.file] { return index }
    files.append(.init(file: file.file, group: file.group, entries: []))
    slots.append([])
    fileIndex[file.file] = files.count - 1
    return files.count - 1
  }

  /// Puts `entry` into the file named like `file`, replacing the entry of the same id where
  /// it was (in place when it stays in the same file).
  mutating func put(_ entry: PhrasebookEntryDocument, in file: PhrasebookBundle.File) {
    let target = index(of: file)
    let id = entry.id ?? ""
    if let old = position[id] {
      if old.file == target {
        slots[old.file][old.entry] = entry
        return
      }
      slots[old.file][old.entry] = nil
    }
    slots[target].append(entry)
    position[id] = (target, slots[target].count - 1)
  }

  /// Adds `hide` to the hidden ids of the file named like `file` (merge), or sets them.
  mutating func hide(_ hide: [String], in file: PhrasebookBundle.File, merging: Bool) {
    let index = index(of: file)
    files[index].hide = merging ? Array(Set((files[index].hide ?? []) + hide)).sorted() : hide
  }

  /// The files that hold entries or hidden ids, in file-name order.
  var result: [PhrasebookBundle.File] {
    files.indices.compactMap { index in
      var file = files[index]
      file.entries = slots[index].compactMap { $0 }
      return file.entries.isEmpty && (file.hide ?? []).isEmpty ? nil : file
    }.sorted { $0.file < $1.file }
  }
}
