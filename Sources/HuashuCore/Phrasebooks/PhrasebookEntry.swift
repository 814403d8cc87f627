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
  /// What the ranking reads of each entry for every candidate (parallel to ``entries``),
  /// worked out once.
  let rankingFacts: [RankingFacts]
  /// The rest of what the ranking needs of each entry (parallel to ``entries``).
  let rankingDetails: [RankingDetails]
  /// The entries' ids, by position, read without touching the entries.
  let ids: [String]
  /// The replies' words (character bigrams and characters of their templates), with the
  /// replies that have each and its weight, for fitting replies to a message's words.
  let words: ReplyWords
  /// A number for each tag that names a topic (not a situation), as ``RankingFacts`` uses.
  let topicNumbers: [String: Int32]
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

  /// What the score reads of an entry for every candidate, packed into 24 bytes: scoring walks
  /// a small array and reads ``RankingDetails`` only for the few entries that need them.
  struct RankingFacts: Sendable {
    /// Up to four topic tags, by their numbers in ``Phrasebook/topicNumbers`` plus one, sixteen
    /// bits each; 0 ends the list.
    let packedTopics: UInt64
    /// The step, when ``hasStep``.
    let step: Int
    /// How many tags name each situation, four bits per situation in `allCases` order.
    let situationCounts: UInt32
    /// ``Flags``.
    private let flags: UInt8

    private enum Flags {
      static let isPersonal: UInt8 = 1
      static let hasValidity: UInt8 = 2
      static let hasMoreTopics: UInt8 = 4
      static let hasVariablesWithoutFallback: UInt8 = 8
      static let hasStep: UInt8 = 16
    }

    /// Whether it is for a step (``step``).
    var hasStep: Bool { flags & Flags.hasStep != 0 }

    var isPersonal: Bool { flags & Flags.isPersonal != 0 }
    /// Whether it has a ``RankingDetails/validity``.
    var hasValidity: Bool { flags & Flags.hasValidity != 0 }
    /// Whether it has ``RankingDetails/moreTopics``.
    var hasMoreTopics: Bool { flags & Flags.hasMoreTopics != 0 }
    /// Whether it has ``RankingDetails/variablesWithoutFallback``.
    var hasVariablesWithoutFallback: Bool { flags & Flags.hasVariablesWithoutFallback != 0 }

    /// The entry's topic tags by their numbers in `topicNumbers`: the first four (of numbers
    /// below 0xFFFF) packed as in ``packedTopics``, the rest in a list.
    static func topics(of entry: PhrasebookEntry, numbers topicNumbers: [String: Int32])
      -> (packed: UInt64, more: [Int32])
    {
      var packed: UInt64 = 0
      var packedCount = 0
      var more: [Int32] = []
      for topic in entry.tags.compactMap({ topicNumbers[$0] }) {
        if packedCount < 4, topic < 0xFFFF {
          packed |= UInt64(topic + 1) << UInt64(16 * packedCount)
          packedCount += 1
        } else {
          more.append(topic)
        }
      }
      return (packed, more)
    }

    init(_ entry: PhrasebookEntry, packedTopics: UInt64, details: RankingDetails) {
      var counts: UInt32 = 0
      for situation in entry.tags.compactMap(ReplyContext.Situation.init(rawValue:)) {
        let shift = UInt32(situation.position * 4)
        if (counts >> shift) & 0xF < 0xF { counts += 1 << shift }
      }
      situationCounts = counts
      self.packedTopics = packedTopics
      step = entry.step ?? 0
      var flags: UInt8 = 0
      if entry.step != nil { flags |= Flags.hasStep }
      if entry.layer == .personal { flags |= Flags.isPersonal }
      if details.validity != nil { flags |= Flags.hasValidity }
      if !details.moreTopics.isEmpty { flags |= Flags.hasMoreTopics }
      if !details.variablesWithoutFallback.isEmpty { flags |= Flags.hasVariablesWithoutFallback }
      self.flags = flags
    }
  }

  /// The rest of what ranking needs of an entry: its topic tags sorted out, its variables that
  /// have no fallback, its validity window and its template's character bigrams (for the
  /// diversity check).
  struct RankingDetails: Sendable {
    /// Topic tags beyond the four in ``RankingFacts/packedTopics`` (rare).
    let moreTopics: [Int32]
    let variablesWithoutFallback: [String]
    let signature: TextSimilarity
    let validity: ValidityWindow?

    init(_ entry: PhrasebookEntry, moreTopics: [Int32]) {
      self.moreTopics = moreTopics
      var names: [String] = []
      for case .variable(let name, nil) in entry.template.segments where !names.contains(name) {
        names.append(name)
      }
      variablesWithoutFallback = names
      signature = TextSimilarity(entry.template.source)
      validity = entry.validity
    }
  }

  /// Whether the entry at `index` may be suggested at `date` (see ``PhrasebookEntry/isValid(at:)``).
  func isValid(_ index: Int, at date: Date) -> Bool {
    !rankingFacts[index].hasValidity || (rankingDetails[index].validity?.contains(date) ?? true)
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
    var topicNumbers: [String: Int32] = [:]
    for tag in entries.flatMap(\.tags) where ReplyContext.Situation(rawValue: tag) == nil {
      if topicNumbers[tag] == nil { topicNumbers[tag] = Int32(topicNumbers.count) }
    }
    self.topicNumbers = topicNumbers
    var facts: [RankingFacts] = []
    var details: [RankingDetails] = []
    for entry in entries {
      let topics = RankingFacts.topics(of: entry, numbers: topicNumbers)
      details.append(RankingDetails(entry, moreTopics: topics.more))
      facts.append(
        RankingFacts(entry, packedTopics: topics.packed, details: details[details.count - 1]))
    }
    self.rankingFacts = facts
    self.rankingDetails = details
    self.words = ReplyWords(details.map(\.signature))
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
