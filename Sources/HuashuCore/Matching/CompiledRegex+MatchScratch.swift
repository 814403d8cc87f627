extension CompiledRegex {
  /// The first match in `text`, with the PCRE2 memory of a matching scratch.
  ///
  /// - Returns: The matched range of `text`, or `nil`.
  /// - Throws: ``MatchError`` when PCRE2 gives up, for example at a match limit.
  public func firstMatch(
    in text: String, using scratch: inout MatchScratch
  ) throws(MatchError) -> Range<String.Index>? {
    try firstMatch(in: text, using: &scratch.regex)
  }

  /// Whether `text` contains a match, with the PCRE2 memory of a matching scratch.
  public func matches(_ text: String, using scratch: inout MatchScratch) throws(MatchError) -> Bool
  {
    try matches(text, using: &scratch.regex)
  }
}
