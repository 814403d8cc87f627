internal import Foundation

/// What one input line of `huashu suggest` asks for, read before any matching: a message (a
/// plain line, or a JSON object with `text`), an `accepted` line, or the line's error.
///
/// The one reader of the suggest input format: the command line and any other front end parse
/// lines (or request bodies) here.
public enum SuggestLine: Sendable {
  /// A buyer message, with the request it came in.
  case message(SuggestRequest, text: String)
  /// The agent used a reply in a chat.
  case accept(ReplyID, chat: String)
  /// The line is bad: what is wrong with it.
  case failure(String)

  /// Reads `line`.
  public init(parsing line: LineReader.Line) {
    if line.isOverlong {
      self = .failure(LineReader.overlongProblem(length: line.length))
    } else {
      self = Self.parse(line.bytes)
    }
  }

  /// Reads one line's bytes (without its newline).
  public static func parse(_ bytes: [UInt8]) -> SuggestLine {
    let invalidUTF8 = SuggestLine.failure("line is not valid UTF-8 text")
    // In UTF-8 no byte of a multi-byte character is below 0x80, so bytes find control
    // characters and the opening brace.
    if bytes.contains(where: { $0 < 0x20 && $0 != UInt8(ascii: "\t") }) {
      guard String(validUTF8: bytes) != nil else { return invalidUTF8 }
      return .failure("line contains control characters (binary data?)")
    }
    let firstByte = bytes.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
    let request: SuggestRequest
    if firstByte == UInt8(ascii: "{") {
      switch SuggestRequest.decode(jsonLine: bytes) {
      case .success(let decoded): request = decoded
      case .failure(let problem): return .failure(problem.message)
      }
    } else {
      guard let text = String(validUTF8: bytes) else { return invalidUTF8 }
      guard hasVisibleCharacter(text) else { return .failure("empty line: no message") }
      request = SuggestRequest(text: text)
    }
    if let accepted = request.accepted { return .accept(ReplyID(accepted), chat: request.chat) }
    guard let message = request.text, hasVisibleCharacter(message) else {
      return .failure("JSON line has no \"text\" (nor \"accepted\")")
    }
    return .message(request, text: message)
  }

  /// Whether `text` has a character other than white space (spaces of every width count).
  static func hasVisibleCharacter(_ text: String) -> Bool {
    // Most messages answer at their first byte: a printable ASCII character, or the lead byte
    // of a scalar from U+4000 on (every Chinese character), above every white space scalar
    // (the last is U+3000). Only text starting otherwise asks for the Unicode property.
    if let first = text.utf8.first, (0x21...0x7E).contains(first) || first >= 0xE4 {
      return true
    }
    return text.unicodeScalars.contains { !$0.properties.isWhitespace }
  }
}

extension SuggestRequest {
  /// Why a JSON line is not a request, in the words the error answer uses.
  public struct JSONProblem: Error, Sendable {
    /// `invalid JSON: …` or `line is not valid UTF-8 text`.
    public let message: String
  }

  /// Decodes a JSON object (one line, or a request body): the fast path reads flat objects
  /// from the bytes (checking their strings are valid UTF-8); anything else goes to
  /// Foundation, which decodes it or says what is wrong.
  public static func decode(jsonLine bytes: [UInt8]) -> Result<SuggestRequest, JSONProblem> {
    if let flat = SuggestRequest(flatJSON: bytes) {
      return .success(flat)
    }
    return JSONBody.decode(SuggestRequest.self, from: bytes)
  }
}

/// Decodes a JSON object of one of huashu's formats with Foundation, saying what is wrong in
/// the words a bad line's error answer uses (`invalid JSON: …`), the same for a line of
/// `huashu suggest` and a request body of `huashu serve`.
public enum JSONBody {
  /// Decodes `bytes` as a `Value`.
  public static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8])
    -> Result<Value, SuggestRequest.JSONProblem>
  {
    guard let text = String(validUTF8: bytes) else {
      return .failure(SuggestRequest.JSONProblem(message: "line is not valid UTF-8 text"))
    }
    // What Foundation would drop silently or call "not valid JSON" is said here.
    if let problem = FlatJSONDecoder().problem(inUTF8: bytes) {
      return .failure(SuggestRequest.JSONProblem(message: "invalid JSON: \(problem)"))
    }
    do {
      return .success(try JSONDecoder().decode(Value.self, from: Data(text.utf8)))
    } catch {
      return .failure(SuggestRequest.JSONProblem(message: "invalid JSON: \(describe(error))"))
    }
  }
  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context):
      let underlying = (context.underlyingError as? NSError)?.userInfo["NSDebugDescription"]
      return (underlying as? String) ?? context.debugDescription
    default:
      return "not a JSON object"
    }
  }
}
