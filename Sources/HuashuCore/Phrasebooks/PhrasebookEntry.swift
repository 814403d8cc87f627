public import Foundation

/// A reply an agent can send, loaded from a phrasebook.
///
/// Immutable; safe to share. A class, so that handing it along the pipeline retains it once
/// rather than each of its arrays and strings.
public final class PhrasebookEntry: Sendable, Identifiable {
  /// Which layer a reply comes from.
  public enum Layer: String, Hashable, Sendable, Codable {
    /// The team phrasebook every agent shares.
    case team
    /// One agent's own layer.
    case personal
  }

  /// The reply id.
  public let id: ReplyID
  /// The intent it answers.
  public let intent: IntentID
  /// The Qianniu shortcut code, if any.
  public let code: String?
  /// The text with its placeholders.
  public let template: ReplyTemplate
  /// The bargaining round or script step it suits, if any.
  public let step: Int?
  /// Its tags.
  public let tags: [String]
  /// Images sent with it: relative paths (against the phrasebook directory) or URLs.
  public let images: [String]
  /// Where each of ``images`` is written (parallel to it; empty when not known).
  public let imageLocations: [SourceLocation]
  /// When it may be suggested; `nil` for always.
  public let validity: ValidityWindow?
  /// The group (situation) of its file.
  public let group: String
  /// The layer it comes from (`personal` for an agent's override of a team reply).
  public let layer: Layer
  /// Where it is written.
  public let location: SourceLocation

  /// Creates an entry.
  public init(
    id: ReplyID, intent: IntentID, code: String?, template: ReplyTemplate, step: Int?,
    tags: [String], images: [String], imageLocations: [SourceLocation] = [],
    validity: ValidityWindow? = nil, group: String, layer: Layer, location: SourceLocation
  ) {
    self.id = id
    self.intent = intent
    self.code = code
    self.template = template
    self.step = step
    self.tags = tags
    self.images = images
    self.imageLocations = imageLocations
    self.validity = validity
    self.group = group
    self.layer = layer
    self.location = location
  }

  /// Where `image` (one of ``images``) is on disk when it is a relative or absolute path,
  /// resolved against `directory`; `nil` for an `http(s)` URL.
  public static func localPath(of image: String, in directory: String) -> String? {
    let lowered = image.lowercased()
    if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return nil }
    if image.hasPrefix("/") { return image }
    return (directory as NSString).appendingPathComponent(image)
  }

  /// Whether it may be suggested at `date`: always, unless it has a window `date` is outside.
  public func isValid(at date: Date) -> Bool {
    validity?.contains(date) ?? true
  }
}

/// The replies one agent sees: the team phrasebook with the agent's personal layer on top.
///
/// Built by ``PhrasebookLoader``; immutable and safe to share (a class, so that the ranking
/// passes it around without retaining each of its tables).
public final class Phrasebook: Sendable {
  /// Every visible reply, team entries first (in file order, overridden ones in place), then
  /// the agent's own new entries.
  public let entries: [PhrasebookEntry]
  /// Team replies the agent hid.
  public let hidden: Set<ReplyID>

  /// For each intent, the positions of its entries in ``entries``.
  let indicesByIntent: [IntentID: [Int]]
  /// For each tag, the positions of the entries that carry it.
  let indicesByTag: [String: [Int]]
  /// The entries' ids, by position, read without touching the entries.
  let ids: [String]
  /// The position in ``entries`` of each id (the first, should two entries share one).
  private let positionByID: [ReplyID: Int]
  /// Whether two entries share an id (a loaded phrasebook never has; the initializer allows it).
  let hasSharedIDs: Bool
  /// Tells this phrasebook from any other, so a chat's remembered reply positions are trusted
  /// only by the phrasebook that found them.
  let identity = Identity()

  /// A random number drawn for each phrasebook: unlike its address, never reused by another.
  struct Identity: Hashable, Sendable {
    private let value = UInt64.random(in: 1...UInt64.max)
  }

  /// Creates a phrasebook from its visible entries.
  public init(entries: [PhrasebookEntry], hidden: Set<ReplyID> = []) {
    self.entries = entries
    self.hidden = hidden
    self.indicesByIntent = Dictionary(grouping: entries.indices, by: { entries[$0].intent })
    var byTag: [String: [Int]] = [:]
    for index in entries.indices {
      for tag in Set(entries[index].tags) { byTag[tag, default: []].append(index) }
    }
    self.indicesByTag = byTag
    self.positionByID = Dictionary(
      entries.indices.map { (entries[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
    self.hasSharedIDs = positionByID.count < entries.count
    self.ids = entries.map(\.id.rawValue)
  }

  /// The replies for `intent`, in phrasebook order.
  public func entries(for intent: IntentID) -> [PhrasebookEntry] {
    (indicesByIntent[intent] ?? []).map { entries[$0] }
  }

  /// The reply with `id`, if visible.
  public func entry(_ id: ReplyID) -> PhrasebookEntry? { position(of: id).map { entries[$0] } }

  /// The position in ``entries`` of the reply with `id`, if visible.
  func position(of id: ReplyID) -> Int? { positionByID[id] }

}
