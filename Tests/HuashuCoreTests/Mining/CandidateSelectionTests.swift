import Testing

@testable import HuashuCore

struct CandidateSelectionTests {
  static func tally(
    _ text: String, support: Int, matches: Int, alphabet: inout NGramAlphabet
  ) -> CandidateSelection.Tally {
    let units = alphabet.units(of: text)
    return CandidateSelection.Tally(
      key: NGramKey(units), units: units[...], support: support, matches: matches)
  }

  @Test func dropsALongerNGramOnlyWhenAShorterOneInsideHasTheSameSupportAndMatches() {
    var alphabet = NGramAlphabet()
    let tallies = [
      Self.tally("到货", support: 2, matches: 2, alphabet: &alphabet),
      Self.tally("什么到货", support: 2, matches: 2, alphabet: &alphabet),  // contains 到货: dropped
      Self.tally("发货", support: 2, matches: 3, alphabet: &alphabet),
      Self.tally("发货了", support: 2, matches: 2, alphabet: &alphabet),  // fewer matches: kept
      Self.tally("包邮", support: 3, matches: 4, alphabet: &alphabet),
      Self.tally("包邮吗", support: 2, matches: 4, alphabet: &alphabet),  // less support: kept
      Self.tally("hdmi线", support: 2, matches: 2, alphabet: &alphabet),
      Self.tally("hd", support: 2, matches: 2, alphabet: &alphabet),  // inside a word: no match
    ]
    let kept = CandidateSelection.pruned(tallies, alphabet: alphabet).map {
      alphabet.text(of: $0.units)
    }
    #expect(kept == ["到货", "发货", "发货了", "包邮", "包邮吗", "hdmi线", "hd"])
  }

  @Test func ranksOnExactRatios() {
    // 3 × 4/6 and 2 × 2/2 are both exactly 2: precision decides.
    #expect(
      CandidateSelection.ranksBefore(
        (support: 2, inIntent: 2, matches: 2, length: 3, text: "包邮吗"),
        (support: 3, inIntent: 4, matches: 6, length: 2, text: "少点")))
    // Same score and precision: shorter first, then text.
    #expect(
      CandidateSelection.ranksBefore(
        (support: 2, inIntent: 2, matches: 2, length: 2, text: "邮吗"),
        (support: 2, inIntent: 2, matches: 2, length: 3, text: "包邮吗")))
    #expect(
      CandidateSelection.ranksBefore(
        (support: 2, inIntent: 2, matches: 3, length: 2, text: "包邮"),
        (support: 2, inIntent: 2, matches: 3, length: 2, text: "邮吗")))
    #expect(
      !CandidateSelection.ranksBefore(
        (support: 2, inIntent: 2, matches: 3, length: 2, text: "邮吗"),
        (support: 2, inIntent: 2, matches: 3, length: 2, text: "包邮")))
  }
}
