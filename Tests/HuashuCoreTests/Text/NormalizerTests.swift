import Foundation
import Testing

@testable import HuashuCore

struct NormalizerTests {
  @Test(arguments: [
    ("ＣＯＤ", "cod"),  // full-width Latin, then lower case
    ("退款！！", "退款!!"),
    ("在吗？", "在吗?"),
    ("１２３元", "123元"),
    ("Ｈｅｌｌｏ", "hello"),
    ("COD", "cod"),
    ("貨到付款可以嗎", "货到付款可以吗"),  // traditional → simplified
    ("發錯了", "发错了"),
    ("少發了", "少发了"),
    ("⼯作", "工作"),  // Kangxi radical U+2F2F → 工
    ("  在吗  ", "在吗"),  // trimmed
    ("a \t\n b", "a b"),  // runs of white space fold
    ("在\u{3000}吗", "在 吗"),  // ideographic space
    ("在\u{200B}吗", "在吗"),  // zero-width space dropped
    ("\u{FEFF}你好", "你好"),  // byte-order mark dropped
    ("好的。谢谢、再见", "好的。谢谢、再见"),  // Chinese punctuation kept
    ("收到了😊👍", "收到了😊👍"),  // emoji kept
    ("", ""),
    ("   ", ""),
  ])
  func normalizes(_ input: String, expected: String) {
    #expect(Normalizer.standard.normalize(input) == expected)
  }

  @Test func truncatesOnAScalarBoundaryWithinTheLimit() {
    let message = String(repeating: "便宜", count: 100)  // 600 bytes
    for limit in [0, 1, 2, 3, 4, 5, 299, 300, 301] {
      let normalized = Normalizer.standard.normalizedText(message, utf8Limit: limit)
      #expect(normalized.isTruncated)
      #expect(normalized.utf8.count <= limit)
      #expect(normalized.utf8.count % 3 == 0)  // whole characters only
      #expect(String(validating: normalized.utf8, as: UTF8.self) != nil)
    }
    #expect(!Normalizer.standard.normalizedText(message, utf8Limit: 600).isTruncated)
  }

  @Test func mapsSpansBackToTheOriginalText() {
    let normalized = Normalizer.standard.normalizedText("你们少發了一件！！！")
    let text = normalized.text
    #expect(text == "你们少发了一件!!!")
    func original(of needle: String) -> Substring? {
      guard let range = text.range(of: needle) else { return nil }
      let bytes =
        text.utf8.distance(
          from: text.startIndex, to: range.lowerBound)..<text.utf8.distance(
          from: text.startIndex, to: range.upperBound)
      return normalized.original[normalized.originalRange(ofUTF8: bytes)]
    }
    #expect(original(of: "少发") == "少發")
    #expect(original(of: "!!!") == "！！！")
    #expect(original(of: "你们") == "你们")
  }

  @Test func mapsSpansAfterFoldedSpaces() {
    let normalized = Normalizer.standard.normalizedText("  老板   ＣＯＤ 可以吗")
    #expect(normalized.text == "老板 cod 可以吗")
    let start = "老板 ".utf8.count
    let range = normalized.originalRange(ofUTF8: start..<(start + 3))
    #expect(normalized.original[range] == "ＣＯＤ")
  }

  @Test func countsScalarsNotBytes() {
    let normalized = Normalizer.standard.normalizedText("少发ab")
    #expect(normalized.scalarCount(ofUTF8: 0..<normalized.utf8.count) == 4)
  }

  @Test func patternsKeepTheirSyntaxAndGetSimplifiedCharacters() {
    let normalizer = Normalizer.standard
    #expect(normalizer.normalizePattern("(發|寄)錯") == "(发|寄)错")
    #expect(normalizer.normalizePattern("（\\S[A-Z]）") == "（\\S[A-Z]）")
    #expect(normalizer.normalizePattern("[０-９]") == "[０-９]")
  }

  @Test func aMessageThatFitsIsNotTruncatedAndAFoldedSpaceCounts() {
    let normalizer = Normalizer.standard
    #expect(!normalizer.normalizedText("便宜", utf8Limit: 6).isTruncated)
    // Trailing space is dropped, so it does not count.
    #expect(!normalizer.normalizedText("便宜   ", utf8Limit: 6).isTruncated)
    for limit in [6, 7, 9] {
      let spaced = normalizer.normalizedText("便宜 好", utf8Limit: limit)
      #expect(spaced.isTruncated)
      #expect(spaced.text == "便宜")  // no dangling space
    }
    #expect(normalizer.normalizedText("便宜 好", utf8Limit: 10).text == "便宜 好")
  }

  @Test func spansSkipLeadingSpaceAndIncludeDroppedCharactersInside() {
    let normalized = Normalizer.standard.normalizedText("  少\u{200B}發了👍")
    #expect(normalized.text == "少发了👍")
    #expect(normalized.original[normalized.originalRange(ofUTF8: 0..<6)] == "少\u{200B}發")
    #expect(normalized.original[normalized.originalRange(ofUTF8: 6..<9)] == "了")
    #expect(normalized.original[normalized.originalRange(ofUTF8: 9..<13)] == "👍")
    #expect(normalized.original[normalized.originalRange(ofUTF8: 3..<3)].isEmpty)
    #expect(Normalizer.standard.normalizedText("").originalRange(ofUTF8: 0..<0).isEmpty)
  }

  @Test(arguments: [
    ("[發錯]", "[发错]"),  // inside a character class
    ("ＣＯＤ|貨到", "ＣＯＤ|货到"),  // full-width letters are syntax-neutral but kept
    ("\\S+(?i)[A-Z]", "\\S+(?i)[A-Z]"),
    ("⼯作", "工作"),
  ])
  func normalizesOnlyTheChineseOfAPattern(_ pattern: String, expected: String) {
    #expect(Normalizer.standard.normalizePattern(pattern) == expected)
  }
}
