/// One JSON input line of `huashu suggest`, described once.
///
/// `{"chat":"c1","buyer":"小王","text":"到四川运费多少","region":"四川","order_id":"123"}` asks for
/// replies; `{"chat":"c1","accepted":"bargain.firm-price"}` records that the agent used a reply.
/// Every other key with a string, number or boolean value becomes a template variable.
public struct SuggestRequest: Decodable, Hashable, Sendable {
  /// The chat the message belongs to; `default` when absent.
  public var chat: String
  /// The buyer's message; absent on an `accepted` line.
  public var text: String?
  /// The id of a reply the agent used.
  public var accepted: String?
  /// Template variables: every string or number field except `chat`, `text` and `accepted`.
  public var fields: [String: String]

  /// The chat id of plain-text lines and of JSON lines without `chat`.
  public static let defaultChat = "default"

  /// A request for a plain-text line.
  public init(text: String, chat: String = SuggestRequest.defaultChat) {
    self.chat = chat
    self.text = text
    self.accepted = nil
    self.fields = [:]
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: AnyCodingKey.self)
    var fields: [String: String] = [:]
    for key in container.allKeys {
      if let string = try Self.decodeStringIfString(container, key) {
        fields[key.stringValue] = string
      } else if let integer = try? container.decode(Int.self, forKey: key) {
        fields[key.stringValue] = String(integer)
      } else if let number = try? container.decode(Double.self, forKey: key) {
        fields[key.stringValue] = String(number)
      } else if let flag = try? container.decode(Bool.self, forKey: key) {
        fields[key.stringValue] = flag ? "true" : "false"
      } else if ["chat", "text", "accepted"].contains(key.stringValue),
        (try? container.decodeNil(forKey: key)) != true
      {
        throw DecodingError.typeMismatch(
          String.self,
          .init(codingPath: [key], debugDescription: "`\(key.stringValue)` must be a string"))
      }
    }
    self.init(fields: fields)
  }

  /// The string at `key`, or nil when the value is of another type.
  ///
  /// - Throws: `DecodingError.dataCorrupted` when the value is a string the decoder cannot
  ///   read (Foundation reads a string's escapes only when it is decoded: a lone surrogate such
  ///   as `\ud800` would otherwise make the field look like a number and be dropped).
  private static func decodeStringIfString(
    _ container: KeyedDecodingContainer<AnyCodingKey>, _ key: AnyCodingKey
  ) throws -> String? {
    do {
      return try container.decode(String.self, forKey: key)
    } catch is DecodingError {
      return nil
    } catch {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: [key],
          debugDescription: "invalid string (a bad escape?) in field \"\(key.stringValue)\""))
    }
  }

  /// A request from the scalar members of an input line, as text: `chat`, `text` and
  /// `accepted` are taken out, the rest are template variables.
  public init(fields: consuming [String: String]) {
    chat = fields.removeValue(forKey: "chat") ?? Self.defaultChat
    text = fields.removeValue(forKey: "text")
    accepted = fields.removeValue(forKey: "accepted")
    self.fields = fields
  }

  /// The request in the UTF-8 bytes of a JSON input line, read without a `Decoder`.
  ///
  /// Nil when they are not a flat JSON object of valid UTF-8 (see ``FlatJSONDecoder``), for
  /// Foundation's `JSONDecoder` to decode or explain. Both read the same request.
  public init?(flatJSON bytes: [UInt8]) {
    var chat: String?
    var text: String?
    var accepted: String?
    var fields: [String: String] = [:]
    let isFlat = FlatJSONDecoder().forEachScalarField(inUTF8: bytes) { key, value in
      // The first of repeated keys wins, as in Foundation's decoder.
      switch key {
      case "chat": chat = chat ?? value
      case "text": text = text ?? value
      case "accepted": accepted = accepted ?? value
      default: if fields[key] == nil { fields[key] = value }
      }
    }
    guard isFlat else { return nil }
    self.chat = chat ?? Self.defaultChat
    self.text = text
    self.accepted = accepted
    self.fields = fields
  }
}
