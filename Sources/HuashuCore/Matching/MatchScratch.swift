/// Per-thread scratch memory for matching: PCRE2's match data and limits (``RegexScratch``),
/// the prefilter's record of the current message, and the running intent scores.
///
/// Not thread-safe and not copyable: create one per thread or task and pass it `inout`
/// within one synchronous call chain (never across an `await`).
public struct MatchScratch: ~Copyable {
  /// PCRE2's match data, the limits and the current message's budget.
  var regex: RegexScratch
  /// The prefilter's record of the current message.
  var prefilter = PrefilterRecord()
  /// The rules to evaluate for the current message, reused between messages.
  var candidateBuffer: [Int32] = []
  /// The current message's generation for the intent scores below.
  private(set) var intentRound: UInt32 = 0
  // Per intent, the round in which it was last touched and where its running score is in
  // this message's list of touched intents.
  var intentGeneration: [UInt32] = []
  var intentPosition: [Int32] = []
  /// The running scores of the intents one message touched (reused between messages).
  var touchedIntents: [(slot: Int, remaining: Double, strongest: Double)] = []

  /// Allocates match data and match contexts with `limits`.
  public init(limits: MatchLimits = .default) {
    regex = RegexScratch(limits: limits)
  }

  /// The limits this scratch was made with.
  public var limits: MatchLimits { regex.limits }

  /// How many more patterns may give up on the current message.
  public var budgetRemaining: Int { regex.budgetRemaining }

  /// Starts a new message: sizes the records for the rule set and resets the budget.
  mutating func prepare(literals: Int, sets: Int, rules: Int, intents: Int) {
    prefilter.startMessage(literals: literals, sets: sets, rules: rules)
    if intentGeneration.count < intents || intentRound == UInt32.max {
      intentGeneration = [UInt32](repeating: 0, count: max(intents, intentGeneration.count))
      intentPosition = [Int32](repeating: 0, count: intentGeneration.count)
      intentRound = 0
    }
    intentRound += 1
    regex.startMessage()
  }

  /// Starts a new message's budget (for matching outside ``Matcher/classify(_:using:)``).
  mutating func startMessage() {
    regex.startMessage()
  }
}

@available(*, unavailable)
extension MatchScratch: Sendable {}
