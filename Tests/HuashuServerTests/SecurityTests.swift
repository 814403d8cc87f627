import Foundation
import HTTPTypes
import HuashuCore
import HuashuServer
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// Who the server answers: the token, the origins, the option checks, and the headers every
/// answer carries.
struct SecurityTests {
  static let token = "s3cret-token"

  static func tokenApp() throws -> some ApplicationProtocol {
    ServerTestSupport.app(try ServerTestSupport.shared(), options: ServerOptions(token: token))
  }

  // MARK: - Token

  @Test func withoutTheTokenTheAPIAnswers401WithAJSONError() async throws {
    try await Self.tokenApp().test(.router) { client in
      for (method, uri, body) in [
        (HTTPRequest.Method.get, "/healthz", nil), (.get, "/api/find?q=yf", nil),
        (.post, "/api/suggest", #"{"text":"老板能便宜点吗"}"#),
        (.post, "/api/accept", #"{"id":"yj1"}"#),
      ] {
        let answer = try await client.send(method, uri, body: body)
        #expect(answer.status == .unauthorized, "\(uri)")
        #expect(answer.isJSON, "\(uri)")
        #expect(answer.error?.contains("token") == true, "\(uri)")
        #expect(answer.header(.wwwAuthenticate) == "Bearer", "\(uri)")
      }
      // Nothing was recorded by the refused acceptance.
      let usage = try await client.send(
        .get, "/api/usage", headers: [.authorization: "Bearer \(Self.token)"])
      #expect(usage.json["accepted"] as? Int == 0)
    }
  }

  @Test(arguments: [
    "Bearer wrong-token", "Bearer s3cret-token-", "Bearer s3cret-tokeN", "s3cret-token",
    "Basic czNjcmV0LXRva2Vu", "Bearer ", "bearer s3cret-token",
  ])
  func aWrongTokenIs401(authorization: String) async throws {
    try await Self.tokenApp().test(.router) { client in
      let answer = try await client.send(
        .get, "/healthz", headers: [.authorization: authorization])
      #expect(answer.status == .unauthorized)
      #expect(answer.header(.wwwAuthenticate) == "Bearer")
    }
  }

  @Test func theBearerTokenIsLetThrough() async throws {
    try await Self.tokenApp().test(.router) { client in
      let headers: HTTPFields = [.authorization: "Bearer \(Self.token)"]
      let health = try await client.send(.get, "/healthz", headers: headers)
      #expect(health.status == .ok)
      #expect(health.json["status"] as? String == "ok")
      let suggest = try await client.suggest(#"{"text":"老板能便宜点吗"}"#, headers: headers)
      #expect(suggest.status == .ok)
      #expect(suggest.json["intent"] as? String == "bargain")
      let page = try await client.send(.get, "/", headers: headers)
      #expect(page.status == .ok)
    }
  }

  @Test func theCookieIsLetThrough() async throws {
    try await Self.tokenApp().test(.router) { client in
      let headers: HTTPFields = [.cookie: "other=1; huashu_token=\(Self.token)"]
      let health = try await client.send(.get, "/healthz", headers: headers)
      #expect(health.status == .ok)
      let editor = try await client.send(.get, "/editor", headers: headers)
      #expect(editor.status == .ok)
      let wrong: HTTPFields = [.cookie: "huashu_token=wrong-token"]
      let refused = try await client.send(.get, "/healthz", headers: wrong)
      #expect(refused.status == .unauthorized)
    }
  }

  @Test func aPageOpenedWithTheTokenSetsTheCookieAndDropsItFromTheAddress() async throws {
    try await Self.tokenApp().test(.router) { client in
      for path in ["/", "/editor"] {
        let answer = try await client.send(.get, "\(path)?token=\(Self.token)")
        #expect(answer.status == .seeOther)
        #expect(answer.header(.location) == path)
        let cookie = try #require(answer.header(.setCookie))
        #expect(cookie.hasPrefix("huashu_token=\(Self.token);"))
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        #expect(cookie.contains("Path=/"))
      }
    }
  }

  @Test func aPageOpenedWithAWrongTokenIs401() async throws {
    try await Self.tokenApp().test(.router) { client in
      let answer = try await client.send(.get, "/?token=wrong")
      #expect(answer.status == .unauthorized)
      #expect(answer.header(.setCookie) == nil)
      #expect(answer.header(.wwwAuthenticate) == "Bearer")
      let page = try await client.send(.get, "/")
      #expect(page.status == .unauthorized)
      #expect(!page.text.contains("<html"))
    }
  }

  /// The address's token opens pages only: an API call with `?token=` still needs the header.
  @Test func theTokenInTheAddressDoesNotOpenTheAPI() async throws {
    try await Self.tokenApp().test(.router) { client in
      let answer = try await client.send(.get, "/api/find?q=yf&token=\(Self.token)")
      #expect(answer.status == .unauthorized)
      #expect(answer.header(.setCookie) == nil)
    }
  }

  @Test func imagesNeedTheTokenToo() async throws {
    try await Self.tokenApp().test(.router) { client in
      let answer = try await client.send(.get, "/images/team/anything.png")
      #expect(answer.status == .unauthorized)
    }
  }

  // MARK: - Options

  @Test func anotherAddressWithoutATokenIsRefused() throws {
    let error = #expect(throws: ServerOptionsError.self) {
      try ServerOptions(host: "0.0.0.0").validate()
    }
    #expect(error?.description.contains("--token") == true)
    #expect(error?.description.contains("0.0.0.0") == true)
    #expect(throws: ServerOptionsError.self) { try ServerOptions(host: "192.168.1.5").validate() }
    #expect(throws: ServerOptionsError.self) { try ServerOptions(host: "::").validate() }
  }

  @Test func anotherAddressWithATokenPasses() throws {
    try ServerOptions(host: "0.0.0.0", token: Self.token).validate()
    try ServerOptions(host: "127.0.0.1").validate()
    try ServerOptions(host: "localhost").validate()
    try ServerOptions(host: "::1").validate()
    try ServerOptions(allowedOrigins: ["https://shop.example.com"]).validate()
  }

  @Test(arguments: ["short", "has space1", "semi;colon", "中文中文中文中文中文"])
  func aMalformedTokenIsRefused(token: String) {
    #expect(throws: ServerOptionsError.self) {
      try ServerOptions(host: "0.0.0.0", token: token).validate()
    }
  }

  @Test(arguments: ["*", "shop.example.com", ""])
  func aWildcardOrMalformedOriginIsRefused(origin: String) {
    let error = #expect(throws: ServerOptionsError.self) {
      try ServerOptions(allowedOrigins: [origin]).validate()
    }
    #expect(error?.description.contains("never *") == true)
  }

