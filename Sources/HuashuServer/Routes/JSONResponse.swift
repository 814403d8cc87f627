internal import HTTPTypes
internal import HuashuCore
internal import Hummingbird

/// JSON answers: UTF-8, keys in declaration order, Chinese never `\u`-escaped.
enum JSONResponse {
  static let contentType = "application/json; charset=utf-8"

  /// `value` as JSON.
  static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
    do {
      return bytes(Array(try CompactJSONEncoder().encode(value).utf8), status: status)
    } catch {
      // The API's own types encode; this is a bug, said as such rather than hidden.
      return bytes(
        Array("{\"error\":\"could not encode the answer: \(error)\"}".utf8),
        status: .internalServerError)
    }
  }

  /// JSON already encoded.
  static func bytes(_ json: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: contentType],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
  }
}
