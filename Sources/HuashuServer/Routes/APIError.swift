internal import HTTPTypes
internal import HuashuCore
internal import Hummingbird

/// An error answer of the API: its status and `{"error": …}` (with the diagnostics of a
/// reload that failed).
struct APIError: HTTPResponseError {
  let status: HTTPResponse.Status
  let message: String
  var diagnostics: [String]? = nil

  /// The body of every error answer.
  struct Body: Encodable {
    var error: String
    var diagnostics: [String]?
  }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    JSONResponse.make(Body(error: message, diagnostics: diagnostics), status: status)
  }

  /// The answer to a service error.
  init(_ error: ServiceError) {
    switch error {
    case .badRequest(let message): self.init(status: .badRequest, message: message)
    case .notFound(let message): self.init(status: .notFound, message: message)
    case .failed(let message): self.init(status: .internalServerError, message: message)
    case .unavailable(let message): self.init(status: .serviceUnavailable, message: message)
    }
  }

  init(status: HTTPResponse.Status, message: String, diagnostics: [String]? = nil) {
    self.status = status
    self.message = message
    self.diagnostics = diagnostics
  }
}
