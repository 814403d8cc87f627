internal import Foundation
internal import HeapModule

/// Ranks the phrasebook's replies for a classified message.
///
/// ## Formula
///
/// Candidates are the replies of the winning intent, and of the runner-up when its score is at
/// least ``Configuration/runnerUpRatio`` of the winner's. Each gets
/// `score = intent × fit × layer × usage`:
/// - `intent`: the matcher's score of the reply's intent;
/// - `fit`: 1, times ``Configuration/stepMismatch`` when the reply has a step other than the
///   context's (step 1 when unknown), times ``Configuration/situationFit`` for each reply tag
///   naming a situation of the context, times ``Configuration/situationMismatch`` for each tag
///   naming a situation the context does not have, times ``Configuration/topicFit`` for each
///   tag naming a rule that fired (`free-shipping` for `bargain.free-shipping`), times
///   `1 + ` ``Configuration/wordFit`` `× share` where share is the part of the message's
///   character bigrams the reply's text also has, times
///   ``Configuration/missingVariablePenalty`` per variable left unfilled;
/// - `layer`: ``Configuration/personalBoost`` for the agent's own replies, else 1;
/// - `usage`: `1 + usageWeight × log2(1 + accepted)`, from the agent's accepted suggestions.
///
/// Replies with a ``ValidityWindow`` that does not contain the context's ``ReplyContext/now``
/// are never candidates. The best replies are taken in score order (ties: phrasebook order), skipping one that is in
/// the same group as a reply already taken and whose template shares at least
/// ``Configuration/diversityThreshold`` of its character bigrams, and leaving out replies
/// scoring below ``Configuration/minimumReplyScore``. Nothing is suggested for `other`, below
/// ``Configuration/confidenceFloor``, or when no reply of the intent is left.
///
/// Immutable; safe to share.
public final class Suggester: Sendable {
  /// The ranking's constants.
  public struct Configuration: Hashable, Sendable {
    /// The least matcher confidence for which replies are suggested.
    public var confidenceFloor = 0.3
    /// How close (as a ratio of the winner's score) a runner-up must be to add its replies.
    public var runnerUpRatio = 0.8
    /// The fit factor for a reply for another step than the context's.
    public var stepMismatch = 0.7
    /// The fit factor for a tag naming a situation the context has.
    public var situationFit = 1.25
    /// The fit factor for a tag naming a situation the context does not have.
    public var situationMismatch = 0.25
    /// The fit factor for a tag naming a rule that fired (the message's topic): large enough
    /// to outweigh a step mismatch, since the buyer asked about exactly that.
    public var topicFit = 1.5
    /// How much a reply's fit grows with the share of the message's character bigrams it
    /// also has: `fit × (1 + wordFit × share + characterFit × character share)`, so among
    /// replies otherwise tied the one that speaks of what the buyer wrote comes first.
    public var wordFit = 0.5
    /// The same for single characters, a weaker sign (质 and 量 apart), which still orders
    /// replies no bigram tells apart.
    public var characterFit = 0.2
    /// The fit factor per variable that stays unfilled.
    public var missingVariablePenalty = 0.6
    /// The boost for the agent's personal replies.
    public var personalBoost = 1.15
    /// The weight of learned usage.
    public var usageWeight = 0.4
    /// Bigram similarity at or above which two replies of one group count as the same.
    public var diversityThreshold = 0.5
    /// The least score a reply needs to be suggested at all: a reply that does not fit the
    /// context (a fee quote when the fee is unknown) is left out rather than padded in.
    public var minimumReplyScore = 0.25

    /// The defaults.
    public init() {}
  }

  /// The replies to choose from.
  public let phrasebook: Phrasebook
  /// What the ranking reads of the replies, worked out once.
  let index: RankingIndex
  /// The constants.
  public let configuration: Configuration
  /// Per reply, the replies of its group that say the same (their templates share at least
  /// ``Configuration/diversityThreshold`` of their bigrams), by position: worked out once, as
  /// the same pairs come up turn after turn.
  private let repeats: [[Int]]

