internal import Foundation

extension Suggester {
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
    var (fit, layer) = fitAndLayer(index, context: context)
    fit *= wordFactor(index, context: context)
    let usageBoost = usageBoost(usage)
    let parts = Suggestion.ScoreParts(
      intent: intentScore, fit: fit, layer: layer, usage: usageBoost, acceptedCount: usage)
    return (intentScore * fit * layer * usageBoost, parts)
  }

  /// The usage factor for a reply the agent accepted `usage` times.
  func usageBoost(_ usage: Int) -> Double {
    usage == 0 ? 1 : 1 + configuration.usageWeight * log2(1 + Double(usage))
  }

  /// The fit and layer factors of the entry at `index`.
  func fitAndLayer(
    _ index: Int, context: ScoringContext
  ) -> (fit: Double, layer: Double) {
    let facts = self.index.facts[index]
    var fit = 1.0
    if facts.hasStep, facts.step != context.step { fit *= configuration.stepMismatch }
    var counts = facts.situationCounts
    var situation: UInt8 = 1
    while counts != 0 {
      let factor =
        context.situations & situation != 0
        ? configuration.situationFit : configuration.situationMismatch
      for _ in 0..<(counts & 0xF) { fit *= factor }
      counts >>= 4
      situation <<= 1
    }
    var topics = facts.packedTopics
    while topics != 0 {
      if context.topics.contains(Int(topics & 0xFFFF) - 1) { fit *= configuration.topicFit }
      topics >>= 16
    }
    if facts.hasMoreTopics {
      for topic in self.index.details[index].moreTopics
      where context.topics.contains(Int(topic)) {
        fit *= configuration.topicFit
      }
    }
    if facts.hasVariablesWithoutFallback {
      for name in self.index.details[index].variablesWithoutFallback
      where (context.variables[name] ?? "").isEmpty {
        fit *= configuration.missingVariablePenalty
      }
    }
    return (fit, facts.isPersonal ? configuration.personalBoost : 1)
  }

  /// The word-fit factor of the entry at `index`.
  ///
  /// `1 + wordFit × share`, the share of the message's bigrams the reply has. It orders
  /// replies; it never lifts one over the least score (a reply for the wrong situation stays
  /// out however many words it shares).
  func wordFactor(_ index: Int, context: ScoringContext) -> Double {
    guard let message = context.message else { return 1 }
    return 1 + configuration.wordFit * message.bigramShare(index)
      + configuration.characterFit * message.characterShare(index)
  }
}
