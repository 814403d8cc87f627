internal import Foundation
internal import HuashuCore
internal import Hummingbird

/// The JSON API: each route reads its request, asks the ``SuggestService`` and writes the
/// answer; the service does the work.
struct APIRoutes<Context: RequestContext>: Sendable {
  let service: SuggestService
  let reload: ServerReload

  func add(to router: Router<Context>) {
    router.get("/healthz") { _, _ in JSONResponse.make(service.health()) }
    let api = router.group("api")
    api.post("suggest") { request, _ in
      let answer = await service.suggest(try await RequestBody.bytes(of: request))
      return JSONResponse.bytes(answer.json, status: answer.isFailure ? .badRequest : .ok)
    }
    api.post("classify") { request, _ in
      JSONResponse.make(service.classify(try await RequestBody.text(from: request)))
    }
    api.post("explain") { request, _ in
      JSONResponse.make(service.explain(try await RequestBody.text(from: request)))
    }
    api.get("find") { request, _ in try find(request) }
    api.post("accept") { request, _ in try await accept(request) }
    api.get("usage") { request, _ in try await usage(request) }
    api.get("chats") { _, _ in JSONResponse.make(["chats": service.chats()]) }
    api.get("corpora") { _, _ in JSONResponse.make(["corpora": service.corpora]) }
    api.post("test") { request, _ in try await test(request) }
    api.post("reload") { _, _ in try await reloadContent() }
  }

  private func find(_ request: Request) throws -> Response {
    let query = request.uri.queryParameters["q"].map(String.init) ?? ""
    guard query.contains(where: { !$0.isWhitespace }) else {
      throw APIError(status: .badRequest, message: "the query is empty: /api/find?q=yf")
    }
    var limit = 10
    if let given = request.uri.queryParameters["limit"] {
      guard let number = Int(given), (1...100).contains(number) else {
        throw APIError(status: .badRequest, message: "limit must be a number from 1 to 100")
      }
      limit = number
    }
    return JSONResponse.make(["matches": service.find(query, limit: limit)])
  }

  private func accept(_ request: Request) async throws -> Response {
    let body = try await RequestBody.decode(APIRequests.Accept.self, from: request)
    guard let reply = body.id ?? body.code, !reply.isEmpty else {
      throw APIError(
        status: .badRequest, message: "the body needs \"id\" or \"code\": {\"id\":\"…\"}")
    }
    do {
      return JSONResponse.bytes(
        try await service.accept(reply, chat: body.chat ?? SuggestRequest.defaultChat).json)
    } catch {
      throw APIError(error)
    }
  }

  private func usage(_ request: Request) async throws -> Response {
    var since: Date?
    if let given = request.uri.queryParameters["since"] {
      guard let date = UsageReport.since(parsing: String(given)) else {
        throw APIError(
          status: .badRequest,
          message: "since '\(given)' is neither an ISO 8601 date (2026-03-01) nor a time with"
            + " its offset (2026-03-01T09:00:00+08:00)")
      }
      since = date
    }
    do {
      return JSONResponse.make(try await service.usageReport(since: since))
    } catch {
      throw APIError(error)
    }
  }

  private func test(_ request: Request) async throws -> Response {
    let body = try await RequestBody.decode(
      APIRequests.Test.self, from: request, emptyIsObject: true)
    let service = self.service
    let result = try await BlockingWork.run {
      Result { () throws(ServiceError) in
        try service.test(corpus: body.corpus, jobs: 2)
      }
    }
    switch result {
    case .success(let report): return JSONResponse.make(report)
    case .failure(let error): throw APIError(error)
    }
  }

  /// The answer of a reload.
  struct Reloaded: Encodable {
    var reloaded = true
    var generation: Int
    var rules: Int
    var replies: Int
  }

  private func reloadContent() async throws -> Response {
    let reload = self.reload
    switch await reload.perform(trigger: "POST /api/reload") {
    case .success(let snapshot):
      return JSONResponse.make(
        Reloaded(
          generation: snapshot.generation, rules: snapshot.content.ruleSet.rules.count,
          replies: snapshot.content.phrasebook.entries.count))
    case .failure(let error):
      throw APIError(
        status: .unprocessableContent,
        message: error.summary + "; the old rules and phrasebooks go on answering",
        diagnostics: error.diagnostics.map(\.description))
    }
  }
}
