import ArgumentParser
import Foundation
import HuashuCore
import HuashuServer
import HuashuStore
import Logging

extension HuashuCommand {
  struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Serve the agent side panel, the editor page and the JSON API over HTTP.",
      discussion: """
        Open http://127.0.0.1:8080/ in a narrow browser window beside the chat: paste the \
        buyer's message, press Enter, click a reply (or press 1–3) to copy it. The editor page \
        (/editor) shows why a message got its answer and runs the rule examples and corpora. \
        The API is in docs/api.md; POST /api/suggest answers exactly what `huashu suggest \
        --format json` answers, and keeps each chat's state between its turns.

        The server binds to 127.0.0.1 (this machine only) by default. Binding another \
        address needs a token (--token or $HUASHU_TOKEN): every request must then carry \
        `Authorization: Bearer <token>`; a browser opens /?token=<token> once and keeps it in \
        a cookie.

        SIGHUP (kill -HUP <pid>) or POST /api/reload reloads the rules and phrasebooks; when \
        a file has errors, the old ones go on answering and the errors are logged. Every \
        request is logged on standard error, one line each.

        With a team store (--store or $HUASHU_STORE), the phrasebooks, usage counts and chats \
        are the store's: run as many servers as the shop needs behind any load balancer, and \
        each reloads within a second or two of an import. When the store cannot be reached, \
        the server goes on answering from what it has and /healthz says "degraded" until it \
        reconnects.

        Examples:
          huashu serve
          huashu serve --port 9000 --personal ~/my-replies
          HUASHU_TOKEN=$(openssl rand -hex 16) huashu serve --host 0.0.0.0
          huashu serve --corpus labelled.jsonl      # the editor page can run it
          huashu serve --store postgres://huashu@db.internal/shop --host 0.0.0.0 --token …

        Exit status: 0 after SIGINT or SIGTERM; 2 when the rules or phrasebooks have errors at \
        start; 64 when the options are unsafe (another address without a token); 1 when the port \
        cannot be bound.
        """)

    @OptionGroup var sources: RuleSourceOptions
    @OptionGroup var phrasebookSources: PhrasebookOptions
    @OptionGroup var agent: AgentOption
    @OptionGroup var store: StoreOption

    @Option(help: "The address to listen on; anything but loopback needs --token.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed at start).")
    var port = 8080

    @Option(
      help: ArgumentHelp(
        "The token every request must carry (default: $HUASHU_TOKEN).", valueName: "token"))
    var token: String?

    @Option(
      name: .customLong("allow-origin"),
      help: ArgumentHelp(
        "Let pages of this origin call the API (https://shop.example.com); repeatable.",
        valueName: "origin"))
    var allowedOrigins: [String] = []

    @Option(
      help: ArgumentHelp(
        "A labelled corpus (JSON Lines) the editor page may run; repeatable.", valueName: "file"
      ))
    var corpus: [String] = []

    @Option(help: "How many replies to suggest per message.")
    var top = 3

    @Option(help: "Forget a chat after this many hours without a message.")
    var idleHours: Double = 24

    @Option(help: "Log level: trace, debug, info (one line per request), notice, warning, error.")
    var logLevel: String = "info"

    @Option(
      help: ArgumentHelp(
        "Serve the pages from this directory instead of the built-in copies (to edit them).",
        valueName: "dir"))
    var assets: String?

    var options: ServerOptions {
      ServerOptions(
        host: host, port: port,
        token: token
          ?? ProcessInfo.processInfo.environment["HUASHU_TOKEN"].flatMap {
            $0.isEmpty ? nil : $0
          },
        allowedOrigins: allowedOrigins, assetsDirectory: assets)
    }

    func validate() throws {
      guard top >= 1 else { throw ValidationError("--top must be at least 1") }
      guard idleHours > 0 else { throw ValidationError("--idle-hours must be positive") }
      guard Logger.Level(rawValue: logLevel) != nil else {
        throw ValidationError(
          "--log-level must be one of trace, debug, info, notice, warning, error, critical")
      }
      for file in corpus where !FileManager.default.isReadableFile(atPath: file) {
        throw ValidationError("--corpus \(file): no such readable file")
      }
      do {
        try options.validate()
      } catch {
        throw ValidationError(error.description)
      }
    }

    func run() async throws {
      HuashuServer.useEventLoopsAsExecutor()
      let logger = {
        var logger = Logger(label: "huashu")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        return logger
      }()
      var location: StoreLocation?
      try CommandRunner.run { location = try store.location() }
      guard let location else {
        try await serve(try await makeService(logger: logger, store: nil), logger: logger)
        return
      }
      try await CommandRunner.run {
        try await StoreOption.with(location) { store in
          logger.notice("team store: \(store.location)")
          try await serve(try await makeService(logger: logger, store: store), logger: logger)
        }
      }
    }

    private func serve(_ service: SuggestService, logger: Logger) async throws {
      let host = options.host
      do {
        try await HuashuServer.run(service: service, options: options, logger: logger) { port in
          logger.notice(
            "serving http://\(host):\(port)/ (side panel) and http://\(host):\(port)/editor")
        }
      } catch {
        LineWriter.standardError.write(
          "huashu: error: cannot serve on \(options.host):\(options.port): \(error)"
            + " (is another server on that port? choose another with --port)")
        throw ExitCode.failure
      }
    }

    /// The service on the rules and phrasebooks of the options (the phrasebooks of `store`
    /// when given), exit 2 when they have errors.
    private func makeService(logger: Logger, store: (any TeamStore)?) async throws
      -> SuggestService
    {
      var configuration: SuggestService.Configuration?
      try CommandRunner.run {
        let sources = SuggestContent.Sources(
          rulesDirectory: try self.sources.rulesDirectory(),
          phrasebookDirectory: try phrasebookSources.phrasebookDirectory(),
          personalDirectory: phrasebookSources.personalDirectory)
        configuration = SuggestService.Configuration(
          sources: sources, usageDatabasePath: PhrasebookOptions.usageDatabasePath,
          agent: agent.name, idleTime: idleHours * 3600, replyLimit: top, corpora: corpus,
          warn: { diagnostics in
            for diagnostic in diagnostics { logger.warning("\(diagnostic.description)") }
          }, store: store)
      }
      guard let configuration else { throw CommandFailure.badInputExitCode }
      do {
        return try await SuggestService.connecting(configuration: configuration)
      } catch let error as SuggestContentError {
        DiagnosticPrinter.standardError.print(error.diagnostics)
        LineWriter.standardError.write("huashu: error: \(error.summary); nothing was served")
        throw CommandFailure.badInputExitCode
      } catch let error as StoreError {
        LineWriter.standardError.write("huashu: error: \(error)")
        throw CommandFailure.badInputExitCode
      }
    }
  }
}
