/// The answer to a suggest or accept request: its JSON, and whether it is an error answer.
public struct SuggestAnswer: Sendable {
  /// The JSON object, UTF-8, as one line of `suggest --format json` (without the newline).
  public let json: [UInt8]
  /// Whether the request was bad (the JSON then has `error`).
  public let isFailure: Bool
}
