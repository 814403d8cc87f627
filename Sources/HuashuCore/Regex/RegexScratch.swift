internal import CPCRE2

/// Limits on the work PCRE2 may do, per match and per message, so a hostile message or an
/// unlucky pattern cannot stall a stream.
///
/// PCRE2 counts work differently in its two engines. The interpreter counts "each time round
/// its main matching loop"; with JIT code the limit is used "(but in a different way)"
/// (pcre2api(3)): the JIT counts far fewer, coarser steps, and one JIT step of `(.*a){20}`
/// rescans the rest of the subject, up to about 2 µs on a 4 KB message. Hence two match
/// limits. The JIT ignores the depth limit and uses its own stack (32 KB of machine stack,
/// since huashu assigns none), failing with `PCRE2_ERROR_JIT_STACKLIMIT` when that overflows.
/// Either way, "for patterns that are not anchored, the count restarts from zero for each
/// position in the subject string": a pattern that stays just under the limit at every
/// position is not stopped, and costs up to the limit times the message's length.
///
/// Each pattern that gives up spends one unit of ``messageBudget``; once a message has spent
/// its budget, its remaining patterns are not run and are reported as skipped, so a rule set
/// with many costly patterns costs a few match limits per message, not one per pattern.
public struct MatchLimits: Hashable, Sendable {
  /// The most steps of the interpreter (calls of its internal match function) per match.
  public var matchLimit: UInt32
  /// The most steps of JIT-compiled code per match (a JIT step is coarser).
  public var jitMatchLimit: UInt32
  /// The most nested backtracking depth per match (the interpreter only).
  public var depthLimit: UInt32
  /// How many patterns may give up (each after its whole match limit) on one message before
  /// the message's remaining patterns are skipped.
  public var messageBudget: Int

  /// Creates limits.
  ///
  /// - Parameters:
  ///   - matchLimit: Interpreter steps per match.
  ///   - depthLimit: Interpreter backtracking depth per match.
  ///   - jitMatchLimit: JIT steps per match; `matchLimit` when nil.
  ///   - messageBudget: Patterns that may give up per message.
  public init(
    matchLimit: UInt32, depthLimit: UInt32, jitMatchLimit: UInt32? = nil,
    messageBudget: Int = MatchLimits.default.messageBudget
  ) {
    self.matchLimit = matchLimit
    self.jitMatchLimit = jitMatchLimit ?? matchLimit
    self.depthLimit = depthLimit
    self.messageBudget = messageBudget
  }

  /// Sized by measurement (PCRE2 10.42, x86-64): a catastrophic pattern gives up within about
  /// 2 ms on a 4 KB message, and a message costs at most four such give-ups.
  ///
  /// The shipped rules, run on every message of the buyer corpora (2,107 messages, also joined
  /// into 4 KB messages), need at most 63 JIT steps, 2,894 interpreter steps and depth 22 per
  /// match, and the generated rules of `huashu bench` 14 and 44 steps: the limits are 16, 3.5
  /// and 45 times that. At the limit, `(.*a){20}` on a 4 KB message costs 2 ms in the JIT
  /// (22 ms at 10,000 steps, 600 ms at the former 200,000), and the catastrophic patterns
  /// tried (`(a+)+$`, `(a|a)*$`, `(\w+\s?)*$`) at most 2.5 ms in the interpreter.
  public static let `default` = MatchLimits(
    matchLimit: 10_000, depthLimit: 1_000, jitMatchLimit: 1_000, messageBudget: 4)
}

/// Per-thread PCRE2 memory: match data, match contexts carrying the limits, and what is left
/// of the current message's budget.
///
/// Not thread-safe and not copyable: one per thread or task, passed `inout` within one
/// synchronous call chain (never across an `await`). One scratch serves every pattern: only the
/// whole-match offsets are read, so its size does not depend on the pattern. Matching keeps one
/// inside its ``MatchScratch``.
public struct RegexScratch: ~Copyable {
  let matchData: OpaquePointer
  /// The limits for the interpreter.
  let matchContext: OpaquePointer
  /// The limits for JIT-compiled code.
  let jitMatchContext: OpaquePointer
  /// The limits this scratch was made with.
  public let limits: MatchLimits
  /// How many more patterns may give up on the current message (see
  /// ``MatchLimits/messageBudget``).
  public internal(set) var budgetRemaining: Int

  /// Allocates match data and match contexts with `limits`.
  public init(limits: MatchLimits = .default) {
    // Allocation failure of a few dozen bytes leaves nothing sensible to do; PCRE2 returns
    // NULL only when malloc does.
    guard let data = pcre2_match_data_create_8(1, nil),
      let context = pcre2_match_context_create_8(nil),
      let jitContext = pcre2_match_context_create_8(nil)
    else { preconditionFailure("PCRE2 could not allocate match data (out of memory)") }
    pcre2_set_match_limit_8(context, limits.matchLimit)
    pcre2_set_depth_limit_8(context, limits.depthLimit)
    pcre2_set_match_limit_8(jitContext, limits.jitMatchLimit)
    self.matchData = data
    self.matchContext = context
    self.jitMatchContext = jitContext
    self.limits = limits
    self.budgetRemaining = limits.messageBudget
  }

  /// Starts a new message's budget.
  mutating func startMessage() {
    budgetRemaining = limits.messageBudget
  }

  /// Whether the current message's budget still allows running a pattern.
  var hasBudget: Bool { budgetRemaining > 0 }

  /// Records that a pattern gave up on the current message.
  mutating func spendBudget() {
    budgetRemaining -= 1
  }

  deinit {
    pcre2_match_data_free_8(matchData)
    pcre2_match_context_free_8(matchContext)
    pcre2_match_context_free_8(jitMatchContext)
  }
}

@available(*, unavailable)
extension RegexScratch: Sendable {}
