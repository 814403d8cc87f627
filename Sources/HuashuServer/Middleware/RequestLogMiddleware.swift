internal import HuashuCore
internal import Hummingbird
internal import Logging

/// Logs one line per request once it is answered: method, path, status and time taken.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
  let logger: Logger

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    do {
      let response = try await next(request, context)
      log(request, status: response.status.code, since: start)
      return response
    } catch {
      log(request, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
      throw error
    }
  }

  private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
    guard logger.logLevel <= .info else { return }
    let elapsed = ContinuousClock.now - start
    let milliseconds =
      Double(elapsed.components.attoseconds) / 1e15
      + Double(elapsed.components.seconds) * 1000
    // The path without the query: a query may hold a search or a token.
    logger.info(
      "\(request.method.rawValue) \(request.uri.path) \(status) \(milliseconds.formatted(decimals: 2)) ms"
    )
  }
}
