import Foundation
import Testing

@testable import HuashuCore

/// The fast path for `huashu suggest` lines reads what Foundation's `JSONDecoder` reads.
struct FlatJSONDecoderTests {
  static func fast(_ line: String) -> SuggestRequest? {
    SuggestRequest(flatJSON: Array(line.utf8))
  }

  @Test func readsFlatObjectsLikeFoundation() throws {
    let lines = [
      #"{"text":"你们少发了一件！！","count":3,"ratio":-0.5e1,"flag":true,"note":null}"#,
      #" { "text" : "引号\"反斜杠\\换行\n制表\t斜杠\/" , "count" : 0 } "#,
      #"{"text":"\u8d27\u5230\u4ed8\u6b3e\ud83d\ude0a","flag":false}"#,
      #"{"text":"前者为准","text":"b","chat":"c1","chat":"c2","region":"四川","region":"x"}"#,
      #"{"chat":"c9","accepted":"bargain.firm-price"}"#,
      #"{"chat":12,"text":"数字的会话","big":12345678901234567890,"half":0.5,"two":2.0}"#,
      #"{"text":"a","exp":1e3,"negative":-7,"tiny":1e-7,"huge":1e300}"#,
      #"{}"#,
    ]
    for line in lines {
      let fast = try #require(Self.fast(line), "\(line)")
      let foundation = try JSONDecoder().decode(SuggestRequest.self, from: Data(line.utf8))
      #expect(fast == foundation, "\(line)")
    }
  }

  @Test func leavesEverythingElseToFoundation() throws {
    for line in [
      #"{"text":"a","nested":{"b":1}}"#, #"{"text":["a"]}"#, #"{"text":"a""#,
      #"{"text":"a"} x"#, "[1]", #"{"text":"\ud83d"}"#, #"{"text":"a","n":0x10}"#,
      #"{"text":"a","n":1.}"#, "{\"text\":\"tab\there\"}",
    ] {
      #expect(Self.fast(line) == nil, "\(line)")
    }
  }

  @Test func rejectsInvalidUTF8InAString() {
    let bytes = Array(#"{"text":""#.utf8) + [0xE4, 0xBD] + Array(#""}"#.utf8)
    #expect(SuggestRequest(flatJSON: bytes) == nil)
  }

  @Test func suggestRequestsKeepEveryScalarFieldAsAVariable() throws {
    let request = try #require(
      Self.fast(#"{"chat":"c1","text":"到四川运费多少","region":"四川","order_id":12345,"vip":true}"#))
    #expect(request.chat == "c1")
    #expect(request.text == "到四川运费多少")
    #expect(request.fields == ["region": "四川", "order_id": "12345", "vip": "true"])
  }
}