  @Test(arguments: [-1, 65536])
  func aPortOutOfRangeIsRefused(port: Int) {
    #expect(throws: ServerOptionsError.self) { try ServerOptions(port: port).validate() }
  }

  @Test func theApplicationRefusesUnsafeOptions() throws {
    let service = try ServerTestSupport.shared()
    #expect(throws: ServerOptionsError.self) {
      _ = try HuashuServer.application(
        service: service, options: ServerOptions(host: "0.0.0.0"),
        logger: ServerTestSupport.quietLogger)
    }
  }

  /// A host name that only starts like a loopback address may resolve anywhere: it needs a
  /// token like any other address.
  @Test func aHostNameStartingWith127IsNotLoopback() {
    #expect(!ServerOptions(host: "127.example.com").isLoopback)
    #expect(throws: ServerOptionsError.self) {
      try ServerOptions(host: "127.example.com").validate()
    }
    #expect(ServerOptions(host: "127.0.0.1").isLoopback)
    #expect(ServerOptions(host: "127.0.0.2").isLoopback)
  }

  /// A token the options accept works both ways: as the bearer token and from the page
  /// address through the cookie.
  @Test(arguments: ["abc,defgh", #"abc"defgh"#, #"abc\defgh"#])
  func everyAcceptedTokenWorksThroughTheCookie(token: String) async throws {
    try ServerOptions(host: "0.0.0.0", token: token).validate()
    let app = ServerTestSupport.app(
      try ServerTestSupport.shared(), options: ServerOptions(token: token))
    try await app.test(.router) { client in
      let bearer = try await client.send(
        .get, "/healthz", headers: [.authorization: "Bearer \(token)"])
      #expect(bearer.status == .ok)
      let escaped = try #require(
        token.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
      let opened = try await client.send(.get, "/?token=\(escaped)")
      #expect(opened.status == .seeOther)
      let cookie = try #require(opened.header(.setCookie)?.split(separator: ";").first)
      let page = try await client.send(.get, "/", headers: [.cookie: String(cookie)])
      #expect(page.status == .ok)
    }
  }

  @Test func aTokenWithAControlCharacterIsRefused() {
    #expect(throws: ServerOptionsError.self) {
      try ServerOptions(host: "0.0.0.0", token: "abcd\u{7F}efgh").validate()
    }
  }

  /// The request log names the path without its query, where a token may be.
  @Test func theTokenNeverReachesTheLog() async throws {
    let lines = LogLines()
    var logger = Logger(label: "huashu-test") { _ in lines }
    logger.logLevel = .trace
    let router = HuashuServer.router(
      service: try ServerTestSupport.shared(), options: ServerOptions(token: Self.token),
      logger: logger)
    try await Application(router: router).test(.router) { client in
      let opened = try await client.send(.get, "/?token=\(Self.token)")
      #expect(opened.status == .seeOther)
      let refused = try await client.send(.get, "/editor?token=not-the-token")
      #expect(refused.status == .unauthorized)
      let search = try await client.send(
        .get, "/api/find?q=yf", headers: [.authorization: "Bearer \(Self.token)"])
      #expect(search.status == .ok)
    }
    let logged = lines.all
    #expect(logged.contains { $0.contains("GET / 303") })
    #expect(logged.contains { $0.contains("GET /editor 401") })
    #expect(logged.contains { $0.contains("GET /api/find 200") })
    #expect(!logged.contains { $0.contains(Self.token) })
    #expect(!logged.contains { $0.contains("not-the-token") })
  }

  // MARK: - Origins

  static let evil = "https://evil.example"

  @Test func aRequestFromAnotherOriginIsForbidden() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let answer = try await client.send(
        .post, "/api/accept", body: #"{"id":"yj1"}"#, headers: [.origin: Self.evil])
      #expect(answer.status == .forbidden)
      #expect(answer.isJSON)
      #expect(answer.error?.contains(Self.evil) == true)
      #expect(answer.header(.accessControlAllowOrigin) == nil)
      let read = try await client.send(.get, "/api/find?q=yf", headers: [.origin: Self.evil])
      #expect(read.status == .forbidden)
      let usage = try await client.send(.get, "/api/usage")
      #expect(usage.json["accepted"] as? Int == 0)
    }
  }

  @Test func anAllowedOriginGetsItsOwnNameNeverAStar() async throws {
    let app = ServerTestSupport.app(
      try ServerTestSupport.shared(), options: ServerOptions(allowedOrigins: [Self.evil]))
    try await app.test(.router) { client in
      let answer = try await client.suggest(
        #"{"text":"老板能便宜点吗"}"#, headers: [.origin: Self.evil])
      #expect(answer.status == .ok)
      #expect(answer.header(.accessControlAllowOrigin) == Self.evil)
      #expect(answer.headers[values: .accessControlAllowOrigin] == [Self.evil])
      #expect(answer.header(.vary)?.contains("Origin") == true)
      let other = try await client.send(
        .get, "/healthz", headers: [.origin: "https://evil.example.com"])
      #expect(other.status == .forbidden)
    }
  }

  @Test func aPreflightFromAnAllowedOriginIs204() async throws {
    let app = ServerTestSupport.app(
      try ServerTestSupport.shared(),
      options: ServerOptions(token: Self.token, allowedOrigins: [Self.evil]))
    try await app.test(.router) { client in
      let answer = try await client.send(
        .options, "/api/suggest",
        headers: [
          .origin: Self.evil, .accessControlRequestMethod: "POST",
          .accessControlRequestHeaders: "authorization, content-type",
        ])
      #expect(answer.status == .noContent)
      #expect(answer.header(.accessControlAllowOrigin) == Self.evil)
      #expect(answer.header(.accessControlAllowMethods)?.contains("POST") == true)
      #expect(answer.header(.accessControlAllowHeaders)?.contains("Authorization") == true)
      let refused = try await client.send(
        .options, "/api/suggest",
        headers: [.origin: "https://other.example", .accessControlRequestMethod: "POST"])
      #expect(refused.status == .forbidden)
      #expect(refused.header(.accessControlAllowOrigin) == nil)
    }
  }

  /// The router test client sends requests to `localhost`: a page of `http://localhost` is
  /// same-origin.
  @Test func sameOriginIsAllowedWithoutAnEntry() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      for origin in ["http://localhost", "https://localhost"] {
        let answer = try await client.suggest(
          #"{"text":"老板能便宜点吗"}"#, headers: [.origin: origin])
        #expect(answer.status == .ok, "\(origin)")
        #expect(answer.header(.accessControlAllowOrigin) == nil, "\(origin)")
      }
      for origin in ["http://localhost:9999", "http://localhost.evil.example", "null"] {
        let answer = try await client.suggest(
          #"{"text":"老板能便宜点吗"}"#, headers: [.origin: origin])
        #expect(answer.status == .forbidden, "\(origin)")
      }
    }
  }

  /// A page of another site whose name the attacker points at 127.0.0.1 (DNS rebinding)
  /// sends `Origin: http://rebind.example:PORT` with `Host: rebind.example:PORT`: it is not
  /// huashu's own page and must be refused like any other origin.
  @Test func aRebindingPageIsNotSameOrigin() async throws {
    let router = HuashuServer.router(
      service: try ServerTestSupport.service(), options: ServerOptions(),
      logger: ServerTestSupport.quietLogger)
    let app = Application(
      router: router,
      configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
      logger: ServerTestSupport.quietLogger)
    try await app.test(.live) { client in
      let port = try #require(client.port)
      let local = try await RawHTTP.exchange(
        port: port,
        "GET /api/find?q=yf HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
          + "Origin: http://127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
      #expect(local.hasPrefix("HTTP/1.1 200"))
      let body = #"{"id":"yj1"}"#
      let rebound = try await RawHTTP.exchange(
        port: port,
        "POST /api/accept HTTP/1.1\r\nHost: rebind.example:\(port)\r\n"
          + "Origin: http://rebind.example:\(port)\r\nContent-Type: application/json\r\n"
          + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
      #expect(rebound.hasPrefix("HTTP/1.1 403"), "\(rebound.prefix(200))")
    }
  }

  @Test func noAnswerEverCarriesAStarOrigin() async throws {
    let app = ServerTestSupport.app(
      try ServerTestSupport.shared(), options: ServerOptions(allowedOrigins: [Self.evil]))
    try await app.test(.router) { client in
      let requests: [(HTTPRequest.Method, String, String?)] = [
        (.get, "/", nil), (.get, "/editor", nil), (.get, "/assets/panel.js", nil),
        (.get, "/healthz", nil), (.get, "/api/find?q=yf", nil), (.get, "/api/find", nil),
        (.post, "/api/suggest", #"{"text":"在吗"}"#), (.post, "/api/suggest", "{"),
        (.options, "/api/suggest", nil), (.get, "/no-such-page", nil),
      ]
      for origin in [nil, Self.evil, "https://other.example", "http://localhost"] {
        for (method, uri, body) in requests {
          var headers: HTTPFields = [:]
          if let origin { headers[.origin] = origin }
          let answer = try await client.send(method, uri, body: body, headers: headers)
          #expect(
            !answer.headers[values: .accessControlAllowOrigin].contains("*"),
            "\(uri) \(origin ?? "")")
        }
      }
    }
  }

  /// A page of an allowed origin reads error answers too (a 400 it should show the agent).
  @Test func anAllowedOriginCanReadErrorAnswers() async throws {
    let app = ServerTestSupport.app(
      try ServerTestSupport.shared(), options: ServerOptions(allowedOrigins: [Self.evil]))
    try await app.test(.router) { client in
      let suggest = try await client.suggest("{", headers: [.origin: Self.evil])
      #expect(suggest.status == .badRequest)
      #expect(suggest.header(.accessControlAllowOrigin) == Self.evil)
      let find = try await client.send(.get, "/api/find?q=", headers: [.origin: Self.evil])
      #expect(find.status == .badRequest)
      #expect(find.header(.accessControlAllowOrigin) == Self.evil)
    }
  }

  // MARK: - Security headers

  static let pages = [
    "/", "/editor", "/assets/panel.js", "/assets/editor.js", "/assets/huashu.js",
    "/assets/huashu.css",
  ]

  @Test func everyPageCarriesTheSecurityHeaders() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      for path in Self.pages + ["/healthz", "/api/find?q=yf"] {
        let answer = try await client.send(.get, path)
        #expect(answer.status == .ok, "\(path)")
        let policy = try #require(answer.header(.contentSecurityPolicy), "\(path)")
        #expect(policy.contains("script-src 'self'"), "\(path)")
        #expect(policy.contains("default-src 'self'"), "\(path)")
        #expect(policy.contains("frame-ancestors 'none'"), "\(path)")
        #expect(!policy.contains("unsafe-inline"), "\(path)")
        #expect(!policy.contains("unsafe-eval"), "\(path)")
        #expect(answer.header(.xContentTypeOptions) == "nosniff", "\(path)")
        #expect(answer.header(HTTPField.Name("Referrer-Policy")!) == "no-referrer", "\(path)")
      }
    }
  }

  /// The headers every answer carries, errors included (a 404, a 400, a 401).
  @Test func errorAnswersCarryTheSecurityHeadersToo() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      let suggest = try await client.suggest("{")
      #expect(suggest.status == .badRequest)
      #expect(suggest.header(.xContentTypeOptions) == "nosniff")
      let thrown = [
        try await client.send(.get, "/api/find?q="),
        try await client.send(.get, "/no-such-page"),
        try await client.send(.get, "/images/team/../../etc/passwd"),
      ]
      for answer in thrown {
        #expect(answer.header(.xContentTypeOptions) == "nosniff")
        #expect(answer.header(.contentSecurityPolicy) != nil)
      }
    }
  }
}

/// Collects the messages a logger writes.
final class LogLines: LogHandler, Sendable {
  private let lines = Mutex<[String]>([])

  var all: [String] { lines.withLock { $0 } }

  func log(event: LogEvent) {
    let message = event.message.description
    lines.withLock { $0.append(message) }
  }

  var metadataProvider: Logger.MetadataProvider? {
    get { nil }
    set {}
  }

  subscript(metadataKey _: String) -> Logger.Metadata.Value? {
    get { nil }
    set {}
  }

  var metadata: Logger.Metadata {
    get { [:] }
    set {}
  }

  var logLevel: Logger.Level {
    get { .trace }
    set {}
  }
}
