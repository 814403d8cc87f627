/// What a service request could not do, and why.
public enum ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The request is bad: a missing field, a bad value.
  case badRequest(String)
  /// What the request names does not exist.
  case notFound(String)
  /// The service could not do it (a file it cannot read or write).
  case failed(String)
  /// The team store does not answer: try again once `/healthz` says `ok`.
  case unavailable(String)

  /// What went wrong, in one line.
  public var description: String {
    switch self {
    case .badRequest(let message), .notFound(let message), .failed(let message),
      .unavailable(let message):
      message
    }
  }
}