  /// Creates a suggester.
  public init(phrasebook: Phrasebook, configuration: Configuration = Configuration()) {
    self.phrasebook = phrasebook
    self.configuration = configuration
    let index = RankingIndex(phrasebook)
    self.index = index
    var repeats = [[Int]](repeating: [], count: phrasebook.entries.count)
    let groups = Dictionary(grouping: phrasebook.entries.indices) { phrasebook.entries[$0].group }
    for members in groups.values {
      for (offset, first) in members.enumerated() {
        for second in members[(offset + 1)...]
        where index.details[first].signature.dice(
          index.details[second].signature) >= configuration.diversityThreshold
        {
          repeats[first].append(second)
          repeats[second].append(first)
        }
      }
    }
    self.repeats = repeats
  }

  /// The top `limit` replies for `classification` in `context`.
  ///
  /// - Parameters:
  ///   - usage: How often the agent accepted each reply.
  ///   - avoiding: Replies already suggested in this chat: taken only when nothing else fits.
  ///   - isIncluded: Which replies may be suggested at all.
  public func suggestions(
    for classification: Classification, context: ReplyContext, usage: [ReplyID: Int] = [:],
    limit: Int = 3, avoiding: Set<ReplyID> = [],
    where isIncluded: (_ index: Int) -> Bool = { _ in true }
  ) -> SuggestionResult {
    suggestions(
      for: classification,
      scoring: ScoringContext(context, firedIn: classification, index: index),
      usage: usage, limit: limit,
      isAvoided: avoiding.isEmpty ? nil : { avoiding.contains(self.phrasebook.entries[$0].id) },
      where: isIncluded)
  }

  /// ``suggestions(for:context:usage:limit:avoiding:where:)`` for a context already in scoring
  /// form (with the classification's rule names), with the replies to avoid given by position.
  func suggestions(
    for classification: Classification, scoring: ScoringContext, usage: [ReplyID: Int],
    limit: Int, isAvoided: ((_ index: Int) -> Bool)?, where isIncluded: (_ index: Int) -> Bool
  ) -> SuggestionResult {
    func none(_ reason: String) -> SuggestionResult {
      SuggestionResult(classification: classification, suggestions: [], noSuggestionReason: reason)
    }
    guard classification.intent != .other else {
      return none("no rule matched the message")
    }
    guard classification.confidence >= configuration.confidenceFloor else {
      return none(
        "confidence \(classification.confidence.twoDecimalText) for \(classification.intent) is "
          + "below the floor \(configuration.confidenceFloor.twoDecimalText)")
    }
    var intents: [(IntentID, Double)] = []
    intents.reserveCapacity(2)
    intents.append((classification.intent, classification.confidence))
    if let runnerUp = classification.runnerUp,
      runnerUp.score >= configuration.runnerUpRatio * classification.confidence
    {
      intents.append((runnerUp.intent, runnerUp.score))
    }
    let lists = intents.map { phrasebook.indicesByIntent[$0.0] ?? [] }
    guard lists.contains(where: { !$0.isEmpty }) else {
      return none("the phrasebooks have no reply for intent \(classification.intent)")
    }
    let chosen = ranked(
      intents: intents, lists: lists, scoring: scoring, usage: usage, limit: limit,
      isAvoided: isAvoided, where: isIncluded)
    guard !chosen.isEmpty else {
      return none("no reply for intent \(classification.intent) fits this message's context")
    }
    return SuggestionResult(
      classification: classification, suggestions: chosen, noSuggestionReason: nil)
  }

  /// The best `limit` replies of `intents` (each with the matcher's score for it) that pass
  /// `isIncluded` (given the reply's position in the phrasebook's entries) and are valid at the
  /// context's time, filled in.
  ///
  /// Replies in `avoiding` come last: they are taken only when nothing else fits. Replies
  /// below ``Configuration/minimumReplyScore`` and near-duplicates of a taken reply in the
  /// same group are left out.
  public func ranked(
    intents: [(IntentID, Double)], context: ReplyContext, usage: [ReplyID: Int] = [:],
    limit: Int, avoiding: Set<ReplyID> = [],
    where isIncluded: (_ index: Int) -> Bool = { _ in true }
  ) -> [Suggestion] {
    ranked(
      intents: intents, scoring: ScoringContext(context, index: index), usage: usage,
      limit: limit,
      isAvoided: avoiding.isEmpty ? nil : { avoiding.contains(self.phrasebook.entries[$0].id) },
      where: isIncluded)
  }

