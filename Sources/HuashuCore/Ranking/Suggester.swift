internal import Foundation

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
        "confidence \(Self.format(classification.confidence)) for \(classification.intent) is "
          + "below the floor \(Self.format(configuration.confidenceFloor))")
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
    index.facts.withUnsafeBufferPointer { facts in
      for ((_, intentScore), indices) in zip(intents, lists) {
        for index in indices {
          guard self.index.isValid(index, at: scoring.now), isIncluded(index) else { continue }
          let usage = accepted(index)
          let (fit, layer) = fitAndLayer(facts, index, context: scoring)
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
    }
    // Best first, taken one at a time, skipping near-duplicates of the replies taken.
    var chosen: [Candidate] = []
    chosen.reserveCapacity(limit)
    func take(from list: consuming [Candidate]) {
      guard chosen.count < limit, !list.isEmpty else { return }
      var queue = BestFirst(list, passes: limit - chosen.count)
      while chosen.count < limit, let candidate = queue.next() {
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
          Self.format(scored.score), ")"))
    }
  }

  /// Whether the entry at `index` says the same as a chosen one of its group.
  private func isRepeat(_ index: Int, of chosen: [Candidate]) -> Bool {
    let repeats = self.repeats[index]
    return !repeats.isEmpty && chosen.contains { repeats.contains($0.index) }
  }

  /// A reply scored but not yet filled in: its position in the phrasebook.
  struct Candidate {
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
  }

  /// Candidates taken best first: the first few (usually all that are needed) picked out in
  /// one pass, then the rest from a binary heap, for a chat whose best replies were all
  /// suggested before and must be passed over.
  struct BestFirst {
    private var candidates: [Candidate]
    /// How many are picked out in the first pass.
    private let passes: Int
    /// Whether `candidates[..<passes]` holds the best, in order.
    private var isPicked = false
    /// The candidates before it are taken.
    private var taken = 0
    /// Once the heap is built, `candidates[taken..<heapEnd]` is it, its best at `taken`.
    private var heapEnd: Int?

    init(_ candidates: consuming [Candidate], passes: Int) {
      self.candidates = candidates
      self.passes = min(passes, self.candidates.count)
    }

    /// The best candidate not yet taken.
    mutating func next() -> Candidate? {
      if !isPicked {
        pickBest()
        isPicked = true
      }
      if taken < passes {
        taken += 1
        return candidates[taken - 1]
      }
      if heapEnd == nil {
        heapEnd = candidates.count
        for position in stride(from: (taken + candidates.count) / 2, through: taken, by: -1) {
          siftDown(position)
        }
      }
      guard let end = heapEnd, end > taken else { return nil }
      let best = candidates[taken]
      heapEnd = end - 1
      candidates[taken] = candidates[end - 1]
      siftDown(taken)
      return best
    }

    /// Moves the best `passes` candidates to the front, best first: one pass keeping them
    /// sorted, each of the rest compared with the worst of them (and usually done with).
    private mutating func pickBest() {
      guard passes > 0 else { return }
      for position in 1..<passes { insert(position) }
      let last = passes - 1
      for position in passes..<candidates.count
      where candidates[position].isBetter(than: candidates[last]) {
        candidates.swapAt(position, last)
        insert(last)
      }
    }

    /// Moves the candidate at `position` up among the sorted ones before it.
    private mutating func insert(_ position: Int) {
      var position = position
      while position > 0, candidates[position].isBetter(than: candidates[position - 1]) {
        candidates.swapAt(position, position - 1)
        position -= 1
      }
    }

    private mutating func siftDown(_ start: Int) {
      guard let end = heapEnd else { return }
      var parent = start
      while true {
        let left = taken + 2 * (parent - taken) + 1
        guard left < end else { return }
        var best = left
        if left + 1 < end, candidates[left + 1].isBetter(than: candidates[left]) { best = left + 1 }
        guard candidates[best].isBetter(than: candidates[parent]) else { return }
        candidates.swapAt(parent, best)
        parent = best
      }
    }
  }

  /// What the score needs of a context, in the form the phrasebook's facts are in.
  ///
  /// Situations as bits, fired rule names as topic numbers; worked out once per message.
  struct ScoringContext {
    let step: Int
    let situations: UInt8
    /// The topic numbers of the rules that fired.
    let topics: BitSet
    let variables: [String: String]
    let now: Date
    /// The message's bigrams, when replies are fitted to its words.
    let message: MessageWords?

    init(_ context: ReplyContext, index: RankingIndex) {
      self.init(context, topics: context.firedRuleNames, message: nil, index: index)
    }

    /// The context with the rules that fired in `classification` (which ``ReplyContext/with(_:)``
    /// would put in it), read without building the set of their names.
    init(_ context: ReplyContext, firedIn classification: Classification, index: RankingIndex) {
      let rules = classification.record.rules
      self.init(
        context, topics: classification.hits.lazy.map { rules[Int($0.rule)].name },
        message: MessageWords(classification.message.text, replies: index.words),
        index: index)
    }

    private init(
      _ context: ReplyContext, topics names: some Sequence<String>, message: MessageWords?,
      index: RankingIndex
    ) {
      self.message = message
      step = context.step ?? 1
      situations = context.situations.reduce(0) { $0 | $1.bit }
      var topics = BitSet(count: index.topicNumbers.count)
      for name in names {
        if let topic = index.topicNumbers[name] { topics.insert(Int(topic)) }
      }
      self.topics = topics
      variables = context.variables
      now = context.now
    }
  }

  /// The score of the entry at `index`, with its factors.
  func score(_ index: Int, intentScore: Double, context: ScoringContext, usage: Int)
    -> (score: Double, parts: Suggestion.ScoreParts)
  {
    var (fit, layer) = self.index.facts.withUnsafeBufferPointer { facts in
      fitAndLayer(facts, index, context: context)
    }
    fit *= wordFactor(index, context: context)
    let usageBoost = usageBoost(usage)
    let parts = Suggestion.ScoreParts(
      intent: intentScore, fit: fit, layer: layer, usage: usageBoost, acceptedCount: usage)
    return (intentScore * fit * layer * usageBoost, parts)
  }

  /// The usage factor for a reply the agent accepted `usage` times.
  private func usageBoost(_ usage: Int) -> Double {
    usage == 0 ? 1 : 1 + configuration.usageWeight * log2(1 + Double(usage))
  }

  /// The fit and layer factors of the entry at `index`: its facts read in place, since a copy
  /// of them would retain each of their arrays.
  private func fitAndLayer(
    _ all: UnsafeBufferPointer<RankingFacts>, _ index: Int, context: ScoringContext
  ) -> (fit: Double, layer: Double) {
    var fit = 1.0
    if all[index].hasStep, all[index].step != context.step { fit *= configuration.stepMismatch }
    var counts = all[index].situationCounts
    var situation: UInt8 = 1
    while counts != 0 {
      let factor =
        context.situations & situation != 0
        ? configuration.situationFit : configuration.situationMismatch
      for _ in 0..<(counts & 0xF) { fit *= factor }
      counts >>= 4
      situation <<= 1
    }
    var topics = all[index].packedTopics
    while topics != 0 {
      if context.topics.contains(Int(topics & 0xFFFF) - 1) { fit *= configuration.topicFit }
      topics >>= 16
    }
    if all[index].hasMoreTopics {
      for topic in self.index.details[index].moreTopics
      where context.topics.contains(Int(topic)) {
        fit *= configuration.topicFit
      }
    }
    if all[index].hasVariablesWithoutFallback {
      for name in self.index.details[index].variablesWithoutFallback
      where (context.variables[name] ?? "").isEmpty {
        fit *= configuration.missingVariablePenalty
      }
    }
    return (fit, all[index].isPersonal ? configuration.personalBoost : 1)
  }

  /// The word-fit factor of the entry at `index`.
  ///
  /// `1 + wordFit × share`, the share of the message's bigrams the reply has. It orders
  /// replies; it never lifts one over the least score (a reply for the wrong situation stays
  /// out however many words it shares).
  private func wordFactor(_ index: Int, context: ScoringContext) -> Double {
    guard let message = context.message else { return 1 }
    return 1 + configuration.wordFit * message.bigramShare(index)
      + configuration.characterFit * message.characterShare(index)
  }

  /// `value` to two decimals, as Swift writes a `Double` (`0.8`, `0.99`, `1.0`).
  static func format(_ value: Double) -> String {
    let hundredths = (value * 100).rounded()
    guard hundredths.magnitude < 1e15 else { return String(hundredths / 100) }
    // Written digit by digit: interpolation costs more than the rest of a suggestion's reason.
    let magnitude = Int(hundredths.magnitude)
    return String(unsafeUninitializedCapacity: 24) { buffer in
      var count = 0
      func put(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
      }
      if hundredths.sign == .minus { put(UInt8(ascii: "-")) }
      var whole = magnitude / 100
      let start = count
      repeat {
        put(UInt8(ascii: "0") + UInt8(whole % 10))
        whole /= 10
      } while whole > 0
      buffer[start..<count].reverse()
      put(UInt8(ascii: "."))
      let fraction = magnitude % 100
      put(UInt8(ascii: "0") + UInt8(fraction / 10))
      if fraction % 10 != 0 { put(UInt8(ascii: "0") + UInt8(fraction % 10)) }
      return count
    }
  }

}
