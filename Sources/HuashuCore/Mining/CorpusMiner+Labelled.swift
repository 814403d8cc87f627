extension CorpusMiner {
  /// Mines a labelled corpus: per intent (or for one emotion), the missed messages and
  /// candidate keywords.
  ///
  /// For a candidate n-gram of intent X: *support* is the number of X's missed messages
  /// (labelled X, classified otherwise) containing it; *matches* the number of corpus messages
  /// containing it; *precision* the share of those labelled X (correctly classified or not);
  /// *would break* the number of those correctly classified as another intent (`other`
  /// included); *overlap* the intent rules firing on those messages, with how many. A candidate
  /// needs `criteria.minimumSupport` and `criteria.minimumPrecision`; then
  /// ``CandidateSelection`` prunes and ranks, and the first `criteria.top` are kept.
  ///
  /// With `criteria.emotion` (`upset` or `angry`) the same is done for that emotion instead of
  /// the intents, as ``MiningReport/EmotionFindings`` describes: missed means read calmer than
  /// labelled, precision counts the messages labelled with the emotion or a stronger one, and
  /// the overlap lists the emotion cues.
  ///
  /// - Parameters:
  ///   - messages: The corpus, with 1-based line numbers.
  ///   - criteria: Thresholds and limits; `intent` limits mining to one intent, `emotion`
  ///     mines one emotion instead.
  ///   - jobs: How many threads classify.
  ///   - progress: Called with the number of messages classified so far.
  /// - Returns: A report with ``MiningReport/intents``, in intent name order, `other` left
  ///   out (no rule can claim it), or with ``MiningReport/emotions``.
  /// - Throws: ``MiningError`` when `criteria.intent` is `other`, or neither declared by the
  ///   rules nor labelled in the corpus; when `criteria.emotion` is `calm` or no message has an
  ///   emotion label; when both are given.
  public func mine(
    labelled messages: [(line: Int, message: LabeledMessage)],
    criteria: MiningCriteria = .labelledDefaults, jobs: Int = 1,
    progress: (Int) -> Void = { _ in }
  ) throws -> MiningReport {
    if criteria.emotion != nil, criteria.intent != nil { throw MiningError.intentAndEmotion }
    if criteria.emotion == .calm { throw MiningError.calmHasNoCues }
    if criteria.emotion != nil, !messages.contains(where: { $0.message.emotion != nil }) {
      throw MiningError.noEmotionLabels
    }
    let labels = Set(messages.map { IntentID($0.message.intent) })
    let intents =
      criteria.emotion == nil ? try intentsToMine(labels: labels, asked: criteria.intent) : []
    var corpus = ClassifiedCorpus(
      texts: messages.map(\.message.text), matcher: matcher, jobs: jobs, progress: progress)
    if let emotion = criteria.emotion {
      let findings = emotionFindings(
        emotion, messages: messages, corpus: corpus, criteria: criteria)
      return MiningReport(
        mode: .labelled, messages: messages.count, criteria: criteria, emotions: [findings])
    }
    let gold = messages.map { corpus.number(of: IntentID($0.message.intent)) }
    let targets = intents.map { intent in
      let number = corpus.number(of: intent)
      return Target(
        labelled: gold.map { $0 == number },
        missed: gold.indices.map { gold[$0] == number && corpus.predicted[$0] != number },
        rightElsewhere: gold.indices.map { gold[$0] != number && corpus.predicted[$0] == gold[$0] }
      )
    }
    let pools = targets.map { target in
      corpus.samples(
        corpus.countNGrams(in: target.missedMessages), minimum: max(1, criteria.minimumSupport))
    }
    let postings = corpus.postings(of: Self.distinctKeys(pools))
    let perIntent = zip(intents, zip(targets, pools)).map { intent, target in
      let (target, pool) = target
      let examples = target.missedMessages.prefix(criteria.examples ?? 0).map { index in
        MiningReport.MissedMessage(
          line: messages[index].line, id: messages[index].message.id,
          text: messages[index].message.text, predicted: corpus.intents[corpus.predicted[index]],
          rules: corpus.firedRules[index].map { matcher.ruleSet.rules[Int($0)].id })
      }
      let labelled = target.labelled.filter { $0 }.count
      return MiningReport.IntentFindings(
        intent: intent, label: label(of: intent), messages: labelled,
        correct: labelled - target.missedMessages.count, missed: target.missedMessages.count,
        missedExamples: examples,
        candidates: candidates(
          for: target, pool: pool, postings: postings, overlapping: corpus.firedRules,
          corpus: corpus, criteria: criteria))
    }
    return MiningReport(
      mode: .labelled, messages: messages.count, criteria: criteria, intents: perIntent)
  }

  /// What mining one intent or emotion counts, message by message.
  struct Target {
    /// Whether each message counts for a candidate's precision: labelled with the intent (or
    /// with the emotion or a stronger one).
    var labelled: [Bool]
    /// Whether each message is one the rules miss: what a candidate's support counts.
    var missed: [Bool]
    /// Whether each message is read right as something else: what a candidate would break.
    var rightElsewhere: [Bool]

    /// The missed messages, in corpus order.
    var missedMessages: [Int] { missed.indices.filter { missed[$0] } }
  }

  /// The findings for `emotion` (`upset` or `angry`).
  private func emotionFindings(
    _ emotion: Emotion, messages: [(line: Int, message: LabeledMessage)],
    corpus: ClassifiedCorpus, criteria: MiningCriteria
  ) -> MiningReport.EmotionFindings {
    // A message without an emotion label (or with an unknown one) counts only in `matches`.
    let gold = messages.map { $0.message.emotion.flatMap(Emotion.init(rawValue:)) }
    let target = Target(
      labelled: gold.map { $0.map { $0 >= emotion } ?? false },
      missed: gold.indices.map { gold[$0] == emotion && corpus.emotions[$0] < emotion },
      rightElsewhere: gold.indices.map { index in
        gold[index].map { $0 < emotion && corpus.emotions[index] == $0 } ?? false
      })
    let pool = corpus.samples(
      corpus.countNGrams(in: target.missedMessages), minimum: max(1, criteria.minimumSupport))
    let postings = corpus.postings(of: Self.distinctKeys([pool]))
    let examples = target.missedMessages.prefix(criteria.examples ?? 0).map { index in
      MiningReport.MissedEmotion(
        line: messages[index].line, id: messages[index].message.id,
        text: messages[index].message.text, predicted: corpus.emotions[index],
        cues: corpus.firedCues[index].map { matcher.ruleSet.allRules[Int($0)].id })
    }
    let labelled = gold.filter { $0 == emotion }.count
    return MiningReport.EmotionFindings(
      emotion: emotion, messages: labelled, correct: labelled - target.missedMessages.count,
      missed: target.missedMessages.count, missedExamples: examples,
      candidates: candidates(
        for: target, pool: pool, postings: postings, overlapping: corpus.firedCues,
        corpus: corpus, criteria: criteria))
  }

  /// The keys of every pool, each once, in first-seen order.
  private static func distinctKeys(_ pools: [[ClassifiedCorpus.Sample]]) -> [NGramKey] {
    var keys: [NGramKey] = []
    var listed: Set<NGramKey> = []
    for pool in pools {
      for entry in pool where listed.insert(entry.key).inserted { keys.append(entry.key) }
    }
    return keys
  }

  /// The intents to mine: the one asked for, else every label but `other`, by name.
  private func intentsToMine(labels: Set<IntentID>, asked: IntentID?) throws -> [IntentID] {
    guard let asked else { return labels.subtracting([.other]).sorted() }
    if asked == .other { throw MiningError.otherHasNoRules }
    let known = labels.union(matcher.ruleSet.intents.map(\.id)).subtracting([.other])
    guard known.contains(asked) else {
      throw MiningError.unknownIntent(asked, known: known.sorted())
    }
    return [asked]
  }

  /// The candidate keywords of one target, best first; the overlap lists the rules of
  /// `overlapping` (each message's fired intent rules, or its fired cues).
  private func candidates(
    for target: Target, pool: [ClassifiedCorpus.Sample], postings: NGramPostings,
    overlapping: [[Int32]], corpus: ClassifiedCorpus, criteria: MiningCriteria
  ) -> [CandidatePattern] {
    var measured: [(tally: CandidateSelection.Tally, inTarget: Int, text: String)] = []
    for sample in pool {
      let containing = postings.messages(containing: sample.key) ?? []
      var inTarget = 0
      var support = 0
      for message in containing {
        if target.labelled[Int(message)] { inTarget += 1 }
        if target.missed[Int(message)] { support += 1 }
      }
      let tally = CandidateSelection.Tally(
        key: sample.key, units: sample.units, support: support, matches: containing.count)
      measured.append((tally, inTarget, ""))
    }
    let kept = Set(
      CandidateSelection.pruned(measured.map(\.tally), alphabet: corpus.alphabet).map(\.key))
    let minimumPrecision = criteria.minimumPrecision ?? 0
    var ranked = measured.filter { candidate in
      kept.contains(candidate.tally.key)
        && Double(candidate.inTarget) / Double(candidate.tally.matches) >= minimumPrecision
    }
    for index in ranked.indices {
      ranked[index].text = corpus.alphabet.text(of: ranked[index].tally.units)
    }
    ranked.sort { a, b in
      CandidateSelection.ranksBefore(
        (a.tally.support, a.inTarget, a.tally.matches, a.tally.units.count, a.text),
        (b.tally.support, b.inTarget, b.tally.matches, b.tally.units.count, b.text))
    }
    return ranked.prefix(max(0, criteria.top)).map { candidate in
      let containing = postings.messages(containing: candidate.tally.key) ?? []
      let wouldBreak = containing.filter { target.rightElsewhere[Int($0)] }.count
      let precision = Double(candidate.inTarget) / Double(candidate.tally.matches)
      return CandidatePattern(
        text: candidate.text, support: candidate.tally.support,
        matches: candidate.tally.matches, precision: precision.roundedToThousandths,
        score: (Double(candidate.tally.support) * precision).roundedToThousandths,
        wouldBreak: wouldBreak, overlap: overlap(of: containing, firing: overlapping))
    }
  }

  /// The rules (of `firing`: each message's fired rules, as positions in `allRules`) firing on
  /// `messages`, with on how many; most first, ties by rule id.
  func overlap(of messages: [Int32], firing: [[Int32]]) -> [RuleOverlap] {
    let rules = matcher.ruleSet.allRules
    var counts = [Int](repeating: 0, count: rules.count)
    for message in messages {
      for rule in firing[Int(message)] { counts[Int(rule)] += 1 }
    }
    return counts.indices.filter { counts[$0] > 0 }
      .map { index -> RuleOverlap in
        switch rules[index].target {
        case .intent(let intent):
          RuleOverlap(rule: rules[index].id, intent: intent, messages: counts[index])
        case .emotion(let emotion):
          RuleOverlap(rule: rules[index].id, emotion: emotion, messages: counts[index])
        }
      }
      .sorted { ($0.messages, $1.rule) > ($1.messages, $0.rule) }
  }
}
