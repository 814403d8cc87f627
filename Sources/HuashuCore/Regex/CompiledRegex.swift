internal import CPCRE2

/// A regular expression compiled by PCRE2 in UTF and UCP mode, JIT-compiled when the platform
/// allows.
///
/// Named `CompiledRegex` rather than `Regex` so it never shadows the standard library's
/// `Regex` in code that imports HuashuCore.
///
/// Thread safety: immutable after `init`, safe to share between threads and tasks. pcre2api(3):
/// "a compiled pattern can be used by several threads at once" provided each thread has its own
/// match data; that per-thread state is ``RegexScratch``, which is `~Copyable` and passed
/// `inout`, so it cannot be shared by accident.
public final class CompiledRegex: @unchecked Sendable {
  // @unchecked justification: `code` is written only in `init` (compile, then JIT compile,
  // both before `self` escapes) and only read afterwards; PCRE2 documents compiled code,
  // including its JIT code, as safe for concurrent matching.
  private let code: OpaquePointer

  /// The pattern as compiled.
  public let pattern: String
  /// The options it was compiled with.
  public let options: Options
  /// Whether PCRE2's JIT compiler produced machine code for this pattern.
  ///
  /// When it did not (JIT unsupported on the platform, or out of executable memory) matching falls
  /// back to the interpreter, with the same results.
  public let isJITCompiled: Bool

  /// Compiles `pattern`.
  ///
  /// - Parameters:
  ///   - pattern: A PCRE2 pattern. Offsets and lengths are taken from its UTF-8 form.
  ///   - options: Compile options; UTF and UCP are always on.
  /// - Throws: ``PatternError`` with PCRE2's code, message and offset.
  public init(_ pattern: String, options: Options = []) throws(PatternError) {
    var errorCode: Int32 = 0
    var errorOffset: Int = 0
    let flags = UInt32(PCRE2_UTF | PCRE2_UCP) | options.pcre2Flags
    var utf8 = Array(pattern.utf8)
    let length = utf8.count
    utf8.append(0)
    let compiled = utf8.withUnsafeBufferPointer { buffer in
      pcre2_compile_8(buffer.baseAddress, length, flags, &errorCode, &errorOffset, nil)
    }
    guard let compiled else {
      throw PatternError(
        pattern: pattern, code: errorCode, message: Self.errorMessage(for: errorCode),
        utf8Offset: errorOffset)
    }
    self.code = compiled
    self.pattern = pattern
    self.options = options
    // A JIT failure is not an error: the interpreter gives the same answers, only slower.
    self.isJITCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
  }

  deinit {
    pcre2_code_free_8(code)
  }

