/// Named pieces a rule pattern can use instead of spelling them out: `{amount}` is an amount
/// of money as buyers write it (`150`, `12.5`, `一百五`, `两百块`, `三十元`, the corpus's
/// `[数字x]`), so `{amount}(卖不卖|行不行)` catches `三十块卖不卖` and `一百五行不行`.
///
/// A literal `{` that is not a macro name stays as it is (PCRE2 reads `{` without a count as
/// a literal too).
enum PatternMacros {
  /// The macros by the name written between braces.
  static let definitions: [(name: String, pattern: String)] = [
    (
      "{amount}",
      "(?:(?<![\\d.])\\d{1,6}(?:\\.\\d{1,2})?(?!\\d)"
        + "|(?<![零〇一二两三四五六七八九十百千万])[零〇一二两三四五六七八九十百千万]{1,8}"
        + "|\\[(?:数字|金额)x\\])(?:\\s?(?:块钱|块|元|rmb|¥))?"
    )
  ]

  /// A pattern with its macros written out, and where each expansion sits, so an error
  /// offset in the expanded pattern can be shown in the pattern as written.
  struct Expansion {
    /// The pattern PCRE2 compiles.
    let pattern: String
    /// Each expansion: its UTF-8 start in ``pattern``, its length there and the length of
    /// the macro name it replaced.
    let spans: [(start: Int, length: Int, nameLength: Int)]

    /// The UTF-8 offset in the written pattern of `offset` in the expanded one (an offset
    /// inside an expansion maps to the macro's start).
    func sourceOffset(of offset: Int) -> Int {
      var shift = 0
      for span in spans {
        if offset < span.start { break }
        if offset < span.start + span.length { return span.start - shift }
        shift += span.length - span.nameLength
      }
      return offset - shift
    }
  }

  /// Writes out every macro of `source`.
  static func expand(_ source: String) -> Expansion {
    guard source.contains("{") else { return Expansion(pattern: source, spans: []) }
    var output = ""
    var spans: [(start: Int, length: Int, nameLength: Int)] = []
    var rest = Substring(source)
    while let brace = rest.firstIndex(of: "{") {
      output += rest[..<brace]
      let tail = rest[brace...]
      if let macro = definitions.first(where: { tail.hasPrefix($0.name) }) {
        spans.append((output.utf8.count, macro.pattern.utf8.count, macro.name.utf8.count))
        output += macro.pattern
        rest = tail.dropFirst(macro.name.count)
      } else {
        output += "{"
        rest = tail.dropFirst()
      }
    }
    output += rest
    return Expansion(pattern: output, spans: spans)
  }
}
