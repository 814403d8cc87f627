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

  /// A hand-written conformance using nested containers, written as it goes.
  struct Nested: Encodable {
    enum Keys: String, CodingKey { case a, b, c, d }
    struct Empty: Encodable { func encode(to encoder: any Encoder) throws {} }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: Keys.self)
      var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .a)
      try inner.encode("一", forKey: .b)
      var list = container.nestedUnkeyedContainer(forKey: .b)
      try list.encode(1)
      var deeper = list.nestedContainer(keyedBy: Keys.self)
      try deeper.encode(true, forKey: .c)
      try list.encode("二")
      try container.encode(Empty(), forKey: .c)
      try container.encodeNil(forKey: .d)
    }
  }

  @Test func nestedContainersCloseWhenTheirParentMovesOn() throws {
    let text = try CompactJSONEncoder().encode(Nested())
    #expect(text == #"{"a":{"b":"一"},"b":[1,{"c":true},"二"],"c":{},"d":null}"#)
    let foundation =
      try JSONSerialization.jsonObject(
        with: JSONEncoder().encode(Nested())) as? NSDictionary
    let ours = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
    #expect(ours == foundation)
  }
}
