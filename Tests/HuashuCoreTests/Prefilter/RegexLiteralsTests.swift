import Testing

@testable import HuashuCore

struct RegexLiteralsTests {
  @Test(arguments: [
    ("[少漏]发(了)?", RegexLiterals.exact(["少发", "少发了", "漏发", "漏发了"])),
    ("(不|没|还没)(发货|到货)", .exact(["不到货", "不发货", "没到货", "没发货", "还没到货", "还没发货"])),
    ("少发", .exact(["少发"])),
    // Each part of a sequence requires its own set: the best triggers, the others also gate.
    ("(能|可以).{0,4}(便宜|优惠)", .required(["优惠", "便宜"], also: [["可以", "能"]])),
    (
      "(赠品|配件).{0,8}(没|没有)(收到|看到)",
      .required(["没收到", "没有收到", "没有看到", "没看到"], also: [["赠品", "配件"]])
    ),
    ("(能|可以)?.{0,4}(便宜|优惠)", .required(["优惠", "便宜"])),  // an optional part: no set
    ("(?<!订)单号", .required(["单号"])),
    ("^(在吗|你好)$", .required(["你好", "在吗"])),
    ("[0-9０-９]+(元|块)", .required(["元", "块"])),  // one character only when nothing longer
    ("[0-9]+(元|块钱)", .required(["元", "块钱"])),
    ("(能|可以|再).{0,4}(便宜|少\\d)", .required(["便宜", "少"], also: [["再", "可以", "能"]])),
    ("[0-9]+(x|y)", .always),  // never one ASCII letter or digit
    ("\\d+块钱", .required(["块钱"])),
    ("(发货|到货)+", .required(["到货", "发货"])),
    ("(快点)?发", .exact(["发", "快点发"])),
    ("!{3,}", .required(["!!!"])),
    ("[!?]{2,}", .required(["!!", "!?", "?!", "??"])),
    ("\\?!|!\\?", .exact(["!?", "?!"])),
    ("(发货)+", .required(["发货"])),
    ("a{2,}", .required(["aa"])),
    (".*", .always),
    ("(?i)cod", .always),
    ("cod", .exact(["cod"])),
    // s and k: caseless matching equates them with long s and the Kelvin sign, which the
    // normalizer folds, so they are as safe as any ASCII letter.
    ("sos", .exact(["sos"])),
    ("(可以|能)(刷卡|pos)", .exact(["可以pos", "可以刷卡", "能pos", "能刷卡"])),
    ("\\[数字x\\]元", .exact(["[数字x]元"])),
  ])
  func analyses(_ pattern: String, expected: RegexLiterals) {
    #expect(RegexLiterals.analyze(pattern) == expected)
  }
}

struct LiteralAutomatonTests {
  @Test func findsEveryOccurrenceWithItsEnd() {
    let literals = ["发货", "货", "发货了", "不发货", "ab", "b"].map { Array($0.utf8) }
    let automaton = LiteralAutomaton(literals: literals)
    let text = Array("不发货了ab".utf8)
    var found: [String] = []
    text.withUnsafeBufferPointer { bytes in
      automaton.forEachMatch(in: bytes) { literal, end in found.append("\(literal)@\(end)") }
    }
    // 不发货: 3 characters = 9 bytes; 了 ends at 12; a b at 13, 14.
    #expect(Set(found) == ["0@9", "1@9", "3@9", "2@12", "4@14", "5@14"])
  }

  /// The dense table and the sparse steps find the same occurrences (generated literals and
  /// texts of e-commerce words, so literals overlap as rule keywords do).
  @Test func denseAndSparseStepsAgree() {
    var random = SyntheticWorkload.Generator(seed: 5)
    let literals = (0..<300).map { _ in
      Array(
        (SyntheticWorkload.word(using: &random)
          + (Bool.random(using: &random) ? SyntheticWorkload.word(using: &random) : "")).utf8)
    }
    let dense = LiteralAutomaton(literals: literals)
    let sparse = LiteralAutomaton(literals: literals, denseLimit: 0)
    for text in SyntheticWorkload.messages(count: 300, seed: 9) {
      var found: [[Int]] = [[], []]
      Array(text.utf8).withUnsafeBufferPointer { bytes in
        dense.forEachMatch(in: bytes) { found[0].append($0 << 16 | $1) }
        sparse.forEachMatch(in: bytes) { found[1].append($0 << 16 | $1) }
      }
      #expect(found[0] == found[1], "\(text)")
    }
  }

  @Test func emptyTextAndNoLiterals() {
    let automaton = LiteralAutomaton(literals: [])
    var count = 0
    Array("你好".utf8).withUnsafeBufferPointer { bytes in
      automaton.forEachMatch(in: bytes) { _, _ in count += 1 }
    }
    #expect(count == 0)
  }
}
