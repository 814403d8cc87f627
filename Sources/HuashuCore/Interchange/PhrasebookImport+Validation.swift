extension PhrasebookImport {
  /// The incoming files without those that cannot be written (unsafe names) and without the
  /// entries that cannot be imported, each reported with its place.
  func validated(_ incoming: Incoming, problems: inout [Problem]) -> [PhrasebookBundle.File] {
    var firstPlace: [String: String] = [:]
    var codes: [String: String] = [:]
    var names: Set<String> = []
    return incoming.files.enumerated().compactMap { fileIndex, file in
      if let problem = BundleFileName.problem(with: file.file) {
        // The position when known (YAML), else the bundle and the file's index (JSON).
        let location =
          incoming.fileNameLocations.indices.contains(fileIndex)
          ? incoming.fileNameLocations[fileIndex] : nil
        let source = location == nil ? incoming.source.map { "\($0) " } ?? "" : ""
        problems.append(
          Problem(
            place: "\(source)file \(fileIndex + 1) ('\(Self.printable(file.file))')",
            message: "\(problem); a bundle may only name plain .yaml files inside the layer",
            location: location, kind: .forbiddenFileName))
        return nil
      }
      guard names.insert(file.file).inserted else {
        problems.append(
          Problem(place: file.file, message: "the file appears twice in the import; merge them"))
        return nil
      }
      var file = file
      file.entries = file.entries.enumerated().compactMap { index, entry in
        validated(
          entry, place: "\(file.file) entry \(index + 1)", firstPlace: &firstPlace,
          codes: &codes, problems: &problems)
      }
      return file
    }
  }

  /// `entry` when it can be imported, else `nil` with its problem reported.
  private func validated(
    _ entry: PhrasebookEntryDocument, place: String, firstPlace: inout [String: String],
    codes: inout [String: String], problems: inout [Problem]
  ) -> PhrasebookEntryDocument? {
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

  /// `name` with control characters shown as `\u{…}`, for messages.
  static func printable(_ name: String) -> String {
    name.unicodeScalars.map { scalar in
      scalar.value < 0x20 || scalar.value == 0x7F
        ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }.joined()
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
