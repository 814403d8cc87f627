import Foundation
import Glibc
import HTTPTypes
import HuashuCore
import HuashuServer
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import TestScratch
import Testing

/// Services on the shipped rules and phrasebooks, the server's router on them, and helpers to
/// send requests and read their answers.
enum ServerTestSupport {
  /// The package root, found from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The shipped rule files.
  static var rulesDirectory: String { packageRoot.appendingPathComponent("rules").path }

  /// The shipped team phrasebooks and shop profile.
  static var phrasebookDirectory: String {
    packageRoot.appendingPathComponent("phrasebooks").path
  }

  /// The time the fixed clocks start at.
  static let now = Date(timeIntervalSince1970: 1_800_000_000)

  /// A personal layer that does not exist: the team phrasebook alone.
  static func noPersonalLayer() -> String { Scratch.url("no-personal").path }

  /// The sources of the shipped content, with `personal` as the personal layer.
  static func shippedSources(personal: String? = nil) -> SuggestContent.Sources {
    SuggestContent.Sources(
      rulesDirectory: rulesDirectory, phrasebookDirectory: phrasebookDirectory,
      personalDirectory: personal ?? noPersonalLayer())
  }

  /// A service on `sources` (the shipped content by default) with a fresh usage database.
  static func service(
    sources: SuggestContent.Sources = shippedSources(), clock: TestClock = TestClock(),
    corpora: [String] = [], usageDatabasePath: String? = nil
  ) throws -> SuggestService {
    try SuggestService(
      configuration: SuggestService.Configuration(
        sources: sources,
        usageDatabasePath: usageDatabasePath ?? Scratch.url("usage", extension: "sqlite").path,
        corpora: corpora, clock: { clock.now }))
  }

  /// A logger that stays quiet unless something is badly wrong.
  static var quietLogger: Logger {
    var logger = Logger(label: "huashu-server-tests")
    logger.logLevel = .critical
    return logger
  }

  /// The application of `service` with `options`, for `.router` tests.
  static func app(_ service: SuggestService, options: ServerOptions = ServerOptions())
    -> some ApplicationProtocol
  {
    Application(
      router: HuashuServer.router(service: service, options: options, logger: quietLogger))
  }

  /// The content of `sources` loaded by the library's loaders, as the command line loads it.
  static func library(sources: SuggestContent.Sources) throws -> Library {
    let rules = try RuleSetLoader().load(directory: sources.rulesDirectory).ruleSet
    let scripts = try ConversationScriptLoader().load(
      directory: sources.rulesDirectory, ruleSet: rules)
    let replies = try PhrasebookSetLoader(knownIntents: Set(rules.intents.map(\.id)))
      .load(directory: sources.phrasebookDirectory, personalDirectory: sources.personalDirectory)
    return Library(
      ruleSet: rules, matcher: Matcher(ruleSet: rules), scripts: scripts.scripts,
      phrasebook: replies.phrasebook, profile: replies.profile)
  }

  /// The shipped content loaded once (compiling the rules takes a while in a debug build).
  private static let shippedLibrary = Result { try library(sources: shippedSources()) }

  /// The shipped content, loaded by the library's loaders.
  static func library() throws -> Library { try shippedLibrary.get() }

  /// One service on the shipped content shared by the tests that only read (classify,
  /// explain, find, pages, headers): they must not accept replies, and use chats of their own.
  private static let sharedService = Result { try service() }

  /// The service the reading tests share.
  static func shared() throws -> SuggestService { try sharedService.get() }

  /// A suggest session on the shipped content built as `huashu suggest` builds it, to
  /// compare the server's answers with.
  static func session(clock: TestClock = TestClock()) throws -> SuggestSession {
    let library = try library()
    return SuggestSession(
      matcher: library.matcher,
      coach: ConversationCoach(
        suggester: Suggester(phrasebook: library.phrasebook), scripts: library.scripts),
      profile: library.profile,
      usageDatabasePath: Scratch.url("session-usage", extension: "sqlite").path,
      clock: { clock.now })
  }

  /// What `huashu suggest --format json` writes for `line` as line 1 of `session`.
  static func suggestJSON(_ session: inout SuggestSession, _ line: String) -> String {
    let answer = session.answer(LineReader.Line(number: 1, bytes: Array(line.utf8)))
    return String(
      decoding: SuggestionRecord.jsonLine(
        line: 1, answer: answer, ruleSet: session.engine.matcher.ruleSet),
      as: UTF8.self)
  }

  /// Copies the shipped rules and phrasebooks to a new scratch directory, to change them.
  static func copyOfShippedContent() throws -> (root: URL, sources: SuggestContent.Sources) {
    let root = Scratch.url("content")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let rules = root.appendingPathComponent("rules")
    let phrasebooks = root.appendingPathComponent("phrasebooks")
    try FileManager.default.copyItem(atPath: rulesDirectory, toPath: rules.path)
    try FileManager.default.copyItem(atPath: phrasebookDirectory, toPath: phrasebooks.path)
    let sources = SuggestContent.Sources(
      rulesDirectory: rules.path, phrasebookDirectory: phrasebooks.path,
      personalDirectory: root.appendingPathComponent("personal").path)
    return (root, sources)
  }

