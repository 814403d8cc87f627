internal import Foundation
internal import Hummingbird

/// Lets through only requests that carry the server's token: `Authorization: Bearer T`, or the
/// cookie a page sets when it is first opened as `/?token=T`.
struct TokenMiddleware<Context: RequestContext>: RouterMiddleware {
  let token: String
  static var cookieName: String { "huashu_token" }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let path = request.uri.path
    if request.method == .get, PageAssets.byPath[path] != nil,
      let given = request.uri.queryParameters["token"]
    {
      guard Self.same(String(given), token) else { return refusal(for: path) }
      // Once, from the address; then from the cookie, so the token leaves the address bar.
      return Response(
        status: .seeOther,
        headers: [
          .location: path,
          .setCookie: "\(Self.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict",
        ])
    }
    let bearer = request.headers[.authorization].flatMap { value in
      value.hasPrefix("Bearer ") ? String(value.dropFirst("Bearer ".count)) : nil
    }
    let cookie = request.cookies[Self.cookieName]?.value
    guard let given = bearer ?? cookie, Self.same(given, token) else {
      return refusal(for: path)
    }
    return try await next(request, context)
  }

  private func refusal(for path: String) -> Response {
    let message =
      "this huashu server needs its token: send Authorization: Bearer <token>, or open "
      + "/?token=<token> once in the browser"
    if path.hasPrefix("/api/") || path == "/healthz" {
      var response = JSONResponse.make(APIError.Body(error: message), status: .unauthorized)
      response.headers[.wwwAuthenticate] = "Bearer"
      return response
    }
    return Response(
      status: .unauthorized,
      headers: [.contentType: "text/plain; charset=utf-8", .wwwAuthenticate: "Bearer"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: "需要令牌 (token required): " + message)))
  }

  /// Compares in time that does not depend on where the two first differ.
  static func same(_ given: String, _ expected: String) -> Bool {
    let left = Array(given.utf8)
    let right = Array(expected.utf8)
    guard left.count == right.count else { return false }
    var difference: UInt8 = 0
    for (a, b) in zip(left, right) { difference |= a ^ b }
    return difference == 0
  }
}
