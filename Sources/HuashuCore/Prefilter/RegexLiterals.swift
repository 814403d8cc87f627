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

  /// A recursive-descent reader of the pattern subset above.
  struct Parser {
    let scalars: [Unicode.Scalar]
    var index = 0

    var isAtEnd: Bool { index >= scalars.count }

    mutating func parseAlternation() -> Info? {
      guard var info = parseSequence() else { return nil }
      while !isAtEnd, scalars[index] == "|" {
        index += 1
        guard let next = parseSequence() else { return nil }
        info = info.or(next)
      }
      return info
    }

    /// A sequence is read as runs of atoms with finite languages, split by atoms without one
    /// (`.{0,6}`, `\d+`): each run requires its own sets (see ``FiniteRun``; `\d+块钱` needs
    /// 块钱), and the sequence is exact only when it is one run whose language is small.
    mutating func parseSequence() -> Info? {
      var info = Info.empty
      var run = FiniteRun()
      var isOneRun = true
      func require(_ set: Set<String>?) {
        guard let set, !set.isEmpty, !set.contains("") else { return }
        info.required = Info.better(info.required, set)
        info.conjuncts.append(set)
      }
      func closeRun() {
        if let language = run.language() {
          require(language)
          require(run.required(given: language))
        } else {
          run.requiredSets().forEach(require)
        }
        run = FiniteRun()
      }
      while !isAtEnd, scalars[index] != "|", scalars[index] != ")" {
        // A run of plain characters not followed by a quantifier is one literal: reading it
        // at once saves a set product per character.
        if let text = plainRun() {
          run.append([text])
          continue
        }
        guard var atom = parseAtom() else { return nil }
        guard let quantified = parseQuantifier(&atom) else { return nil }
        info.hasAssertion = info.hasAssertion || quantified.hasAssertion
        if let exact = quantified.exact {
          run.append(exact)
        } else {
          isOneRun = false
          closeRun()
          require(quantified.required)
          info.conjuncts += quantified.conjuncts
        }
      }
      if isOneRun, let language = run.language() {
        var result = Info(exact: language, required: run.required(given: language))
        result.hasAssertion = info.hasAssertion
        return result
      }
      closeRun()
      info.exact = nil
      return info
    }

    /// Two or more plain characters in a row, the last not followed by a quantifier, lower
    /// cased; `nil` (reading nothing) when there are not two.
    mutating func plainRun() -> String? {
      func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        !"\\^$.|?*+()[]{}".unicodeScalars.contains(scalar)
      }
      func isQuantifier(_ position: Int) -> Bool {
        position < scalars.count && "?*+{".unicodeScalars.contains(scalars[position])
      }
      var end = index
      while end < scalars.count, isPlain(scalars[end]), !isQuantifier(end + 1) { end += 1 }
      guard end - index >= 2 else { return nil }
      var text = String.UnicodeScalarView()
      text.append(contentsOf: scalars[index..<end])
      index = end
      return String(text).lowercased()
    }

    mutating func parseAtom() -> Info? {
      let scalar = scalars[index]
      index += 1
      switch scalar {
      case "(":
        var isAssertion = false
        if !isAtEnd, scalars[index] == "?" {
          let rest = scalars[index...].prefix(3).map(Character.init)
          if rest.starts(with: ["?", ":"]) {
            index += 2
          } else if rest.starts(with: ["?", "="]) || rest.starts(with: ["?", "!"]) {
            index += 2
            isAssertion = true
          } else if rest.starts(with: ["?", "<", "="]) || rest.starts(with: ["?", "<", "!"]) {
            index += 3
            isAssertion = true
          } else {
            return nil  // inline flags, named groups, atomic groups...: give up
          }
        }
        guard let inner = parseAlternation(), !isAtEnd, scalars[index] == ")" else { return nil }
        index += 1
        if isAssertion {
          var info = Info.empty
          info.hasAssertion = true
          return info
        }
        return inner
      case "^", "$":
        var info = Info.empty
        info.hasAssertion = true
        return info
      case ".":
        return .unknown
      case "[":
        return parseClass()
      case "\\":
        guard !isAtEnd else { return nil }
        let escaped = scalars[index]
        index += 1
        if escaped == "b" || escaped == "B" || escaped == "A" || escaped == "z" || escaped == "Z" {
          var info = Info.empty
          info.hasAssertion = true
          return info
        }
        if escaped.properties.isAlphabetic || ("0"..."9").contains(escaped) { return .unknown }
        return .literal(String(escaped))
      case "*", "+", "?", "{", ")", "|":
        return nil
      default:
        return .literal(String(scalar).lowercased())
      }
    }

    /// A class of a few literal characters (ranges of at most 10), else unknown.
    mutating func parseClass() -> Info? {
      var members: Set<String> = []
      var isSimple = true
      if !isAtEnd, scalars[index] == "^" {
        isSimple = false
        index += 1
      }
      var isFirst = true
      while !isAtEnd, scalars[index] != "]" || isFirst {
        isFirst = false
        var scalar = scalars[index]
        index += 1
        if scalar == "\\" {
          guard !isAtEnd else { return nil }
          scalar = scalars[index]
          index += 1
          if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { isSimple = false }
        } else if scalar == "[" {
          isSimple = false  // POSIX classes such as [:alpha:]
        }
        if index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] != "]" {
          let upper = scalars[index + 1]
          index += 2
          guard scalar.value <= upper.value else { return nil }
          if upper.value - scalar.value > 10 {
            isSimple = false
          } else {
            for value in scalar.value...upper.value {
              if let member = Unicode.Scalar(value) { members.insert(String(member).lowercased()) }
            }
          }
          continue
        }
        members.insert(String(scalar).lowercased())
      }
      guard !isAtEnd else { return nil }
      index += 1
      guard isSimple, members.count <= 10 else { return .unknown }
      return Info(exact: members, required: nil)
    }

    /// Applies `?`, `*`, `+` or `{m,n}` (and a lazy or possessive suffix) to `atom`.
    mutating func parseQuantifier(_ atom: inout Info) -> Info? {
      guard !isAtEnd else { return atom }
      var result: Info
      switch scalars[index] {
      case "?":
        index += 1
        result = Info(exact: atom.exact.map { $0.union([""]) }, required: nil)
        result.hasAssertion = atom.hasAssertion
      case "*":
        index += 1
        result = .unknown
        result.hasAssertion = atom.hasAssertion
      case "+":
        index += 1
        result = Info(exact: nil, required: Self.repeated(atom, times: 1))
        result.hasAssertion = atom.hasAssertion
      case "{":
        guard let (minimum, maximum) = parseBraces() else { return atom }
        if minimum == 0 && maximum == 1 {
          result = Info(exact: atom.exact.map { $0.union([""]) }, required: nil)
        } else if minimum == 1 && maximum == 1 {
          result = atom
        } else {
          result = Info(exact: nil, required: Self.repeated(atom, times: minimum))
        }
        result.hasAssertion = atom.hasAssertion
      default:
        return atom
      }
      if !isAtEnd, scalars[index] == "?" || scalars[index] == "+" { index += 1 }
      return result
    }

    /// What `times` or more repetitions of `atom` require: its strings `times` times over when
    /// it has a small exact language (`!{3,}` needs `!!!`), else what one repetition needs.
    static func repeated(_ atom: Info, times: Int) -> Set<String>? {
      guard times > 0 else { return nil }
      if let exact = atom.exact, !exact.contains(""), times > 1,
        (1..<times).reduce(exact.count, { size, _ in size * exact.count })
          <= RegexLiterals.exactLimit
      {
        var product: Set<String> = [""]
        for _ in 0..<times { product = Set(product.flatMap { left in exact.map { left + $0 } }) }
        return product
      }
      return atom.required ?? atom.exact.flatMap { $0.contains("") ? nil : $0 }
    }

    /// `{m}`, `{m,}` or `{m,n}`; a `{` that is not a quantifier is left for the caller.
    mutating func parseBraces() -> (Int, Int)? {
      var cursor = index + 1
      var text = ""
      while cursor < scalars.count, scalars[cursor] != "}" {
        text.unicodeScalars.append(scalars[cursor])
        cursor += 1
      }
      guard cursor < scalars.count else { return nil }
      let parts = text.split(separator: ",", omittingEmptySubsequences: false)
      guard let minimum = Int(parts[0]) else { return nil }
      let maximum: Int
      if parts.count == 1 {
        maximum = minimum
      } else if parts[1].isEmpty {
        maximum = Int.max
      } else if let value = Int(parts[1]) {
        maximum = value
      } else {
        return nil
      }
      index = cursor + 1
      return (minimum, maximum)
    }
  }
}
