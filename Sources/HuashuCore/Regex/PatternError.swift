/// A regular expression that PCRE2 refused to compile.
///
/// Carries everything needed to point at the mistake: the pattern, PCRE2's error code and
/// message, and the offset PCRE2 reported.
public struct PatternError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The pattern as it was compiled.
  public var pattern: String
  /// PCRE2's error code, for exact matching in tests.
  public var code: Int32
  /// PCRE2's message for `code` (from `pcre2_get_error_message`).
  public var message: String
  /// The offset PCRE2 reported, in UTF-8 code units; it may fall inside a character.
  public var utf8Offset: Int

  /// Creates a pattern error.
  public init(pattern: String, code: Int32, message: String, utf8Offset: Int) {
    self.pattern = pattern
    self.code = code
    self.message = message
    self.utf8Offset = utf8Offset
  }

  /// The offset in `Character`s from the start of the pattern, suitable for a caret under it.
  ///
  /// An offset inside a multi-byte character is moved back to that character's start.
  public var characterOffset: Int {
    let utf8 = pattern.utf8
    let clamped = min(max(utf8Offset, 0), utf8.count)
    var index = utf8.index(utf8.startIndex, offsetBy: clamped)
    while index > pattern.startIndex, !pattern.indices.contains(index), index != pattern.endIndex {
      index = utf8.index(before: index)
    }
    let boundary = pattern[..<index].endIndex
    return pattern.distance(from: pattern.startIndex, to: boundary)
  }

  /// `"<message> at pattern offset N (character M)"`.
  public var description: String {
    "\(message) at pattern offset \(utf8Offset) (character \(characterOffset))"
  }
}

/// A match that PCRE2 could not finish, such as one that hit the match or depth limit, or a
/// pattern not run at all because the message's budget was spent (``budgetExhausted``).
public struct MatchError: Error, Hashable, Sendable, CustomStringConvertible {
  /// PCRE2's error code (negative), or ``budgetExhaustedCode`` for a pattern huashu skipped.
  public var code: Int32
  /// PCRE2's message for `code`, or huashu's for a skipped pattern.
  public var message: String

  /// Whether the match stopped because it hit a resource limit set by ``MatchLimits`` (or the
  /// JIT's own stack).
  public var isLimitExceeded: Bool {
    code == MatchError.matchLimitCode || code == MatchError.depthLimitCode
      || code == MatchError.heapLimitCode || code == MatchError.jitStackLimitCode
  }

  /// Whether the pattern was not run because other patterns had spent the message's budget
  /// (``MatchLimits/messageBudget``).
  public var isBudgetExhausted: Bool { code == MatchError.budgetExhaustedCode }

  static let matchLimitCode: Int32 = -47
  static let depthLimitCode: Int32 = -53
  static let heapLimitCode: Int32 = -63
  static let jitStackLimitCode: Int32 = -46
  /// huashu's own code, far from PCRE2's (which run from -1 to about -70).
  public static let budgetExhaustedCode: Int32 = -1_000

  /// The error of a pattern not run because the message's budget was spent.
  public static let budgetExhausted = MatchError(
    code: budgetExhaustedCode,
    message: "not run: patterns that gave up had spent this message's match budget")

  public var description: String {
    isBudgetExhausted ? message : "PCRE2 match error \(code): \(message)"
  }
}
