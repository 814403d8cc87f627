import Foundation
import Testing

@testable import HuashuCore

/// The records `huashu suggest` writes with ``JSONBuilder``.
///
/// `SuggestionRecord.write(to:)` is the record's only writer: these tests read what it writes
/// back with Foundation.
struct JSONBuilderTests {
  static let texts = [
    "", "亲，这款已经是活动价了~", "引号\"反斜杠\\换行\n回车\r制表\t控制\u{1}\u{1F}", "😊 emoji",
    "【buyer】", "a/b", "繁體 ＡＢＣ１２３",
  ]
  static let numbers: [Double] = [0, 1, 0.8, 0.99, 0.333, 1.234, 12_345.678, -2, 1e-7, 0.001, 1e16]

  /// A record with every field chosen by `random`: present or absent, tricky text, numbers of
  /// every shape.
  static func record(_ random: inout SyntheticWorkload.Generator) -> SuggestionRecord {
    func text() -> String { texts[Int.random(in: 0..<texts.count, using: &random)] }
    func number() -> Double { numbers[Int.random(in: 0..<numbers.count, using: &random)] }
    func maybe<T>(_ value: T) -> T? { Bool.random(using: &random) ? value : nil }
    var record = SuggestionRecord(line: Int.random(in: 1...100_000, using: &random), error: text())
    record.error = maybe(text())
    record.chat = maybe(text())
    record.intent = maybe(text())
    record.label = maybe(text())
    record.emotion = maybe(text())
    record.confidence = maybe(number())
    record.suggestions = maybe(
      (0..<Int.random(in: 0...3, using: &random)).map { _ in
        SuggestionRecord.Reply(
          id: text(), text: text(), score: number(),
          source: text(), group: text(), code: maybe(text()),
          missingVariables: (0..<Int.random(in: 0...2, using: &random)).map { _ in text() },
          images: (0..<Int.random(in: 0...2, using: &random)).map { _ in text() }, why: text())
      })
    record.noSuggestionReason = maybe(text())
    record.handoff = maybe(true)
    record.handoffReason = maybe(text())
    record.chatState = maybe(
      SuggestionRecord.ChatStateRecord(
        turn: Int.random(in: 0...50, using: &random), deescalationStep: maybe(2),
        deescalation: maybe(text()), bargainingRound: Int.random(in: 0...4, using: &random),
        codPending: Bool.random(using: &random), topic: maybe(text())))
    record.truncated = maybe(true)
    record.accepted = maybe(text())
    record.acceptedCount = maybe(Int.random(in: -5...5, using: &random))
    return record
  }

  /// Foundation reads every field back as it was, and no other field.
  @Test func everyFieldReadsBackAsWritten() throws {
    var random = SyntheticWorkload.Generator(seed: 7)
    for _ in 0..<500 {
      let record = Self.record(&random)
      var json = JSONBuilder()
      record.write(to: &json)
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
      #expect(NSDictionary(dictionary: object) == NSDictionary(dictionary: Self.fields(record)))
    }
  }

  /// The record's fields as Foundation reads them, absent optionals left out.
  static func fields(_ record: SuggestionRecord) -> [String: Any] {
    var fields: [String: Any] = ["line": record.line]
    func put(_ key: String, _ value: Any?) { if let value { fields[key] = value } }
    put("chat", record.chat)
    put("intent", record.intent)
    put("intent_source", record.intentSource)
    put("label", record.label)
    put("emotion", record.emotion)
    put("confidence", record.confidence)
    put("region", record.region)
    put("amounts", record.amounts)
    put("offer", record.offer)
    put("offer_acceptable", record.offerAcceptable)
    put(
      "suggestions",
      record.suggestions?.map { reply -> [String: Any] in
        var fields: [String: Any] = [
          "id": reply.id, "text": reply.text, "score": reply.score, "source": reply.source,
          "group": reply.group, "missing_variables": reply.missingVariables,
          "images": reply.images, "why": reply.why,
        ]
        if let code = reply.code { fields["code"] = code }
        return fields
      })
    put("no_suggestion_reason", record.noSuggestionReason)
    put("handoff", record.handoff)
    put("handoff_reason", record.handoffReason)
    put(
      "chat_state",
      record.chatState.map { state -> [String: Any] in
        var fields: [String: Any] = [
          "turn": state.turn, "bargaining_round": state.bargainingRound,
          "cod_pending": state.codPending,
        ]
        if let step = state.deescalationStep { fields["deescalation_step"] = step }
        if let name = state.deescalation { fields["deescalation"] = name }
        if let topic = state.topic { fields["topic"] = topic }
        return fields
      })
    put("truncated", record.truncated)
    put("skipped", record.skipped)
    put("accepted", record.accepted)
    put("accepted_count", record.acceptedCount)
    put("error", record.error)
    return fields
  }

