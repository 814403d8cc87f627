extension Linter {
  /// Short texts tried on every pattern PCRE2 says might match an empty string: one of each kind
  /// of character messages hold, since an assertion such as `\b` needs a character beside it.
  static let emptyMatchProbes = ["", "a", "1", " ", "!", "好", "a b", "好的!"]

  /// Patterns that match an empty string, such as `''`, `x*`, `(a|)`, `\b` or a lookahead alone.
  ///
  /// The rule then fires on every message (or nearly every one), whatever it looks for.
  ///
  /// PCRE2 works out when compiling whether a pattern might match an empty string
  /// (`PCRE2_INFO_MATCHEMPTY`); that is only "might" (an assertion such as `(?=.{1,40}$)` can
  /// still rule it out), so it is confirmed by an empty match on one of ``emptyMatchProbes`` or
  /// on the rule's examples, before it is reported as an error.
  func emptyMatchingPatterns() -> [Diagnostic] {
    var scratch = MatchScratch()
    var findings: [Diagnostic] = []
    for rule in ruleSet.allRules {
      for pattern in rule.patterns where pattern.regex.mightMatchEmpty {
        let examples = (rule.examples.match + rule.examples.noMatch).map {
          Normalizer.standard.normalize($0.text)
        }
        let witness = (Self.emptyMatchProbes + examples).first { probe in
          // A pattern that gives up on a probe proves nothing either way.
          let found = try? pattern.regex.firstMatch(in: probe, using: &scratch)
          return found?.isEmpty == true
        }
        guard let witness else { continue }
        let what =
          if witness.isEmpty {
            "matches the empty string, so the rule fires on every message"
          } else if Self.emptyMatchProbes.contains(witness) {
            "matches an empty string (in '\(witness)'), so the rule fires on nearly every message"
          } else {
            "matches an empty string (in example '\(witness)'): its match holds none of the text "
              + "it looks for"
          }
        findings.append(
          Diagnostic(
            .error, .invalidPattern, at: pattern.location,
            "regex '\(pattern.source)' of rule '\(rule.id)' \(what)",
            hint: "make every match take at least one character: no `?` or `*` over the whole "
              + "pattern, no empty alternative such as (a|), no assertion (\\b, ^, $, a "
              + "lookaround) alone"))
      }
    }
    return findings
  }
}
