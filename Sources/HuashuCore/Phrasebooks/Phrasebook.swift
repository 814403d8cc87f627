public import Foundation

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
