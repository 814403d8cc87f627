/// Times `huashu find`: building the ``ReplyFinder`` over a phrasebook, and answering a fixed
/// list of queries (codes, initials, words), each figure the best of ``rounds`` runs.
public struct FindBenchmark {
  /// The queries asked in turn: code prefixes and codes, group and text initials, words
  /// (simplified and traditional), and one that matches nothing.
  public static let queries = [
    "yf", "yf1", "hdfk", "yj", "zlwt", "运费", "质量", "運費", "cxf", "退款 运费", "dz", "xyz",
  ]

  /// The phrasebook searched.
  public var phrasebook: Phrasebook
  /// How many queries per round.
  public var queryCount: Int
  /// How many times each figure is measured.
  public var rounds: Int

  /// Creates a benchmark.
  public init(phrasebook: Phrasebook, queryCount: Int, rounds: Int) {
    self.phrasebook = phrasebook
    self.queryCount = queryCount
    self.rounds = rounds
  }

  /// Measures.
  public func measure() -> BenchmarkReport.FindFigures {
    var start = ContinuousClock.now
    var finder = ReplyFinder(phrasebook: phrasebook)
    let firstBuild = (ContinuousClock.now - start).seconds
    var build = firstBuild
    var best = 0.0
    var found = 0
    for _ in 1...max(1, rounds) {
      start = ContinuousClock.now
      finder = ReplyFinder(phrasebook: phrasebook)
      build = min(build, (ContinuousClock.now - start).seconds)
      found = 0
      start = ContinuousClock.now
      for index in 0..<queryCount {
        found += finder.find(Self.queries[index % Self.queries.count]).count
      }
      let elapsed = (ContinuousClock.now - start).seconds
      best = max(best, elapsed > 0 ? Double(queryCount) / elapsed : 0)
    }
    return BenchmarkReport.FindFigures(
      replies: phrasebook.entries.count, firstBuildSeconds: firstBuild, buildSeconds: build,
      queries: queryCount, queriesPerSecond: best,
      matchesPerQuery: queryCount > 0 ? Double(found) / Double(queryCount) : 0)
  }
}
