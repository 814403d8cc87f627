/// What a regular expression needs to see in a message before it can match, worked out from the
/// pattern once, so that the matcher calls PCRE2 only when it could succeed.
///
/// - `exact`: the pattern's language is a small finite set of strings (alternations, optional
///   parts, classes of a few characters: `[少漏]发(了)?`), without anchors or lookarounds. The
///   pattern matches a message exactly when one of them occurs. (Rust's regex-syntax calls such
///   literal sequences exact for the same reason.)
/// - `required`: at least one of these literals occurs in every match, and one of each of the
///   `also` sets: the parts of a sequence each require their own (`(能|可以).{0,4}(便宜|优惠)`
///   needs 便宜 or 优惠, and 能 or 可以). The first set triggers the rule; the others only let
///   the pattern run when they occurred too.
/// - `always`: nothing safe was found; the pattern runs on every message.
///
/// The analysis understands literals, escapes, groups, alternation, `?`, `*`, `+`, `{m,n}`,
/// small character classes and `^ $ \b` and lookarounds (as zero-width assertions); anything
/// else makes a part unknown. Literals are lower-cased, since patterns run case-insensitive on
/// lower-cased text, where the normalizer has also folded the two letters that caseless matching
/// equates with ASCII ones (the Kelvin sign to `k`, long s to `s`); other cased letters make a
/// literal unsafe, and it is not used.
public enum RegexLiterals: Hashable, Sendable {
  /// The pattern matches iff one of these occurs.
  case exact([String])
  /// Every match contains one of these, and one of each of the `also` sets.
  case required([String], also: [[String]] = [])
  /// Run the pattern on every message.
  case always

  /// The most strings an exact set may hold before it is given up.
  static let exactLimit = 64
  /// The most `also` sets kept for one pattern.
  static let conjunctLimit = 4

  /// Analyses `pattern` (as compiled: after normalization).
  public static func analyze(_ pattern: String) -> RegexLiterals {
    var parser = Parser(scalars: Array(pattern.unicodeScalars))
    guard let node = parser.parseAlternation(), parser.isAtEnd else { return .always }
    let info = node
    if !info.hasAssertion, let exact = info.exact, !exact.isEmpty, !exact.contains(""),
      exact.allSatisfy(isSafe)
    {
      return .exact(exact.sorted())
    }
    if let required = info.required, required.allSatisfy(isSafe), !required.isEmpty {
      var also: [[String]] = []
      for set in info.conjuncts where set != required && set.allSatisfy(isSafe) {
        let sorted = set.sorted()
        if !also.contains(sorted) { also.append(sorted) }
      }
      // The most selective kept: longest shortest literal, then fewest literals.
      also.sort { left, right in
        let (leftShortest, rightShortest) = (shortest(left), shortest(right))
        if leftShortest != rightShortest { return leftShortest > rightShortest }
        if left.count != right.count { return left.count < right.count }
        return left.lexicographicallyPrecedes(right)
      }
      return .required(required.sorted(), also: Array(also.prefix(conjunctLimit)))
    }
    return .always
  }

  /// The length in bytes of the shortest of `literals` (0 when there are none).
  static func shortest(_ literals: some Collection<String>) -> Int {
    literals.lazy.map(\.utf8.count).min() ?? 0
  }

  /// A literal is safe when matching it byte for byte agrees with PCRE2's caseless matching
  /// on normalized text, and it is selective enough: two characters or more, or one character
  /// of three UTF-8 bytes (a Chinese character, never a single ASCII letter or digit).
  ///
  /// The analysis prefers the set whose shortest literal is longest, so a single character
  /// gates a pattern only when nothing longer is required: `(能|可以|再).{0,4}(便宜|少\d)` runs
  /// when 便宜 or 少 occurs, where it would otherwise run on every message.
  static func isSafe(_ literal: String) -> Bool {
    let scalarCount = literal.unicodeScalars.count
    guard scalarCount >= 2 || (scalarCount == 1 && literal.utf8.count >= 3) else { return false }
    return literal.unicodeScalars.allSatisfy { scalar in
      if scalar.isASCII { return true }
      return !scalar.properties.changesWhenCaseFolded && !scalar.properties.isCased
    }
  }

  /// What is known about a sub-pattern.
  struct Info {
    /// Its whole language, when finite and small.
    var exact: Set<String>?
    /// Literals at least one of which occurs in every match, when known.
    var required: Set<String>?
    /// Whether it holds an anchor or lookaround.
    var hasAssertion = false
    /// Sets of literals each of which must be met in every match, from the parts of a
    /// sequence (``required`` is the best of them); empty when unknown.
    var conjuncts: [Set<String>] = []

    static let unknown = Info(exact: nil, required: nil)
    static let empty = Info(exact: [""], required: nil)

    static func literal(_ text: String) -> Info { Info(exact: [text], required: [text]) }

    /// The better of two required sets: longer shortest literal, then fewer literals.
    static func better(_ lhs: Set<String>?, _ rhs: Set<String>?) -> Set<String>? {
      guard let lhs, !lhs.isEmpty else { return rhs }
      guard let rhs, !rhs.isEmpty else { return lhs }
      let left = RegexLiterals.shortest(lhs)
      let right = RegexLiterals.shortest(rhs)
      if left != right { return left > right ? lhs : rhs }
      return lhs.count <= rhs.count ? lhs : rhs
    }

    func or(_ other: Info) -> Info {
      var result = Info.unknown
      result.hasAssertion = hasAssertion || other.hasAssertion
      if let exact, let otherExact = other.exact,
        exact.count + otherExact.count <= RegexLiterals.exactLimit
      {
        result.exact = exact.union(otherExact)
      }
      let left = required ?? exact.flatMap { $0.contains("") ? nil : $0 }
      let right = other.required ?? other.exact.flatMap { $0.contains("") ? nil : $0 }
      if let left, let right { result.required = left.union(right) }
      return result
    }
  }
}
