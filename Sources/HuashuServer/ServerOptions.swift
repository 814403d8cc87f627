/// How `huashu serve` listens and whom it answers.
public struct ServerOptions: Sendable {
  /// The address to bind: `127.0.0.1` (this machine only) by default.
  public var host: String
  /// The port.
  public var port: Int
  /// The token every request must carry (`Authorization: Bearer T`, or the cookie the pages
  /// set); `nil`: no token, allowed only on a loopback address.
  public var token: String?
  /// Other origins whose pages may call the API (`https://shop.example.com`); huashu's own
  /// pages are same-origin and need no entry.
  public var allowedOrigins: [String]
  /// Serve the pages from this directory instead of the copies built into huashu (for
  /// changing them without a rebuild).
  public var assetsDirectory: String?

  /// Creates options.
  public init(
    host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
    allowedOrigins: [String] = [], assetsDirectory: String? = nil
  ) {
    self.host = host
    self.port = port
    self.token = token
    self.allowedOrigins = allowedOrigins
    self.assetsDirectory = assetsDirectory
  }

  /// Whether `host` is a loopback address, reachable from this machine only: `localhost`,
  /// `::1`, or an IPv4 address in 127.0.0.0/8 (written as an address, not a name).
  public var isLoopback: Bool { Self.isLoopbackName(host) }

  static func isLoopbackName(_ name: String) -> Bool {
    if name == "localhost" || name == "::1" || name == "[::1]" { return true }
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4, parts[0] == "127" else { return false }
    return parts.allSatisfy { part in
      !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII)
        && UInt8(part) != nil
    }
  }

  /// Whether a request addressed to `authority` (its `Host`) is for this server.
  ///
  /// Without a token only loopback names are: a web page whose own name was made
  /// to point at 127.0.0.1 (DNS rebinding) then reaches nothing. With a token, any name is,
  /// since the page cannot know the token.
  public func accepts(authority: String) -> Bool {
    guard token == nil else { return true }
    var name = Substring(authority)
    if name.hasPrefix("["), let end = name.firstIndex(of: "]") {
      name = name[...end]
    } else if let colon = name.lastIndex(of: ":") {
      name = name[..<colon]
    }
    return Self.isLoopbackName(String(name)) || String(name) == host
  }

  /// Checks the options can be served as they are.
  ///
  /// - Throws: ``ServerOptionsError`` when a non-loopback address has no token, or the token
  ///   or an origin is malformed.
  public func validate() throws(ServerOptionsError) {
    if let token {
      let printable = token.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }
      guard token.count >= 8, printable, !token.contains(";")
      else {
        throw ServerOptionsError(
          "the token must be at least 8 characters of printable ASCII, without spaces or ';'")
      }
    } else if !isLoopback {
      throw ServerOptionsError(
        "refusing to serve on \(host) without a token: any machine that reaches it could read "
          + "the phrasebooks and record acceptances; pass --token T (or set HUASHU_TOKEN) and "
          + "give T to the agents, or bind to 127.0.0.1")
    }
    for origin in allowedOrigins where origin == "*" || !origin.contains("://") {
      throw ServerOptionsError(
        "--allow-origin '\(origin)' is not an origin: give scheme, host and port, such as "
          + "https://shop.example.com (never *)")
    }
    guard (0...65535).contains(port) else {
      throw ServerOptionsError("--port \(port) is not a port (0 to 65535)")
    }
  }
}

/// Why the server will not start with the options given.
public struct ServerOptionsError: Error, Sendable, CustomStringConvertible {
  /// What is wrong and what to do.
  public var description: String

  init(_ description: String) { self.description = description }
}
