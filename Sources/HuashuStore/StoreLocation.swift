public import Foundation
internal import NIOSSL
internal import PostgresNIO

/// Where a team store is: a `postgres://user[:password]@host[:port]/database` URL (also
/// `postgresql://`), as `--store` or `HUASHU_STORE` gives it.
///
/// `?sslmode=disable`, `prefer` (the default, as libpq's) or `require` chooses TLS; `?host=DIR`
/// connects through the Unix socket in DIR instead of TCP.
public struct StoreLocation: Hashable, Sendable, CustomStringConvertible {
  /// The server's host name or address (empty with a Unix socket).
  public var host: String
  /// The server's port.
  public var port: Int
  /// The directory of the server's Unix socket, when it is reached that way.
  public var socketDirectory: String?
  /// Who connects.
  public var user: String
  /// The password, if the URL has one (never shown).
  var password: String?
  /// The database.
  public var database: String
  /// `disable`, `prefer` or `require`.
  public var sslMode: String

  /// Reads a store URL.
  ///
  /// - Throws: ``StoreLocationError`` saying what is wrong and what the URL should look like.
  public init(url text: String) throws(StoreLocationError) {
    guard let url = URLComponents(string: text),
      let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme.lowercased())
    else {
      throw StoreLocationError(
        url: text, problem: "only postgres:// URLs are stores")
    }
    let queryItems = url.queryItems ?? []
    func query(_ name: String) -> String? {
      queryItems.first { $0.name == name }?.value
    }
    host = url.host ?? ""
    socketDirectory = query("host")
    guard !host.isEmpty || socketDirectory != nil else {
      throw StoreLocationError(url: text, problem: "the URL names no host")
    }
    port = url.port ?? 5432
    guard let user = url.user.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
      throw StoreLocationError(url: text, problem: "the URL names no user")
    }
    self.user = user
    password = url.password?.removingPercentEncoding
    let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
    database = path.removingPercentEncoding ?? path
    guard !database.isEmpty else {
      throw StoreLocationError(url: text, problem: "the URL names no database")
    }
    sslMode = query("sslmode") ?? "prefer"
    guard ["disable", "prefer", "require"].contains(sslMode) else {
      throw StoreLocationError(
        url: text, problem: "sslmode '\(sslMode)' is not disable, prefer or require")
    }
  }

  /// The URL without its password.
  public var description: String {
    let place = socketDirectory.map { "?host=\($0)" } ?? ""
    return "postgres://\(user)@\(host):\(port)/\(database)\(place)"
  }

  /// The pool's configuration.
  func clientConfiguration() -> PostgresClient.Configuration {
    var configuration: PostgresClient.Configuration
    if let socketDirectory {
      configuration = PostgresClient.Configuration(
        unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user,
        password: password, database: database)
    } else {
      let tls: PostgresClient.Configuration.TLS =
        switch sslMode {
        case "disable": .disable
        case "require": .require(.makeClientConfiguration())
        default: .prefer(.makeClientConfiguration())
        }
      configuration = PostgresClient.Configuration(
        host: host, port: port, username: user, password: password, database: database,
        tls: tls)
    }
    configuration.options.connectTimeout = .seconds(2)
    return configuration
  }

  /// The configuration of one connection (the one that listens for changes).
  func connectionConfiguration() throws -> PostgresConnection.Configuration {
    if let socketDirectory {
      return PostgresConnection.Configuration(
        unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user,
        password: password, database: database)
    }
    let tls: PostgresConnection.Configuration.TLS =
      switch sslMode {
      case "disable": .disable
      case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
      default: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
      }
    var configuration = PostgresConnection.Configuration(
      host: host, port: port, username: user, password: password, database: database, tls: tls)
    configuration.options.connectTimeout = .seconds(2)
    return configuration
  }
}

/// A store URL that cannot be used.
public struct StoreLocationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The URL as given (its password hidden).
  public var url: String
  /// What is wrong.
  public var problem: String

  init(url: String, problem: String) {
    var shown = url
    if var components = URLComponents(string: url), components.password != nil {
      components.password = "…"
      shown = components.string ?? shown
    }
    self.url = shown
    self.problem = problem
  }

  public var description: String {
    "--store '\(url)': \(problem); give postgres://user[:password]@host[:port]/database"
  }
}
