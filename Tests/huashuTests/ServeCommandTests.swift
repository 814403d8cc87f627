import Foundation
import TestScratch
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `huashu serve` as an agent starts it: the real binary on a free port, its log, SIGHUP
/// reloading the rules and phrasebooks (and keeping the old ones when a file is broken),
/// SIGTERM stopping it, and the refusal to serve another address without a token.
@Suite(.serialized)
struct ServeCommandTests {
  @Test func refusesAnotherAddressWithoutAToken() throws {
    let result = try CLI.run(
      ["serve", "--host", "0.0.0.0", "--port", "0"], environment: ["HUASHU_TOKEN": ""])
    #expect(result.status == 64)
    #expect(result.stderr.contains("refusing to serve on 0.0.0.0 without a token"))
    #expect(result.stderr.contains("--token"))
  }

  @Test func refusesAShortToken() throws {
    let result = try CLI.run(["serve", "--token", "abc"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("at least 8 characters"))
  }

  @Test func reloadsOnHangupAndKeepsTheOldContentWhenAFileIsBroken() async throws {
    let content = try ContentCopy()
    let server = try RunningServer(
      arguments: [
        "serve", "--port", "0", "--rules", content.rules.path,
        "--phrasebooks", content.phrasebooks.path,
      ])
    defer { server.stop() }
    let port = try await server.port()

    let before = try await server.json("http://127.0.0.1:\(port)/healthz", port: port)
    #expect(before["generation"] as? Int == 1)
    #expect(before["rules"] as? Int ?? 0 > 0)

    // A good change, then SIGHUP: the next load answers.
    try content.appendToTeamReply()
    server.signal(SIGHUP)
    let reloaded = try await server.waitForHealth(port: port) { $0["generation"] as? Int == 2 }
    #expect(reloaded["last_reload_error"] == nil)

    // A broken rule file, then SIGHUP: generation 2 goes on answering, the error is reported.
    try "intents: [".write(
      to: content.rules.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
    server.signal(SIGHUP)
    let failed = try await server.waitForHealth(port: port) { $0["last_reload_error"] != nil }
    #expect(failed["generation"] as? Int == 2)
    #expect((failed["last_reload_error"] as? String)?.contains("rule files") == true)
    let answer = try await server.post(
      "http://127.0.0.1:\(port)/api/suggest", body: #"{"chat":"c1","text":"老板能便宜点吗"}"#)
    #expect(answer["intent"] as? String == "bargain")

    server.signal(SIGTERM)
    let status = server.waitForExit()
    #expect(status == 0)
    let log = server.log
    #expect(log.contains("SIGHUP: reloaded the rules and phrasebooks (generation 2"))
    #expect(log.contains("SIGHUP: reload failed; the old rules and phrasebooks go on answering"))
    #expect(log.contains("broken.yaml"))
    #expect(log.contains("GET /healthz 200"))
    #expect(log.contains("POST /api/suggest 200"))
  }
}

/// A copy of the shipped rules and phrasebooks that a test may change.
private struct ContentCopy {
  let rules: URL
  let phrasebooks: URL

  init() throws {
    let root = Scratch.url("serve-content")
    rules = root.appendingPathComponent("rules")
    phrasebooks = root.appendingPathComponent("phrasebooks")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: CLI.packageRoot.appendingPathComponent("rules"), to: rules)
    try FileManager.default.copyItem(
      at: CLI.packageRoot.appendingPathComponent("phrasebooks"), to: phrasebooks)
  }

  /// Changes nothing a test reads but the file's contents: a comment at the end.
  func appendToTeamReply() throws {
    let file = phrasebooks.appendingPathComponent("team/bargain.yaml")
    let handle = try FileHandle(forWritingTo: file)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("\n# changed by ServeCommandTests\n".utf8))
    try handle.close()
  }
}

/// `huashu serve` running in the background, with its standard error collected.
private final class RunningServer: Sendable {
  private let process: ServerProcess

  init(arguments: [String]) throws {
    process = try ServerProcess(
      arguments: arguments, environment: ["HUASHU_HOME": Scratch.url("serve-home").path])
  }

  /// What the server logged so far.
  var log: String { process.log }

  /// The port from the server's "serving http://127.0.0.1:PORT/" line.
  func port() async throws -> Int {
    if let port = try await process.port(within: .seconds(30)) { return port }
    Issue.record("the server did not start; its log:\n\(log)")
    throw CancellationError()
  }

  func signal(_ number: Int32) { process.signal(number) }

  func stop() { process.stop() }

  func waitForExit() -> Int32 { process.waitForExit() }

  func json(_ address: String, port: Int) async throws -> [String: Any] {
    let (data, _) = try await URLSession.shared.data(from: try #require(URL(string: address)))
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
  }

  func post(_ address: String, body: String) async throws -> [String: Any] {
    var request = URLRequest(url: try #require(URL(string: address)))
    request.httpMethod = "POST"
    request.httpBody = Data(body.utf8)
    let (data, _) = try await URLSession.shared.data(for: request)
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
  }

  /// `/healthz` once `done` holds for it (within 20 s).
  func waitForHealth(port: Int, until done: ([String: Any]) -> Bool) async throws
    -> [String: Any]
  {
    var last: [String: Any] = [:]
    for _ in 0..<200 {
      last = try await json("http://127.0.0.1:\(port)/healthz", port: port)
      if done(last) { return last }
      try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("/healthz never got there; last: \(last); log:\n\(log)")
    return last
  }
}
