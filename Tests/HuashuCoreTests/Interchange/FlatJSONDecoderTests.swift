import Foundation
import Testing

@testable import HuashuCore

struct FlatJSONDecoderTests {
  struct Line: Decodable, Equatable {
    var text: String
    var count: Int?
    var ratio: Double?
    var flag: Bool?
    var note: String?
  }

  @Test func decodesFlatObjectsLikeFoundation() throws {
    let lines = [
      #"{"text":"你们少发了一件！！","count":3,"ratio":-0.5e1,"flag":true,"note":null}"#,
      #" { "text" : "引号\"反斜杠\\换行\n制表\t斜杠\/" , "count" : 0 } "#,
      #"{"text":"\u8d27\u5230\u4ed8\u6b3e\ud83d\ude0a","flag":false}"#,
      #"{"text":"前者为准","text":"b"}"#,
    ]
    for line in lines {
      let fast = try FlatJSONDecoder().decode(Line.self, from: line)
      let foundation = try JSONDecoder().decode(Line.self, from: Data(line.utf8))
      #expect(fast == foundation, "\(line)")
    }
  }

  @Test func leavesEverythingElseToFoundation() throws {
    for line in [
      #"{"text":"a","nested":{"b":1}}"#, #"{"text":["a"]}"#, #"{"text":"a""#,
      #"{"text":"a"} x"#, "[1]", #"{"text":"\ud83d"}"#, #"{"text":"a","n":0x10}"#,
      #"{"text":"a","n":1.}"#, "{\"text\":\"tab\there\"}",
    ] {
      #expect(try FlatJSONDecoder().decode(Line.self, from: line) == nil, "\(line)")
    }
  }

  @Test func reportsTheTypesOwnErrors() {
    #expect(throws: DecodingError.self) {
      try FlatJSONDecoder().decode(Line.self, from: #"{"count":1}"#)
    }
    #expect(throws: DecodingError.self) {
      try FlatJSONDecoder().decode(Line.self, from: #"{"text":7}"#)
    }
  }

  @Test func suggestRequestsKeepEveryScalarFieldAsAVariable() throws {
    let request = try #require(
      try FlatJSONDecoder().decode(
        SuggestRequest.self,
        from: #"{"chat":"c1","text":"到四川运费多少","region":"四川","order_id":12345,"vip":true}"#))
    #expect(request.chat == "c1")
    #expect(request.text == "到四川运费多少")
    #expect(request.fields == ["region": "四川", "order_id": "12345", "vip": "true"])
  }
}
