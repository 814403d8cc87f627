extension RegexLiterals {
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
