/// The figures of `huashu bench`, and their JSON form.
public struct BenchmarkReport: Codable, Sendable {
  /// One engine on one rule set.
  public struct EngineFigures: Codable, Sendable {
    /// Messages classified.
    public var messages: Int
    /// Messages per second, normalization included.
    public var messagesPerSecond: Double
    /// Input megabytes (UTF-8) per second.
    public var megabytesPerSecond: Double
    /// Median latency per message, in microseconds.
    public var p50Microseconds: Double
    /// 99th-percentile latency per message, in microseconds.
    public var p99Microseconds: Double
    /// Rules fired per message, on average (the same for both engines).
    public var firedPerMessage: Double

    /// Creates the figures.
    public init(
      messages: Int, messagesPerSecond: Double, megabytesPerSecond: Double,
      p50Microseconds: Double, p99Microseconds: Double, firedPerMessage: Double
    ) {
      self.firedPerMessage = firedPerMessage
      self.messages = messages
      self.messagesPerSecond = messagesPerSecond
      self.megabytesPerSecond = megabytesPerSecond
      self.p50Microseconds = p50Microseconds
      self.p99Microseconds = p99Microseconds
    }

    enum CodingKeys: String, CodingKey {
      case messages
      case messagesPerSecond = "messages_per_second"
      case megabytesPerSecond = "megabytes_per_second"
      case p50Microseconds = "p50_us"
      case p99Microseconds = "p99_us"
      case firedPerMessage = "fired_per_message"
    }
  }

  /// One rule-set size.
  public struct Row: Codable, Sendable {
    /// Rules in the set.
    public var rules: Int
    /// Seconds to load and compile the rule files (YAML, PCRE2 + JIT, prefilter).
    public var compileSeconds: Double
    /// The prefiltered engine.
    public var prefiltered: EngineFigures
    /// The naive engine, measured in the same run.
    public var naive: EngineFigures
    /// Prefiltered messages/s over naive messages/s.
    public var speedup: Double
    /// Patterns decided by literals / gated by literals / run always.
    public var patterns: [Int]
    /// Peak resident memory of the process so far, in MB.
    public var peakMemoryMB: Double
    /// Threads of the parallel measurement.
    public var jobs: Int
    /// Prefiltered messages/s on `jobs` threads over one thread.
    public var jobsSpeedup: Double

    /// Creates a row.
    public init(
      rules: Int, compileSeconds: Double, prefiltered: EngineFigures, naive: EngineFigures,
      speedup: Double, patterns: [Int], peakMemoryMB: Double, jobs: Int, jobsSpeedup: Double
    ) {
      self.jobs = jobs
      self.jobsSpeedup = jobsSpeedup
      self.rules = rules
      self.compileSeconds = compileSeconds
      self.prefiltered = prefiltered
      self.naive = naive
      self.speedup = speedup
      self.patterns = patterns
      self.peakMemoryMB = peakMemoryMB
    }

    enum CodingKeys: String, CodingKey {
      case rules
      case compileSeconds = "compile_seconds"
      case prefiltered, naive, speedup, patterns
      case peakMemoryMB = "peak_memory_mb"
      case jobs
      case jobsSpeedup = "jobs_speedup"
    }
  }

  /// End-to-end `suggest --format json`: JSON lines in, classified, ranked, rendered.
  public struct SuggestFigures: Codable, Sendable {
    /// Input lines per measurement.
    public var lines: Int
    /// Lines per second on one thread.
    public var linesPerSecond: Double
    /// JSON written per second on one thread, in MB.
    public var outputMegabytesPerSecond: Double
    /// Threads of the parallel measurement.
    public var jobs: Int
    /// Lines per second on `jobs` threads.
    public var jobsLinesPerSecond: Double

    /// Creates the figures.
    public init(
      lines: Int, linesPerSecond: Double, outputMegabytesPerSecond: Double, jobs: Int,
      jobsLinesPerSecond: Double
    ) {
      self.lines = lines
      self.linesPerSecond = linesPerSecond
      self.outputMegabytesPerSecond = outputMegabytesPerSecond
      self.jobs = jobs
      self.jobsLinesPerSecond = jobsLinesPerSecond
    }

    enum CodingKeys: String, CodingKey {
      case lines
      case linesPerSecond = "lines_per_second"
      case outputMegabytesPerSecond = "output_megabytes_per_second"
      case jobs
      case jobsLinesPerSecond = "jobs_lines_per_second"
    }
  }

  /// `huashu find` on the shipped phrasebook: building the finder, then queries.
  public struct FindFigures: Codable, Sendable {
    /// Replies searched.
    public var replies: Int
    /// Seconds to build the first finder of the process (ICU compiles its Han-Latin rules).
    public var firstBuildSeconds: Double
    /// Seconds to build a finder once ICU is ready (best round).
    public var buildSeconds: Double
    /// Queries per round.
    public var queries: Int
    /// Queries per second on one thread.
    public var queriesPerSecond: Double
    /// Matches returned per query (at most 10 each), on average.
    public var matchesPerQuery: Double

    /// Creates the figures.
    public init(
      replies: Int, firstBuildSeconds: Double, buildSeconds: Double, queries: Int,
      queriesPerSecond: Double, matchesPerQuery: Double
    ) {
      self.replies = replies
      self.firstBuildSeconds = firstBuildSeconds
      self.buildSeconds = buildSeconds
      self.queries = queries
      self.queriesPerSecond = queriesPerSecond
      self.matchesPerQuery = matchesPerQuery
    }

    enum CodingKeys: String, CodingKey {
      case replies
      case firstBuildSeconds = "first_build_seconds"
      case buildSeconds = "build_seconds"
      case queries
      case queriesPerSecond = "queries_per_second"
      case matchesPerQuery = "matches_per_query"
    }
  }

  /// Per rule-set size.
  public var rows: [Row]
  /// End-to-end `suggest` on the shipped content, when measured.
  public var suggest: SuggestFigures?
  /// `find` on the shipped phrasebook, when measured.
  public var find: FindFigures?

  /// Creates a report.
  public init(rows: [Row], suggest: SuggestFigures?, find: FindFigures? = nil) {
    self.rows = rows
    self.suggest = suggest
    self.find = find
  }
}
