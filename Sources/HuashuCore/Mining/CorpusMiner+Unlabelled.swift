extension CorpusMiner {
  /// Mines messages without labels: how many each intent claims, how many no rule claims, and
  /// the n-grams most frequent among those.
  ///
  /// An n-gram is listed when at least `criteria.minimumSupport` unclaimed messages contain
  /// it; ``CandidateSelection`` prunes (count as support, messages containing it anywhere as
  /// matches) and ranks, and the first `criteria.top` are kept, each with the first unclaimed
  /// message containing it.
  ///
  /// - Parameters:
  ///   - messages: The messages, with 1-based input line numbers.
  ///   - criteria: Thresholds and limits (`minimumPrecision`, `examples` and `intent` are not
  ///     used).
  ///   - jobs: How many threads classify.
  ///   - progress: Called with the number of messages classified so far.
  /// - Returns: A report with ``MiningReport/coverage`` and ``MiningReport/unclaimed``.
  public func mine(
    unlabelled messages: [(line: Int, text: String)],
    criteria: MiningCriteria = .unlabelledDefaults, jobs: Int = 1,
    progress: (Int) -> Void = { _ in }
  ) -> MiningReport {
    var corpus = ClassifiedCorpus(
      texts: messages.map(\.text), matcher: matcher, jobs: jobs, progress: progress)
    let other = corpus.number(of: .other)
    var counts = [Int](repeating: 0, count: corpus.intents.count)
    for intent in corpus.predicted { counts[intent] += 1 }
    var claimants = matcher.ruleSet.intents.map(\.id)
    claimants += corpus.intents.filter { $0 != .other && !claimants.contains($0) }
    let coverage = claimants.map { intent in
      let count = corpus.existingNumber(of: intent).map { counts[$0] } ?? 0
      return MiningReport.IntentCoverage(
        intent: intent, label: label(of: intent), messages: count,
        share: Self.share(count, of: messages.count))
    }
    .sorted { ($0.messages, $1.intent) > ($1.messages, $0.intent) }
    let unclaimed = corpus.predicted.indices.filter { corpus.predicted[$0] == other }
    return MiningReport(
      mode: .unlabelled, messages: messages.count, criteria: criteria, coverage: coverage,
      unclaimed: MiningReport.UnclaimedFindings(
        messages: unclaimed.count, share: Self.share(unclaimed.count, of: messages.count),
        ngrams: frequentNGrams(
          in: unclaimed, messages: messages, corpus: corpus, criteria: criteria)))
  }

  private func frequentNGrams(
    in unclaimed: [Int], messages: [(line: Int, text: String)], corpus: ClassifiedCorpus,
    criteria: MiningCriteria
  ) -> [MiningReport.FrequentNGram] {
    let counter = corpus.countNGrams(in: unclaimed)
    let pool = corpus.samples(counter, minimum: max(1, criteria.minimumSupport))
    guard !pool.isEmpty else { return [] }
    let postings = corpus.postings(of: pool.map(\.key))
    let tallies = zip(pool, postings.messages).map { sample, containing in
      CandidateSelection.Tally(
        key: sample.key, units: sample.units, support: counter.count(of: sample.key),
        matches: containing.count)
    }
    var ranked = CandidateSelection.pruned(tallies, alphabet: corpus.alphabet).map { tally in
      (tally: tally, text: corpus.alphabet.text(of: tally.units))
    }
    ranked.sort { a, b in
      CandidateSelection.ranksBefore(
        (a.tally.support, a.tally.matches, a.tally.units.count, a.text),
        (b.tally.support, b.tally.matches, b.tally.units.count, b.text))
    }
    return ranked.prefix(max(0, criteria.top)).map { candidate in
      let first = counter.firstMessage(of: candidate.tally.key) ?? 0
      return MiningReport.FrequentNGram(
        text: candidate.text, count: candidate.tally.support, matches: candidate.tally.matches,
        example: MiningReport.ExampleMessage(
          line: messages[first].line, text: messages[first].text))
    }
  }
}
