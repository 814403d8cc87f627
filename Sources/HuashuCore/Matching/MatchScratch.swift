internal import CPCRE2

/// Limits on the work one PCRE2 match may do, so a hostile message or an unlucky pattern
/// cannot stall a stream.
public struct MatchLimits: Hashable, Sendable {
  /// The most calls of PCRE2's internal match function (backtracking steps) per match.
  public var matchLimit: UInt32
  /// The most nested backtracking depth per match (ignored by the JIT, which has its own stack).
  public var depthLimit: UInt32

  /// Creates limits.
  public init(matchLimit: UInt32, depthLimit: UInt32) {
    self.matchLimit = matchLimit
    self.depthLimit = depthLimit
  }

  /// Generous for rule-sized patterns on bounded messages, small enough that a catastrophic
  /// pattern gives up within milliseconds.
  public static let `default` = MatchLimits(matchLimit: 200_000, depthLimit: 10_000)
}

/// Per-thread scratch memory for matching: PCRE2 match data and a match context carrying the
/// limits.
///
/// Not thread-safe and not copyable: create one per thread or task and pass it `inout`
/// within one synchronous call chain (never across an `await`). One scratch serves every
/// pattern: only the whole-match offsets are read, so its size does not depend on the pattern.
public struct MatchScratch: ~Copyable {
  let matchData: OpaquePointer
  let matchContext: OpaquePointer

  // The prefilter's per-message record, reused across messages: an entry counts only when its
  // generation is the current one, so nothing is cleared between messages.
  var generation: UInt32 = 0
  var literalMarks: [LiteralMark] = []
  var ruleMarks: [RuleMark] = []
  /// Per literal set of the prefilter, the generation in which one of its literals occurred.
  var setGeneration: [UInt32] = []
  /// The rules to evaluate for the current message, reused between messages.
  var candidateBuffer: [Int32] = []
  // Per intent, where its running score is in this message's list of touched intents.
  var intentGeneration: [UInt32] = []
  var intentPosition: [Int32] = []
  /// The running scores of the intents one message touched (reused between messages).
  var touchedIntents: [(slot: Int, remaining: Double, strongest: Double)] = []

  /// Starts a new message: sizes the record for the rule set and moves to a new generation.
  mutating func prepare(literals: Int, sets: Int, rules: Int, intents: Int) {
    // Growing, or wrapping around, clears everything, so no old entry can look current.
    if literalMarks.count < literals || setGeneration.count < sets
      || ruleMarks.count < rules || intentGeneration.count < intents
      || generation == UInt32.max
    {
      let intentCount = max(intents, intentGeneration.count)
      literalMarks = [LiteralMark](
        repeating: LiteralMark(generation: 0, firstEnd: 0),
        count: max(literals, literalMarks.count))
      setGeneration = [UInt32](repeating: 0, count: max(sets, setGeneration.count))
      ruleMarks = [RuleMark](
        repeating: RuleMark(generation: 0, anySlots: 0), count: max(rules, ruleMarks.count))
      intentGeneration = [UInt32](repeating: 0, count: intentCount)
      intentPosition = [Int32](repeating: 0, count: intentCount)
      generation = 0
    }
    generation += 1
  }

  /// Allocates match data and a match context with `limits`.
  public init(limits: MatchLimits = .default) {
    // Allocation failure of a few dozen bytes leaves nothing sensible to do; PCRE2 returns
    // NULL only when malloc does.
    guard let data = pcre2_match_data_create_8(1, nil),
      let context = pcre2_match_context_create_8(nil)
    else { preconditionFailure("PCRE2 could not allocate match data (out of memory)") }
    pcre2_set_match_limit_8(context, limits.matchLimit)
    pcre2_set_depth_limit_8(context, limits.depthLimit)
    self.matchData = data
    self.matchContext = context
  }

  deinit {
    pcre2_match_data_free_8(matchData)
    pcre2_match_context_free_8(matchContext)
  }
}

@available(*, unavailable)
extension MatchScratch: Sendable {}
