internal import Hummingbird

/// Who may call: requests addressed to another name than this server's, or sent by a page of
/// another origin, are refused (403).
///
/// - The `Host`: without a token, only loopback names (`ServerOptions.accepts(authority:)`),
///   so a web page whose own name was made to point at 127.0.0.1 (DNS rebinding) reaches
///   nothing.
/// - The `Origin`: a page of another origin sends its own; unless that origin is listed
///   (`--allow-origin`), the request is refused, so no web page an agent happens to open can
///   record acceptances or read the phrasebooks through the agent's browser. Listed origins get
///   `Access-Control-Allow-Origin` with their own name (on error answers too), never `*`.
struct OriginMiddleware<Context: RequestContext>: RouterMiddleware {
  let options: ServerOptions
  private let allowedOrigins: Set<String>

  init(options: ServerOptions) {
    self.options = options
    self.allowedOrigins = Set(options.allowedOrigins)
  }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    if let authority = request.head.authority, !options.accepts(authority: authority) {
      throw APIError(
        status: .forbidden,
        message: "this server answers requests to 127.0.0.1 or localhost only, not to "
          + "\(authority); to serve other names, start it with --token")
    }
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
    var response = try await Self.answer(request, context: context, next: next)
    for field in headers(for: origin, preflight: false) { response.headers.append(field) }
    return response
  }

  /// What `next` answers, with an error it throws turned into its answer, so that a middleware
  /// can add its headers to error answers too.
  static func answer(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as any HTTPResponseError {
      return try error.response(from: request, context: context)
    }
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
