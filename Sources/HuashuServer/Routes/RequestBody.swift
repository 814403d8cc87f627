internal import Foundation
internal import HuashuCore
internal import Hummingbird
internal import NIOCore

/// Reads request bodies: at most ``maximumSize`` bytes, decoded with the error texts of the
/// command line.
enum RequestBody {
  /// The largest body accepted, as the largest line `huashu suggest` reads.
  static let maximumSize = LineReader.defaultMaximumLength

  /// The bytes of `request`'s body.
  ///
  /// - Throws: ``APIError`` 413 when the body is over ``maximumSize``.
  static func bytes(of request: Request) async throws -> [UInt8] {
    do {
      let buffer = try await request.body.collect(upTo: maximumSize)
      return Array(buffer.readableBytesView)
    } catch is NIOTooManyBytesError {
      throw APIError(
        status: .contentTooLarge,
        message: "the body is over \(maximumSize / 1024) KiB; send one message per request")
    }
  }

  /// `request`'s body decoded as a `Value`; an empty body is `{}` when `emptyIsObject`.
  ///
  /// - Throws: ``APIError`` 413 for a body over the limit, 400 for one that is not a JSON
  ///   object of the format.
  static func decode<Value: Decodable>(
    _ type: Value.Type, from request: Request, emptyIsObject: Bool = false
  ) async throws -> Value {
    var bytes = try await bytes(of: request)
    if emptyIsObject, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      bytes = Array("{}".utf8)
    }
    if case .failure(let problem) = SuggestLine.line(fromBody: bytes) {
      throw APIError(status: .badRequest, message: problem.message)
    }
    switch JSONBody.decode(Value.self, from: bytes) {
    case .success(let value): return value
    case .failure(let problem): throw APIError(status: .badRequest, message: problem.message)
    }
  }

  /// The non-blank `text` of a body.
  static func text(from request: Request) async throws -> String {
    let body = try await decode(APIRequests.Text.self, from: request)
    guard let text = body.text, text.contains(where: { !$0.isWhitespace }) else {
      throw APIError(status: .badRequest, message: "the body has no \"text\": {\"text\":\"…\"}")
    }
    return text
  }
}
