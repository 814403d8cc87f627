internal import Dispatch
public import HuashuCore
public import Hummingbird
public import Logging
internal import NIOCore
internal import NIOPosix

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// `huashu serve`: the JSON API, the agent side panel and the editor page, answering through a
/// ``SuggestService`` (which does all the work) on Hummingbird.
public enum HuashuServer {
  /// The routes and their middleware: request log, origin check, token check, security
  /// headers; then the API, the pages and the images.
  public static func router(
    service: SuggestService, options: ServerOptions, logger: Logger
  ) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: RequestLogMiddleware(logger: logger))
    router.add(middleware: OriginMiddleware(options: options))
    if let token = options.token { router.add(middleware: TokenMiddleware(token: token)) }
    router.add(middleware: SecurityHeadersMiddleware())
    APIRoutes(service: service, reload: ServerReload(service: service, logger: logger))
      .add(to: router)
    PageRoutes(service: service, assets: PageAssets(directory: options.assetsDirectory))
      .add(to: router)
    return router
  }

  /// The application listening on `options`' host and port.
  ///
  /// - Parameter onRunning: Called with the port once the server listens (the port the
  ///   system chose, for port 0).
  /// - Throws: ``ServerOptionsError`` when the options are not safe to serve.
  public static func application(
    service: SuggestService, options: ServerOptions, logger: Logger,
    onRunning: @escaping @Sendable (Int) -> Void = { _ in }
  ) throws(ServerOptionsError) -> some ApplicationProtocol {
    try options.validate()
    return Application(
      router: router(service: service, options: options, logger: logger),
      configuration: ApplicationConfiguration(
        address: .hostname(options.host, port: options.port), serverName: "huashu"),
      onServerRunning: { channel in onRunning(channel.localAddress?.port ?? options.port) },
      logger: logger)
  }

  /// Makes NIO's event loops Swift Concurrency's executor; call it first thing, on the main
  /// thread, before any task starts (before connecting to a team store).
  ///
  /// Request handlers then run on the event loops that read and write the connections instead
  /// of hopping to Swift Concurrency's own threads and back for every request: 13.1–15.4k
  /// suggest requests/s against 11.0–11.5k without, 106–126 µs of CPU per request against
  /// 140–148 (scripts/bench-server's load, alternating runs, 2 cores).
  public static func useEventLoopsAsExecutor() {
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
  }

  /// Serves until the process is interrupted or terminated (SIGINT, SIGTERM), reloading the
  /// rules and phrasebooks on SIGHUP.
  ///
  /// - Throws: ``ServerOptionsError`` when the options are not safe to serve; what the
  ///   server throws when it cannot listen.
  public static func run(
    service: SuggestService, options: ServerOptions, logger: Logger,
    onRunning: @escaping @Sendable (Int) -> Void = { _ in }
  ) async throws {
    let app = try application(
      service: service, options: options, logger: logger, onRunning: onRunning)
    signal(SIGHUP, SIG_IGN)
    let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
    let reload = ServerReload(service: service, logger: logger)
    hangup.setEventHandler { Task { _ = await reload.perform(trigger: "SIGHUP") } }
    hangup.resume()
    defer { hangup.cancel() }
    // With a team store: reload when another server or the CLI changes the phrasebooks.
    let following = Task {
      await service.followStore { outcome in reload.log(outcome, trigger: "store change") }
    }
    defer { following.cancel() }
    let sweeping = Task { await service.sweepStoredChats() }
    defer { sweeping.cancel() }
    try await app.runService()
  }
}

/// Reloads the rules and phrasebooks (on SIGHUP or `POST /api/reload`) and logs the outcome.
struct ServerReload: Sendable {
  let service: SuggestService
  let logger: Logger

  /// Reloads (the phrasebooks from the team store, when there is one), off the event loops,
  /// and logs the outcome.
  func perform(trigger: String) async -> Result<ServiceSnapshot, SuggestContentError> {
    let outcome: Result<ServiceSnapshot, SuggestContentError>
    do throws(SuggestContentError) {
      outcome = .success(try await service.refresh())
    } catch {
      outcome = .failure(error)
    }
    log(outcome, trigger: trigger)
    return outcome
  }

  func log(_ outcome: Result<ServiceSnapshot, SuggestContentError>, trigger: String) {
    switch outcome {
    case .success(let snapshot):
      let rules = snapshot.content.ruleSet.rules.count
      let replies = snapshot.content.phrasebook.entries.count
      logger.notice(
        "\(trigger): reloaded the rules and phrasebooks (generation \(snapshot.generation): \(rules) rules, \(replies) replies)"
      )
    case .failure(let error):
      logger.error(
        "\(trigger): reload failed; the old rules and phrasebooks go on answering\n\(error)")
    }
  }
}