  /// ``ranked(intents:context:usage:limit:avoiding:where:)`` for a context in scoring form,
  /// with the replies to avoid given by position (the coach tests a bit per candidate).
  func ranked(
    intents: [(IntentID, Double)], scoring: ScoringContext, usage: [ReplyID: Int],
    limit: Int, isAvoided: ((_ index: Int) -> Bool)?, where isIncluded: (_ index: Int) -> Bool
  ) -> [Suggestion] {
    ranked(
      intents: intents, lists: intents.map { phrasebook.indicesByIntent[$0.0] ?? [] },
      scoring: scoring, usage: usage, limit: limit, isAvoided: isAvoided, where: isIncluded)
  }

  /// ``ranked(intents:scoring:usage:limit:isAvoided:where:)`` with the replies of each intent
  /// already looked up (`lists`, by position, in intent order).
  private func ranked(
    intents: [(IntentID, Double)], lists: [[Int]], scoring: ScoringContext,
    usage: [ReplyID: Int], limit: Int, isAvoided: ((_ index: Int) -> Bool)?,
    where isIncluded: (_ index: Int) -> Bool
  ) -> [Suggestion] {
    // Scored by position, without copying or rendering entries; only the chosen few are
    // filled in.
    func accepted(_ index: Int) -> Int {
      usage.isEmpty ? 0 : usage[phrasebook.entries[index].id] ?? 0
    }
    // Replies to avoid are scored into their own list, for when nothing else fits.
    let count = lists.reduce(0) { $0 + $1.count }
    var candidates: [Candidate] = []
    var avoided: [Candidate] = []
    candidates.reserveCapacity(count)
    avoided.reserveCapacity(count)
    var order = 0
    for ((_, intentScore), indices) in zip(intents, lists) {
      for index in indices {
        guard self.index.isValid(index, at: scoring.now), isIncluded(index) else { continue }
        let usage = accepted(index)
        let (fit, layer) = fitAndLayer(index, context: scoring)
        let score = intentScore * fit * layer * usageBoost(usage)
        order += 1
        // Below the least score a reply is never taken, avoided or not.
        guard score >= configuration.minimumReplyScore else { continue }
        let candidate = Candidate(
          index: index, score: score * wordFactor(index, context: scoring),
          intentScore: intentScore, order: order)
        if isAvoided?(index) ?? false {
          avoided.append(candidate)
        } else {
          candidates.append(candidate)
        }
      }
    }
    // Best first, taken one at a time, skipping near-duplicates of the replies taken.
    var chosen: [Candidate] = []
    chosen.reserveCapacity(limit)
    // From a heap (built in one pass), so only the few taken are ordered.
    func take(from list: [Candidate]) {
      guard chosen.count < limit, !list.isEmpty else { return }
      var heap = Heap(list)
      while chosen.count < limit, let candidate = heap.popMax() {
        if !isRepeat(candidate.index, of: chosen) { chosen.append(candidate) }
      }
    }
    take(from: candidates)
    take(from: avoided)
    return chosen.map { chosen in
      let entry = phrasebook.entries[chosen.index]
      let scored = score(
        chosen.index, intentScore: chosen.intentScore, context: scoring,
        usage: accepted(chosen.index))
      return Suggestion(
        entry: entry, position: chosen.index, reply: entry.template.render(scoring.variables),
        score: scored.score, parts: scored.parts,
        why: String(
          concatenating: "a reply for ", entry.intent.rawValue, " (score ",
          scored.score.twoDecimalText, ")"))
    }
  }

  /// Whether the entry at `index` says the same as a chosen one of its group.
  private func isRepeat(_ index: Int, of chosen: [Candidate]) -> Bool {
    let repeats = self.repeats[index]
    return !repeats.isEmpty && chosen.contains { repeats.contains($0.index) }
  }

  /// A reply scored but not yet filled in: its position in the phrasebook.
  struct Candidate: Comparable {
    let index: Int
    let score: Double
    /// The matcher's score of the intent it was ranked for.
    let intentScore: Double
    /// The order it was scored in, for ties.
    let order: Int

    /// Whether it ranks before `other`: a higher score, or the same score and scored first.
    func isBetter(than other: Candidate) -> Bool {
      score != other.score ? score > other.score : order < other.order
    }

    /// Worse ranks lower: the heap's maximum is the best candidate.
    static func < (lhs: Candidate, rhs: Candidate) -> Bool { rhs.isBetter(than: lhs) }
  }
}
