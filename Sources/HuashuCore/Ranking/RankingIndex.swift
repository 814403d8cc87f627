internal import Foundation

/// What the ranking reads of a phrasebook's replies, worked out once per phrasebook: per reply,
/// its facts for scoring (``RankingFacts``) and the rest (``RankingDetails``), its words, and a
/// number for each topic tag.
///
/// Kept by the ``Suggester``, beside the phrasebook it indexes; immutable and safe to share.
final class RankingIndex: Sendable {
  /// What the score reads of each entry for every candidate (parallel to the entries).
  let facts: [RankingFacts]
  /// The rest of what the ranking needs of each entry (parallel to the entries).
  let details: [RankingDetails]
  /// The replies' words (character bigrams and characters of their templates), with the
  /// replies that have each and its weight, for fitting replies to a message's words.
  let words: ReplyWords
  /// A number for each tag that names a topic (not a situation), as ``RankingFacts`` uses.
  let topicNumbers: [String: Int32]

  /// Indexes the entries of `phrasebook`.
  init(_ phrasebook: Phrasebook) {
    let entries = phrasebook.entries
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
    self.facts = facts
    self.details = details
    self.words = ReplyWords(details.map(\.signature))
  }

  /// Whether the entry at `index` may be suggested at `date` (see ``PhrasebookEntry/isValid(at:)``).
  func isValid(_ index: Int, at date: Date) -> Bool {
    !facts[index].hasValidity || (details[index].validity?.contains(date) ?? true)
  }
}

/// What the score reads of an entry for every candidate, packed into 24 bytes: scoring walks
/// a small array and reads ``RankingDetails`` only for the few entries that need them.
struct RankingFacts: Sendable {
  /// Up to four topic tags, by their numbers in ``RankingIndex/topicNumbers`` plus one, sixteen
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
