extension RegexLiterals {
  /// Atoms with finite languages read in a row in a sequence (`(想|要|我要)(退|退货)(吗)?`).
  ///
  /// Their whole language is kept only while small (``RegexLiterals/exactLimit``), but every
  /// match holds a string of any window of consecutive parts, and a window may be cut at its
  /// ends to the last characters of its first part's strings and the first characters of its
  /// last part's: every match of `(想|要|我要|就)(退|退货|换)` holds 想退, 要退, 就换, … — far
  /// rarer than 退 or 换 alone.
  struct FiniteRun {
    /// The parts' languages, in order; assertions (the empty string only) are left out.
    private(set) var parts: [Set<String>] = []

    mutating func append(_ part: Set<String>) {
      if part != [""] { parts.append(part) }
    }

    /// The run's whole language, when it has at most ``RegexLiterals/exactLimit`` strings.
    func language() -> Set<String>? {
      if parts.count <= 1 { return parts.first ?? [""] }
      var product: Set<String> = [""]
      for part in parts {
        guard product.count * part.count <= RegexLiterals.exactLimit else { return nil }
        product = Set(product.flatMap { left in part.map { left + $0 } })
      }
      return product
    }

    /// What the run requires when its whole `language` is known: the better of it and its
    /// parts.
    ///
    /// The language decides the run, so windows are not worth working out.
    func required(given language: Set<String>) -> Set<String>? {
      var best: Set<String>?
      for set in [language] + parts where !set.contains("") {
        best = Info.better(best, set)
      }
      return best
    }

    /// Sets of safe literals of which every match of the run holds one, the best first.
    ///
    /// First the best window (longest shortest literal, then fewest literals, as
    /// ``Info/better(_:_:)`` ranks), then the best windows left and right of it. Each has at
    /// most ``RegexLiterals/exactLimit`` literals.
    ///
    /// An optional part weakens every window across it (`(钱|款)(才|能)?(退|到账)` holds 钱退
    /// or 钱才退, but no one literal of three characters), so a run with a few optional parts
    /// is also spelled out as the runs with and without each: every match is a match of one of
    /// them, and the best windows of all of them together (钱退, 款到, 才退, 能到, …) come
    /// first when better, and last otherwise.
    func requiredSets() -> [Set<String>] {
      if parts.count == 1 {  // the common case: one group or literal
        return parts[0].contains("") ? [] : [parts[0]]
      }
      let pieces = parts.map(Pieces.init)
      var sets: [Set<String>] = []
      var ranges = [pieces.indices]
      while let range = ranges.popLast() {
        guard let (best, window) = Self.bestWindow(in: range, of: pieces) else { continue }
        sets.append(best)
        ranges.append(window.upperBound..<range.upperBound)
        ranges.append(range.lowerBound..<window.lowerBound)
      }
      if let union = spelledOut(pieces) {
        // First when better; else still a gate of its own (`差评` is required, but only
        // `个差评`, `不然差`, … let the pattern run).
        if Info.better(sets.first, union) == union {
          sets.insert(union, at: 0)
        } else {
          sets.append(union)
        }
      }
      return sets
    }

    /// The most optional parts spelled out (2^n runs).
    private static let optionalLimit = 5
    /// In the runs spelled out, literals of this many bytes are selective enough.
    ///
    /// Among windows at least this long the smallest is best, which keeps their union small.
    /// Three Chinese characters first; two when that union is too large.
    private static let longEnough = [9, 6]

