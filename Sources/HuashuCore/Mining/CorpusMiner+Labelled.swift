extension CorpusMiner {
  /// Mines a labelled corpus: per intent, the missed messages and candidate keywords.
  ///
  /// For a candidate n-gram of intent X: *support* is the number of X's missed messages
  /// (labelled X, classified otherwise) containing it; *matches* the number of corpus messages
  /// containing it; *precision* the share of those labelled X (correctly classified or not);
  /// *would break* the number of those correctly classified as another intent (`other`
  /// included); *overlap* the intent rules firing on those messages, with how many. A candidate
  /// needs `criteria.minimumSupport` and `criteria.minimumPrecision`; then
  /// ``CandidateSelection`` prunes and ranks, and the first `criteria.top` are kept.
  ///
  /// - Parameters:
  ///   - messages: The corpus, with 1-based line numbers.
  ///   - criteria: Thresholds and limits; `intent` limits mining to one intent.
  ///   - jobs: How many threads classify.
  ///   - progress: Called with the number of messages classified so far.
  /// - Returns: A report with ``MiningReport/intents``, in intent name order, `other` left
  ///   out (no rule can claim it).
  /// - Throws: ``MiningError`` when `criteria.intent` is `other`, or neither declared by the
  ///   rules nor labelled in the corpus.
  public func mine(
    labelled messages: [(line: Int, message: LabeledMessage)],
    criteria: MiningCriteria = .labelledDefaults, jobs: Int = 1,
    progress: (Int) -> Void = { _ in }
  ) throws -> MiningReport {
    let labels = Set(messages.map { IntentID($0.message.intent) })
    let intents = try intentsToMine(labels: labels, asked: criteria.intent)
    var corpus = ClassifiedCorpus(
      texts: messages.map(\.message.text), matcher: matcher, jobs: jobs, progress: progress)
    let gold = messages.map { corpus.number(of: IntentID($0.message.intent)) }
    // Each intent's pool: the n-grams of its missed messages with enough support. One pass
    // over the corpus then lists the messages containing any of them.
    let groups = intents.map { intent in
      let number = corpus.number(of: intent)
      let labelled = gold.indices.filter { gold[$0] == number }
      let missed = labelled.filter { corpus.predicted[$0] != number }
      let counter = corpus.countNGrams(in: missed)
      return (
        intent: intent, number: number, labelled: labelled, missed: missed,
        pool: corpus.samples(counter, minimum: max(1, criteria.minimumSupport))
      )
    }
    var keys: [NGramKey] = []
    var listed: Set<NGramKey> = []
    for group in groups {
      for entry in group.pool where listed.insert(entry.key).inserted { keys.append(entry.key) }
    }
    let postings = corpus.postings(of: keys)
    let perIntent = groups.map { group in
      let examples = group.missed.prefix(criteria.examples ?? 0).map { index in
        MiningReport.MissedMessage(
          line: messages[index].line, id: messages[index].message.id,
          text: messages[index].message.text, predicted: corpus.intents[corpus.predicted[index]],
          rules: corpus.firedRules[index].map { matcher.ruleSet.rules[Int($0)].id })
      }
      return MiningReport.IntentFindings(
        intent: group.intent, label: label(of: group.intent), messages: group.labelled.count,
        correct: group.labelled.count - group.missed.count, missed: group.missed.count,
        missedExamples: examples,
        candidates: candidates(
          for: group.number, pool: group.pool, postings: postings, gold: gold, corpus: corpus,
          criteria: criteria))
    }
    return MiningReport(
      mode: .labelled, messages: messages.count, criteria: criteria, intents: perIntent)
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

  /// The candidate keywords of one intent, best first.
  private func candidates(
    for intent: Int, pool: [ClassifiedCorpus.Sample], postings: NGramPostings,
    gold: [Int], corpus: ClassifiedCorpus, criteria: MiningCriteria
  ) -> [CandidatePattern] {
    var measured: [(tally: CandidateSelection.Tally, inIntent: Int, text: String)] = []
    for sample in pool {
      let containing = postings.messages(containing: sample.key) ?? []
      var inIntent = 0
      var support = 0
      for message in containing where gold[Int(message)] == intent {
        inIntent += 1
        if corpus.predicted[Int(message)] != intent { support += 1 }
      }
      let tally = CandidateSelection.Tally(
        key: sample.key, units: sample.units, support: support, matches: containing.count)
      measured.append((tally, inIntent, ""))
    }
    let kept = Set(
      CandidateSelection.pruned(measured.map(\.tally), alphabet: corpus.alphabet).map(\.key))
    let minimumPrecision = criteria.minimumPrecision ?? 0
    var ranked = measured.filter { candidate in
      kept.contains(candidate.tally.key)
        && Double(candidate.inIntent) / Double(candidate.tally.matches) >= minimumPrecision
    }
    for index in ranked.indices {
      ranked[index].text = corpus.alphabet.text(of: ranked[index].tally.units)
    }
    ranked.sort { a, b in
      CandidateSelection.ranksBefore(
        (a.tally.support, a.inIntent, a.tally.matches, a.tally.units.count, a.text),
        (b.tally.support, b.inIntent, b.tally.matches, b.tally.units.count, b.text))
    }
    return ranked.prefix(max(0, criteria.top)).map { candidate in
      let containing = postings.messages(containing: candidate.tally.key) ?? []
      let wouldBreak = containing.filter { message in
        let message = Int(message)
        return gold[message] != intent && corpus.predicted[message] == gold[message]
      }.count
      let precision = Double(candidate.inIntent) / Double(candidate.tally.matches)
      return CandidatePattern(
        text: candidate.text, support: candidate.tally.support,
        matches: candidate.tally.matches, precision: precision.roundedToThousandths,
        score: (Double(candidate.tally.support) * precision).roundedToThousandths,
        wouldBreak: wouldBreak, overlap: overlap(of: containing, corpus: corpus))
    }
  }

  /// The intent rules firing on `messages`, with on how many; most first, ties by rule id.
  func overlap(of messages: [Int32], corpus: ClassifiedCorpus) -> [RuleOverlap] {
    let rules = matcher.ruleSet.rules
    var counts = [Int](repeating: 0, count: rules.count)
    for message in messages {
      for rule in corpus.firedRules[Int(message)] { counts[Int(rule)] += 1 }
    }
    return counts.indices.filter { counts[$0] > 0 }
      .map { index -> RuleOverlap in
        let intent: IntentID
        if case .intent(let id) = rules[index].target { intent = id } else { intent = .other }
        return RuleOverlap(rule: rules[index].id, intent: intent, messages: counts[index])
      }
      .sorted { ($0.messages, $1.rule) > ($1.messages, $0.rule) }
  }
}
