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
    // Too many strings to multiply out: where the parts meet is still rarer than either.
    (
      "(想|要|我要|就|直接|给我|帮我|再|单|来)(退|退掉|退了|退货|退款|换|换货)",
      .required([
        "再换", "再退", "单换", "单退", "就换", "就退", "想换", "想退", "我换", "我退", "接换", "接退",
        "来换", "来退", "要换", "要退",
      ])
    ),
    (
      // Optional parts spelled out: 钱退, 钱才退, 钱多久退 and 钱多久才退 each hold one.
      "(钱|款|货款)(什么时候|啥时候|多久|怎么|还没|没有|没|能|会)?(才|能|会)?(退|返还|回来|到账)",
      .required(
        [
          "会到账", "会回来", "会返还", "会退", "才到账", "才回来", "才返还", "才退", "款什", "款会", "款到账",
          "款啥", "款回来", "款多", "款怎", "款才", "款没", "款能", "款返还", "款还", "款退", "能到账",
          "能回来", "能返还", "能退", "钱什", "钱会", "钱到账", "钱啥", "钱回来", "钱多", "钱怎", "钱才",
          "钱没", "钱能", "钱返还", "钱还", "钱退",
        ], also: [["款", "货款", "钱"], ["到账", "回来", "返还", "退"]])
    ),
  ])
  func analyses(_ pattern: String, expected: RegexLiterals) {
    #expect(RegexLiterals.analyze(pattern) == expected)
  }

  /// Every match holds a literal of each set the analysis asks for: random runs of 2 to 5
  /// alternations (some optional) of e-commerce words, most too large to multiply out, each
  /// matched by strings drawn from its language.
  @Test func everyMatchHoldsALiteralOfEachSet() {
    var random = SyntheticWorkload.Generator(seed: 7)
    let words = SyntheticWorkload.words + SyntheticWorkload.fillers
    var gated = 0
    for _ in 0..<300 {
      let parts = (0..<Int.random(in: 2...5, using: &random)).map { _ in
        (
          words: Array(
            words.shuffled(using: &random).prefix(Int.random(in: 2...12, using: &random))),
          isOptional: Int.random(in: 0..<3, using: &random) == 0
        )
      }
      let pattern = parts.map {
        "(" + $0.words.joined(separator: "|") + ")" + ($0.isOptional ? "?" : "")
      }.joined()
      let sets: [[String]]
      switch RegexLiterals.analyze(pattern) {
      case .exact(let language): sets = [language]
      case .required(let literals, let also):
        sets = [literals] + also
        gated += 1
      case .always: continue
      }
      for _ in 0..<20 {
        let match = parts.map { part in
          part.isOptional && Bool.random(using: &random)
            ? "" : part.words.randomElement(using: &random)!
        }.joined()
        for set in sets {
          #expect(set.contains { match.contains($0) }, "\(pattern): \(match) holds none of \(set)")
        }
      }
    }
    #expect(gated > 100)
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