  /// Members in `CodingKeys` order, whatever is present.
  @Test func membersComeInCodingKeysOrder() throws {
    var random = SyntheticWorkload.Generator(seed: 11)
    let order = SuggestionRecord.CodingKeys.allCases.map { "\"\($0.stringValue)\":" }
    for _ in 0..<200 {
      var json = JSONBuilder()
      Self.record(&random).write(to: &json)
      let text = json.text
      let positions = order.compactMap { key in
        text.range(of: key).map { text.distance(from: text.startIndex, to: $0.lowerBound) }
      }
      #expect(positions == positions.sorted(), "\(text)")
    }
  }

  @Test func outputIsJSONThatFoundationReads() throws {
    var random = SyntheticWorkload.Generator(seed: 8)
    for _ in 0..<100 {
      var json = JSONBuilder()
      Self.record(&random).write(to: &json)
      let object = try JSONSerialization.jsonObject(with: Data(json.bytes))
      #expect(object is [String: Any])
    }
  }

  /// Numbers are written as Swift describes them, whether they take the thousandths path
  /// (scores) or not.
  @Test func writesNumbersAsSwiftDescribesThem() {
    var random = SyntheticWorkload.Generator(seed: 9)
    var values: [Double] = [
      0.001, -0.001, 0.01, 0.1, 0.5, 1.485, 0.999, -3.25, 999_999_999.999, 1e12 + 0.5,
      0.0001, 1e-7, 0.1 + 0.2, 1.0 / 3, 123_456_789_012.345, .ulpOfOne,
    ]
    for _ in 0..<20_000 {
      let thousandths = Double(Int.random(in: -5_000_000...5_000_000, using: &random))
      values.append(thousandths / 1000)
      values.append(Double.random(in: -10...10, using: &random))
      values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &random)))
    }
    for value in values where value.isFinite {
      var json = JSONBuilder()
      json.value(value)
      let expected =
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : value.description
      #expect(json.text == expected, "\(value)")
    }
  }

  @Test func writesIntegersOfEveryMagnitude() {
    for value in [0, 7, -7, 10, 1_000_000, Int.max, Int.min] {
      var json = JSONBuilder()
      json.value(value)
      #expect(json.text == String(value))
    }
  }
}

struct JSONEscapeScanTests {
  /// The eight-byte test must flag exactly the words holding a byte that needs escaping.
  @Test func flagsEveryWordWithAByteToEscape() {
    var random = SyntheticWorkload.Generator(seed: 11)
    let interesting: [UInt8] = [
      0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F,
      0x80, 0x9F, 0xA0, 0xE4, 0xFF,
    ]
    for _ in 0..<20_000 {
      let bytes = (0..<8).map { _ in
        Bool.random(using: &random)
          ? interesting[Int.random(in: 0..<interesting.count, using: &random)]
          : UInt8.random(in: 0...255, using: &random)
      }
      let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
      let expected = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
      #expect(JSONBuilder.needsEscaping(word) == expected, "\(bytes)")
    }
  }

  /// The scan over a whole text, sixteen or eight bytes at a time (the last chunk overlapping,
  /// a short text padded), must flag exactly the texts of any length holding a byte that needs
  /// escaping, wherever it sits.
  @Test func flagsEveryTextWithAByteToEscape() {
    var random = SyntheticWorkload.Generator(seed: 12)
    for length in 0..<72 {
      for _ in 0..<300 {
        var bytes = (0..<length).map { _ in UInt8.random(in: 0x20...0xFF, using: &random) }
          .map { $0 == 0x22 || $0 == 0x5C ? 0x41 : $0 }
        if length > 0, Bool.random(using: &random) {
          let special: [UInt8] = [0x00, 0x0A, 0x1F, 0x22, 0x5C]
          bytes[Int.random(in: 0..<length, using: &random)] =
            special[Int.random(in: 0..<special.count, using: &random)]
        }
        let expected = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        #expect(bytes.withUnsafeBytes { JSONBuilder.needsEscaping($0) } == expected, "\(bytes)")
      }
    }
  }
}