  /// Whether PCRE2 found, when compiling, that the pattern might match an empty string
  /// (`PCRE2_INFO_MATCHEMPTY`).
  ///
  /// "Might": an assertion such as `(?=.{1,40}$)` can still rule every empty match out. A
  /// pattern that matches an empty string fires on messages without the text it looks for.
  public var mightMatchEmpty: Bool {
    var flag: UInt32 = 0
    return pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MATCHEMPTY), &flag) == 0 && flag != 0
  }

  /// The first match at or after byte `start` of a UTF-8 subject.
  ///
  /// - Parameters:
  ///   - subject: Valid UTF-8 (the subject is not re-validated).
  ///   - start: A byte offset on a scalar boundary.
  ///   - scratch: This thread's match data and limits.
  /// - Returns: The byte range of the match, or `nil` when there is none.
  /// - Throws: ``MatchError`` when PCRE2 gives up, for example at a match limit.
  func firstMatch(
    inUTF8 subject: [UInt8], from start: Int = 0, using scratch: inout RegexScratch
  ) throws(MatchError) -> Range<Int>? {
    try Self.firstMatch(code: Code(self), inUTF8: subject, from: start, using: &scratch)
  }

  /// The compiled code of a regex, to match without holding (and so retaining) the regex
  /// itself: for the prefilter, whose hot path would otherwise retain a regex shared by every
  /// thread once per run.
  ///
  /// Valid only while its regex lives.
  struct Code: @unchecked Sendable {
    // @unchecked justification: it points at compiled code that is immutable after the
    // regex's `init` and documented by PCRE2 as safe to match from several threads.
    fileprivate let pointer: OpaquePointer
    /// Whether the code runs in the JIT, which counts the match limit in its own, coarser steps.
    fileprivate let isJITCompiled: Bool

    init(_ regex: CompiledRegex) {
      pointer = regex.code
      isJITCompiled = regex.isJITCompiled
    }
  }

  /// ``firstMatch(inUTF8:from:using:)`` with the regex's compiled code.
  static func firstMatch(
    code: Code, inUTF8 subject: [UInt8], from start: Int = 0, using scratch: inout RegexScratch
  ) throws(MatchError) -> Range<Int>? {
    // The JIT counts its match limit in coarser steps than the interpreter (see MatchLimits).
    let context = code.isJITCompiled ? scratch.jitMatchContext : scratch.matchContext
    let matchData = scratch.matchData
    let result = subject.withUnsafeBufferPointer { subject in
      // PCRE2 rejects a null subject pointer even for length 0.
      let base = subject.baseAddress ?? UnsafePointer(bitPattern: 1)
      return pcre2_match_8(
        code.pointer, base, subject.count, start, UInt32(PCRE2_NO_UTF_CHECK), matchData, context)
    }
    if result == PCRE2_ERROR_NOMATCH { return nil }
    // A result of 0 means the ovector was too small for every group; the whole-match pair
    // (the only one used here) is still set.
    guard result >= 0 else {
      throw MatchError(code: result, message: Self.errorMessage(for: result))
    }
    guard let ovector = pcre2_get_ovector_pointer_8(matchData) else { return nil }
    let lower = ovector[0]
    let upper = ovector[1]
    return lower <= upper ? lower..<upper : upper..<upper
  }

  /// The first match in `text`.
  ///
  /// - Returns: The matched range of `text`, or `nil`.
  /// - Throws: ``MatchError`` when PCRE2 gives up, for example at a match limit.
  public func firstMatch(
    in text: String, using scratch: inout RegexScratch
  ) throws(MatchError) -> Range<String.Index>? {
    let utf8 = text.utf8
    guard let found = try firstMatch(inUTF8: Array(utf8), using: &scratch) else { return nil }
    let lower = utf8.index(utf8.startIndex, offsetBy: found.lowerBound)
    let upper = utf8.index(utf8.startIndex, offsetBy: found.upperBound)
    return lower..<upper
  }

  /// Whether `text` contains a match.
  public func matches(_ text: String, using scratch: inout RegexScratch) throws(MatchError) -> Bool
  {
    try firstMatch(in: text, using: &scratch) != nil
  }
}

extension CompiledRegex {
  /// Options for compiling a ``CompiledRegex``.
  ///
  /// UTF and UCP are always on.
  public struct Options: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Letters match regardless of case (PCRE2_CASELESS).
    public static let caseInsensitive = Options(rawValue: 1 << 0)
    /// `.` also matches a newline (PCRE2_DOTALL).
    public static let dotMatchesNewlines = Options(rawValue: 1 << 1)

    var pcre2Flags: UInt32 {
      var flags: UInt32 = 0
      if contains(.caseInsensitive) { flags |= UInt32(PCRE2_CASELESS) }
      if contains(.dotMatchesNewlines) { flags |= UInt32(PCRE2_DOTALL) }
      return flags
    }
  }
}

extension CompiledRegex {
  /// PCRE2's text for an error code.
  static func errorMessage(for code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let length = buffer.withUnsafeMutableBufferPointer { pointer in
      pcre2_get_error_message_8(code, pointer.baseAddress, pointer.count)
    }
    guard length > 0 else { return "unknown PCRE2 error \(code)" }
    return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
  }
}
