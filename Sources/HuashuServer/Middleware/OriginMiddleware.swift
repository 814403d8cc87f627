internal import Hummingbird

/// Same-origin by default: requests from other origins' pages are refused unless listed.
///
/// A page of another origin sends its `Origin`; unless that origin is listed
/// (`--allow-origin`), the request is refused, so no web page an agent happens to open can
/// record acceptances or read the phrasebooks through the agent's browser.
/// Listed origins get `Access-Control-Allow-Origin` with their own name, never `*`.
struct OriginMiddleware<Context: RequestContext>: RouterMiddleware {
  let allowedOrigins: Set<String>

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard let origin = request.headers[.origin], !isSameOrigin(origin, request) else {
      return try await next(request, context)
    }
    guard allowedOrigins.contains(origin) else {
      throw APIError(
        status: .forbidden,
        message: "requests from pages of \(origin) are refused; start huashu serve with "
          + "--allow-origin \(origin) to allow them")
    }
    if request.method == .options {
      // The preflight of a cross-origin call with a JSON body or a token.
      return Response(status: .noContent, headers: headers(for: origin, preflight: true))
    }
    var response = try await next(request, context)
    for field in headers(for: origin, preflight: false) { response.headers.append(field) }
    return response
  }

  private func isSameOrigin(_ origin: String, _ request: Request) -> Bool {
    guard let host = request.head.authority else { return false }
    return origin == "http://\(host)" || origin == "https://\(host)"
  }

  private func headers(for origin: String, preflight: Bool) -> HTTPFields {
    var fields: HTTPFields = [.accessControlAllowOrigin: origin, .vary: "Origin"]
    if preflight {
      fields[.accessControlAllowMethods] = "GET, POST"
      fields[.accessControlAllowHeaders] = "Authorization, Content-Type"
      fields[.accessControlMaxAge] = "600"
    }
    return fields
  }
}
