internal import HTTPTypes
internal import Hummingbird

/// Headers every answer carries: the pages may load only what huashu itself serves (no inline
/// script, no other site), answers are not sniffed for another type, and no page leaks its
/// address to another site.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var response = try await OriginMiddleware.answer(request, context: context, next: next)
    response.headers[.contentSecurityPolicy] = SecurityHeaders.contentSecurityPolicy
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[SecurityHeaders.referrerPolicy] = "no-referrer"
    return response
  }
}

/// The values ``SecurityHeadersMiddleware`` sets, made once.
enum SecurityHeaders {
  static let contentSecurityPolicy =
    "default-src 'self'; img-src 'self' https: data: blob:; style-src 'self'; "
    + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"

  /// `Referrer-Policy`, which HTTPTypes does not name.
  static let referrerPolicy: HTTPField.Name = {
    guard let name = HTTPField.Name("Referrer-Policy") else {
      preconditionFailure("Referrer-Policy is a valid header name")
    }
    return name
  }()

}