    /// The best windows of the runs with and without each optional part, together; nil when
    /// there are none or too many optional parts, or the union is too large.
    private func spelledOut(_ pieces: [Pieces]) -> Set<String>? {
      let optional = parts.indices.filter { parts[$0].contains("") }
      guard (1...Self.optionalLimit).contains(optional.count) else { return nil }
      let presentForms = optional.map { Pieces(parts[$0].subtracting([""])) }
      let branches = (0..<(1 << optional.count)).map { present in
        pieces.indices.compactMap { index -> Pieces? in
          guard let bit = optional.firstIndex(of: index) else { return pieces[index] }
          return present & (1 << bit) != 0 ? presentForms[bit] : nil
        }
      }
      search: for longEnough in Self.longEnough {
        var union: Set<String> = []
        for branch in branches {
          guard
            let (best, _) = Self.bestWindow(in: branch.indices, of: branch, longEnough: longEnough)
          else { return nil }
          union.formUnion(best)
          guard union.count <= RegexLiterals.exactLimit else { continue search }
        }
        return union
      }
      return nil
    }

    /// A part's language, whole and cut to one character per string, for windows to use.
    private struct Pieces {
      let whole: Piece
      /// The last character of each string, for the first part of a window.
      let tails: Piece
      /// The first character of each string, for the last part of a window.
      let heads: Piece

      init(_ strings: Set<String>) {
        whole = Piece(strings)
        tails = Piece(strings.map { $0.unicodeScalars.last.map(String.init) ?? "" })
        heads = Piece(strings.map { $0.unicodeScalars.first.map(String.init) ?? "" })
      }
    }

    /// Strings, and the length in bytes of the shortest.
    private struct Piece {
      let strings: Set<String>
      let shortest: Int

      init(_ strings: some Sequence<String>) {
        self.strings = Set(strings)
        shortest = RegexLiterals.shortest(self.strings)
      }
    }

    /// A window of parts, `first...last`, maybe cut at its ends, with the size of its product
    /// and its shortest literal.
    private struct Window {
      let first: Int
      let last: Int
      let cutFirst: Bool
      let cutLast: Bool
      var shortest = 0
      var count = 1

      /// Ranks as ``Info/better(_:_:)`` does, counting at most `longEnough` bytes of the
      /// shortest literal.
      func isBetter(than other: Window, longEnough: Int) -> Bool {
        let length = min(shortest, longEnough)
        let otherLength = min(other.shortest, longEnough)
        return length != otherLength ? length > otherLength : count < other.count
      }

      func piece(_ index: Int, of pieces: [Pieces]) -> Piece {
        if index == first && cutFirst { return pieces[index].tails }
        if index == last && cutLast { return pieces[index].heads }
        return pieces[index].whole
      }
    }

    /// The best window of `pieces` in `range` of at most ``RegexLiterals/exactLimit`` safe
    /// literals, none empty; on a tie, the uncut and leftmost.
    private static func bestWindow(
      in range: Range<Int>, of pieces: [Pieces], longEnough: Int = .max
    ) -> (Set<String>, Range<Int>)? {
      // Sized and ranked without being built.
      var windows: [Window] = []
      for first in range {
        for last in first..<range.upperBound {
          for (cutFirst, cutLast) in first == last ? [(false, false)] : cuts {
            var window = Window(first: first, last: last, cutFirst: cutFirst, cutLast: cutLast)
            for index in first...last {
              let piece = window.piece(index, of: pieces)
              window.shortest += piece.shortest
              window.count *= piece.strings.count
              if window.count > RegexLiterals.exactLimit { break }
            }
            if window.count <= RegexLiterals.exactLimit, window.shortest > 0 {
              windows.append(window)
            }
          }
        }
      }
      // The best safe one: a window with an unsafe literal (one ASCII letter) is passed over.
      while let best = windows.indices.min(by: {
        windows[$0].isBetter(than: windows[$1], longEnough: longEnough)
          || (!windows[$1].isBetter(than: windows[$0], longEnough: longEnough) && $0 < $1)
      }) {
        let window = windows.remove(at: best)
        var product: Set<String> = [""]
        for index in window.first...window.last {
          let strings = window.piece(index, of: pieces).strings
          product = Set(product.flatMap { left in strings.map { left + $0 } })
        }
        if product.allSatisfy(RegexLiterals.isSafe) {
          return (product, window.first..<window.last + 1)
        }
      }
      return nil
    }

    private static let cuts = [(false, false), (true, false), (false, true), (true, true)]
  }
}
