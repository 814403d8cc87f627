import Testing

@testable import HuashuCore

struct CompiledRegexTests {
  @Test func compileErrorCarriesPCRE2CodeMessageAndOffset() {
    #expect {
      _ = try CompiledRegex("(能|可以")
    } throws: { error in
      guard let error = error as? PatternError else { return false }
      return error.message.contains("missing closing parenthesis") && error.code != 0
        && error.utf8Offset == "(能|可以".utf8.count && error.characterOffset == 5
    }
  }

  @Test func offsetsInsideChineseCountBytesAndCharactersApart() throws {
    do {
      _ = try CompiledRegex("退(款|钱)[")
      Issue.record("expected a pattern error")
    } catch {
      #expect(error.message.contains("missing terminating ]"))
      #expect(error.utf8Offset == "退(款|钱)[".utf8.count)
      #expect(error.characterOffset == 7)
      #expect(error.description.contains("at pattern offset 13 (character 7)"))
    }
  }

  @Test func characterOffsetOfAByteInsideACharacterMovesToItsStart() {
    let error = PatternError(pattern: "退款", code: 0, message: "", utf8Offset: 4)
    #expect(error.characterOffset == 1)
  }

  @Test func matchesChineseAndReturnsTheStringRange() throws {
    let regex = try CompiledRegex("(能|可以).{0,4}便宜")
    var scratch = MatchScratch()
    let text = "老板能便宜点吗"
    let range = try #require(try regex.firstMatch(in: text, using: &scratch))
    #expect(text[range] == "能便宜")
    #expect(try regex.firstMatch(in: "质量怎么样", using: &scratch) == nil)
  }

  @Test func usesTheJIT() throws {
    #expect(try CompiledRegex("少发|漏发").isJITCompiled)
  }

  @Test func caseInsensitiveOption() throws {
    var scratch = MatchScratch()
    #expect(
      try CompiledRegex("cod", options: [.caseInsensitive]).matches("COD可以吗", using: &scratch))
    #expect(try !CompiledRegex("cod").matches("COD可以吗", using: &scratch))
  }

  @Test func matchLimitStopsACatastrophicPattern() throws {
    let regex = try CompiledRegex("(a+)+$")
    var scratch = MatchScratch(limits: MatchLimits(matchLimit: 1000, depthLimit: 100))
    #expect {
      _ = try regex.firstMatch(in: String(repeating: "a", count: 40) + "b", using: &scratch)
    } throws: { error in
      (error as? MatchError)?.isLimitExceeded == true
    }
  }

  @Test func oneScratchServesManyPatterns() throws {
    var scratch = MatchScratch()
    let patterns = try ["少发", "漏(发|寄)", "(\\d+)元", "^在吗$", "发错.{0,3}颜色"].map {
      try CompiledRegex($0)
    }
    let text = "少发了一件，30元的漏寄了"
    let found = try patterns.map {
      try $0.firstMatch(in: text, using: &scratch).map { String(text[$0]) }
    }
    #expect(found == ["少发", "漏寄", "30元", nil, nil])
  }

  @Test func sharedAcrossConcurrentTasksGivesTheSameAnswers() async throws {
    let regex = try CompiledRegex("(能|可以|再).{0,4}(便宜|优惠)")
    let messages = ["老板能便宜点吗", "可以优惠吗", "质量好吗", "再便宜一点", "发货了吗"]
    let expected = [true, true, false, true, false]
    try await withThrowingTaskGroup(of: [Bool].self) { group in
      for _ in 0..<8 {
        group.addTask {
          var scratch = MatchScratch()
          var answers: [Bool] = []
          for _ in 0..<200 {
            answers = try messages.map { try regex.matches($0, using: &scratch) }
          }
          return answers
        }
      }
      for try await answers in group { #expect(answers == expected) }
    }
  }

  @Test(arguments: [
    ("(能|可以", Int32(114), 11, 5),  // missing closing parenthesis, at the end
    ("退(款|钱)[", 106, 13, 7),  // missing terminating ], at the end
    ("退款)了吗", 122, 6, 2),  // unmatched closing parenthesis, between Chinese characters
  ])
  func compileErrorCodesAndOffsets(
    _ pattern: String, code: Int32, utf8Offset: Int, characterOffset: Int
  ) {
    do {
      _ = try CompiledRegex(pattern)
      Issue.record("\(pattern) compiled")
    } catch {
      #expect(error.code == code)
      #expect(error.pattern == pattern)
      #expect(error.utf8Offset == utf8Offset)
      #expect(error.characterOffset == characterOffset)
    }
  }

  @Test func characterOffsetInsideACombinedCharacterMovesToItsStart() {
    // "é" written as e + U+0301 is one Character of two scalars (3 bytes).
    let error = PatternError(pattern: "退e\u{301}[", code: 0, message: "", utf8Offset: 4)
    #expect(error.characterOffset == 1)
    #expect(PatternError(pattern: "退", code: 0, message: "", utf8Offset: 99).characterOffset == 1)
  }

  @Test func dotMatchesNewlinesOption() throws {
    var scratch = MatchScratch()
    #expect(try !CompiledRegex("能.便宜").matches("能\n便宜", using: &scratch))
    #expect(
      try CompiledRegex("能.便宜", options: [.dotMatchesNewlines]).matches("能\n便宜", using: &scratch))
  }

  @Test func unicodePropertiesApplyToChineseAndFullWidthDigits() throws {
    var scratch = MatchScratch()
    let text = "一共１２元"
    let range = try #require(try CompiledRegex("\\d+元").firstMatch(in: text, using: &scratch))
    #expect(text[range] == "１２元")
    let word = try #require(try CompiledRegex("\\w+").firstMatch(in: "，退款！", using: &scratch))
    #expect("，退款！"[word] == "退款")
  }

  @Test func emptySubject() throws {
    var scratch = MatchScratch()
    #expect(try CompiledRegex("少发").firstMatch(in: "", using: &scratch) == nil)
    let empty = try #require(try CompiledRegex("^$").firstMatch(in: "", using: &scratch))
    #expect(empty.isEmpty)
  }
}