  /// Writes `files` (relative path → content) under a new scratch directory.
  static func directory(files: [String: [UInt8]]) throws -> URL {
    let root = Scratch.url("files")
    for (path, content) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(content).write(to: url)
    }
    return root
  }
}

/// Content loaded by the library, to compute what the server should answer.
struct Library: Sendable {
  let ruleSet: RuleSet
  let matcher: Matcher
  let scripts: ConversationScripts
  let phrasebook: Phrasebook
  let profile: ShopProfile

  /// The classification of `text`.
  func classify(_ text: String) -> Classification {
    var scratch = MatchScratch()
    return matcher.classify(text, using: &scratch)
  }
}

/// A clock a test sets: every service built with it answers at its time.
final class TestClock: Sendable {
  private let time: Mutex<Date>

  /// A clock at `start`.
  init(_ start: Date = ServerTestSupport.now) { time = Mutex(start) }

  /// The time now.
  var now: Date { time.withLock { $0 } }

  /// Moves the clock on by `seconds`.
  func advance(by seconds: TimeInterval) {
    time.withLock { $0 = $0.addingTimeInterval(seconds) }
  }
}

/// An answer of the server, read.
struct Answer {
  let status: HTTPResponse.Status
  let headers: HTTPFields
  let bytes: [UInt8]

  init(_ response: TestResponse) {
    status = response.status
    headers = response.headers
    bytes = Array(response.body.readableBytesView)
  }

  /// The body as text.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The body as a JSON object (empty when it is not one).
  var json: [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
  }

  /// The body decoded as `Value`.
  func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
    try JSONDecoder().decode(Value.self, from: Data(bytes))
  }

  /// The `error` of a JSON error answer.
  var error: String? { json["error"] as? String }

  /// The value of the header `name`.
  func header(_ name: HTTPField.Name) -> String? { headers[name] }

  /// Whether the answer is JSON in UTF-8.
  var isJSON: Bool { headers[.contentType] == "application/json; charset=utf-8" }
}

extension TestClientProtocol {
  /// Sends a request and reads its answer.
  func send(
    _ method: HTTPRequest.Method, _ uri: String, body: String? = nil, headers: HTTPFields = [:]
  ) async throws -> Answer {
    try await execute(
      uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
    ) { Answer($0) }
  }

  /// Sends a request with a body of raw bytes and reads its answer.
  func send(
    _ method: HTTPRequest.Method, _ uri: String, bytes: [UInt8], headers: HTTPFields = [:]
  ) async throws -> Answer {
    try await execute(
      uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: bytes)
    ) { Answer($0) }
  }

  /// `POST /api/suggest` with `body`.
  func suggest(_ body: String, headers: HTTPFields = [:]) async throws -> Answer {
    try await send(.post, "/api/suggest", body: body, headers: headers)
  }
}

/// The parts of a suggest answer the tests read.
struct SuggestReply: Decodable {
  struct Suggestion: Decodable {
    var id: String
    var text: String
    var score: Double
    var code: String?
  }

  struct ChatStateRecord: Decodable {
    var turn: Int
    var bargainingRound: Int

    enum CodingKeys: String, CodingKey {
      case turn
      case bargainingRound = "bargaining_round"
    }
  }

  var line: Int
  var chat: String?
  var intent: String?
  var suggestions: [Suggestion]?
  var chatState: ChatStateRecord?
  var error: String?

  enum CodingKeys: String, CodingKey {
    case line, chat, intent, suggestions, error
    case chatState = "chat_state"
  }
}

/// The part of `/healthz` the tests read.
struct Health: Decodable {
  var status: String
  var generation: Int
  var rules: Int
  var replies: Int
  var chats: Int
  var lastReloadError: String?

  enum CodingKeys: String, CodingKey {
    case status, generation, rules, replies, chats
    case lastReloadError = "last_reload_error"
  }
}

/// A request written byte for byte on a TCP connection to a live server, for what a test
/// client does not let a test choose (the `Host` header).
enum RawHTTP {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Sends `request` to 127.0.0.1:`port` and reads the answer until the server closes the
  /// connection (send `Connection: close`).
  ///
  /// The socket calls block, so they run on a thread of their own: on a thread of Swift's
  /// cooperative pool (two on a 2-core machine) they could hold up the very server tasks
  /// that are to answer.
  static func exchange(port: Int, _ request: String) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
      Thread {
        continuation.resume(with: Result { try blockingExchange(port: port, request) })
      }.start()
    }
  }

  private static func blockingExchange(port: Int, _ request: String) throws -> String {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw Failure(description: "socket: \(errno)") }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw Failure(description: "connect: \(errno)") }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(
      socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let bytes = Array(request.utf8)
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { throw Failure(description: "send: \(errno)") }
      sent += count
    }
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { break }
      answer += buffer[..<count]
    }
    return String(decoding: answer, as: UTF8.self)
  }
}
