internal import Yams

/// Reads the entries and hides of one phrasebook file, reporting problems into its scope.
struct PhrasebookFileReader {
  var scope: YAMLScope
  let layer: PhrasebookEntry.Layer
  let knownIntents: Set<IntentID>
  /// The team entries a personal entry may override (empty for the team layer).
  let base: [ReplyID: PhrasebookEntry]

  private(set) var entries: [PhrasebookEntry] = []
  private(set) var hides: [(ReplyID, SourceLocation)] = []

  init(
    scope: YAMLScope, layer: PhrasebookEntry.Layer, knownIntents: Set<IntentID>,
    base: [ReplyID: PhrasebookEntry]
  ) {
    self.scope = scope
    self.layer = layer
    self.knownIntents = knownIntents
    self.base = base
  }

  mutating func read() {
    guard case .mapping = scope.locator.root else {
      scope.report(
        .invalidValue, at: [], "a phrasebook file must be a mapping with `group` and `entries`",
        hint: "start the file with `group: <name>`")
      return
    }
    scope.checkKeys(at: [], allowed: PhrasebookDocument.CodingKeys.self, what: "phrasebook file")
    let group = scope.decode(String.self, at: [PathKey("group")]) ?? ""
    if let hide = scope.decode([String].self, at: [PathKey("hide")]) {
      if layer == .team {
        scope.report(
          .invalidValue, at: [PathKey("hide")], "`hide` belongs in a personal layer",
          hint: "remove the team entries instead, or move `hide` to your personal phrasebook")
      } else {
        for (index, id) in hide.enumerated() {
          hides.append(
            (ReplyID(id), scope.locator.location(of: [PathKey("hide"), PathKey(index)])))
        }
      }
    }
    guard case .sequence(let nodes) = scope.locator.existingNode(at: [PathKey("entries")]) else {
      if hides.isEmpty {
        scope.report(
          .missingField, at: [], "the file has no `entries:` list",
          hint: "add `entries:` with at least one reply")
      }
      return
    }
    for index in nodes.indices {
      if let entry = entry(at: [PathKey("entries"), PathKey(index)], group: group) {
        entries.append(entry)
      }
    }
  }

  private mutating func entry(at path: [any CodingKey], group: String) -> PhrasebookEntry? {
    scope.checkKeys(at: path, allowed: PhrasebookEntryDocument.CodingKeys.self, what: "reply")
    guard let document = scope.decode(PhrasebookEntryDocument.self, at: path) else { return nil }
    guard let rawID = document.id?.trimmingSpaces(), !rawID.isEmpty else {
      scope.report(
        .missingField, at: path, "reply has no `id`",
        hint: "add `id: <intent>.<name>`, unique within this layer")
      return nil
    }
    let id = ReplyID(rawID)
    let overridden = layer == .personal ? base[id] : nil

    guard let intent = document.intent.map({ IntentID($0) }) ?? overridden?.intent else {
      if layer == .personal {
        scope.report(
          .unknownReference, at: path,
          "reply '\(id)' has no `intent` and overrides nothing: no team reply has this id",
          hint: "fix the id to override a team reply, or add `intent:` to make it a new reply")
        return nil
      }
      scope.report(
        .missingField, at: path, "reply '\(id)' has no `intent`",
        hint: "add `intent:` with one of the intents the rules produce")
      return nil
    }
    guard knownIntents.contains(intent) || intent == .any || intent == .unassigned else {
      scope.report(
        .unknownReference, at: path + [PathKey("intent")],
        "reply '\(id)' answers intent '\(intent)', which no rule produces",
        hint: "use one of: \(knownIntents.map(\.rawValue).sorted().joined(separator: ", ")), or "
          + "`any` for a script reply that suits every topic")
      return nil
    }
    let template: ReplyTemplate
    if let text = document.text {
      do {
        template = try ReplyTemplate(text)
      } catch {
        scope.report(
          .invalidValue,
          at: scope.locator.location(
            inScalarAt: path + [PathKey("text")], after: String(text.prefix(error.characterOffset))),
          "reply '\(id)': \(error.problem)", hint: "fix the placeholder")
        return nil
      }
    } else if let inherited = overridden?.template {
      template = inherited
    } else {
      scope.report(
        .missingField, at: path, "reply '\(id)' has no `text`", hint: "add `text: '…'`")
      return nil
    }
    if let step = document.step, step < 1 {
      scope.report(
        .invalidValue, at: path + [PathKey("step")], "step must be 1 or more",
        hint: "number bargaining rounds and script steps from 1")
      return nil
    }
    let validity: ValidityWindow?
    if document.validFrom == nil, document.validUntil == nil {
      validity = overridden?.validity
    } else {
      guard let window = validityWindow(document, at: path, id: id) else { return nil }
      validity = window
    }
    let images = document.images ?? overridden?.images ?? []
    let imageLocations =
      document.images == nil
      ? overridden?.imageLocations ?? []
      : images.indices.map { scope.locator.location(of: path + [PathKey("images"), PathKey($0)]) }
    return PhrasebookEntry(
      id: id, intent: intent, code: document.code ?? overridden?.code, template: template,
      step: document.step ?? overridden?.step, tags: document.tags ?? overridden?.tags ?? [],
      images: images, imageLocations: imageLocations, validity: validity,
      group: group.isEmpty ? (overridden?.group ?? "") : group, layer: layer,
      location: scope.locator.location(of: path))
  }

  /// The window of `valid_from` / `valid_until`, or `nil` after reporting a bound that is not a
  /// date or time, or a window that ends before it starts.
  private mutating func validityWindow(
    _ document: PhrasebookEntryDocument, at path: [any CodingKey], id: ReplyID
  ) -> ValidityWindow? {
    var bounds: [String: ValidityWindow.Bound] = [:]
    for (key, text) in [("valid_from", document.validFrom), ("valid_until", document.validUntil)] {
      guard let text else { continue }
      guard let bound = ValidityWindow.Bound(text) else {
        scope.report(
          .invalidValue, at: path + [PathKey(key)],
          "reply '\(id)': \(key) '\(text)' is not a date or an ISO 8601 time",
          hint: "write a date such as 2026-11-11 (China time) or a time with its offset such as "
            + "2026-11-11T20:00:00+08:00")
        return nil
      }
      bounds[key] = bound
    }
    let window = ValidityWindow(
      start: bounds["valid_from"]?.first, end: bounds["valid_until"]?.end,
      writtenFrom: document.validFrom, writtenUntil: document.validUntil)
    if let start = window.start, window.end != nil, !window.contains(start) {
      scope.report(
        .invalidValue, at: path + [PathKey("valid_until")],
        "reply '\(id)': valid_until '\(document.validUntil ?? "")' is before valid_from "
          + "'\(document.validFrom ?? "")', so the reply would never be suggested",
        hint: "swap the two dates, or fix the one that is wrong")
      return nil
    }
    return window
  }
}
