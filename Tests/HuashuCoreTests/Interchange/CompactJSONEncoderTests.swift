import Foundation
import Testing

@testable import HuashuCore

struct CompactJSONEncoderTests {
  struct Sample: Codable, Equatable {
    struct Inner: Codable, Equatable {
      var name: String
      var scores: [Double]
    }
    var text: String
    var count: Int
    var ratio: Double
    var flag: Bool
    var missing: String?
    var present: String?
    var inner: Inner
    var list: [Inner]
    var tags: [String: Int]
  }

  static let sample = Sample(
    text: "你们少发了一件！！！\"引号\" \\ 换行\n制表\t\u{1}😊", count: -3, ratio: 0.96,
    flag: true, missing: nil, present: "在吗", inner: .init(name: "a/b", scores: [1, 0.5, 1e-7]),
    list: [.init(name: "x", scores: [])], tags: ["k": 1])

  @Test func roundTripsThroughFoundationsDecoder() throws {
    let text = try CompactJSONEncoder().encode(Self.sample)
    let decoded = try JSONDecoder().decode(Sample.self, from: Data(text.utf8))
    #expect(decoded == Self.sample)
  }

  @Test func writesChineseAsUTF8AndEscapesOnlyWhatJSONRequires() throws {
    let text = try CompactJSONEncoder().encode(Self.sample)
    #expect(text.contains("你们少发了一件！！！\\\"引号\\\" \\\\ 换行\\n制表\\t\\u0001😊"))
    #expect(text.contains("\"name\":\"a/b\""))
    #expect(!text.contains("\n"))
    #expect(!text.contains("missing"))
  }

  @Test func keysInDeclarationOrderAndWholeNumbersWithoutFraction() throws {
    let text = try CompactJSONEncoder().encode(Self.sample)
    #expect(text.hasPrefix(#"{"text":"#))
    #expect(text.contains(#""count":-3,"ratio":0.96,"flag":true,"present":"在吗""#))
    #expect(text.contains(#""scores":[1,0.5,1e-07]"#))
  }

  @Test func nonFiniteNumbersAreAnError() {
    #expect(throws: EncodingError.self) { try CompactJSONEncoder().encode([Double.nan]) }
  }
}
