import ArgumentParser
import Foundation
import HuashuCore

/// `--state`, `--idle-hours` and `--now`: where chats are remembered between runs, and the
/// clock.
struct ConversationOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Remember chats between runs in this file.",
      discussion: """
        Read at the start (an absent file is no chats) and replaced atomically at the end, so \
        an agent can pipe one message at a time and the chat goes on.
        """,
      valueName: "file"))
  var state: String?

  @Option(help: "Forget a chat after this many hours without a message.")
  var idleHours: Double = 24

  @Option(
    help: ArgumentHelp(
      "The current time, ISO 8601 (2026-11-11T20:00:00+08:00), for replays and tests.",
      valueName: "time"))
  var now: String?

  func validate() throws {
    guard idleHours > 0 else { throw ValidationError("--idle-hours must be positive") }
    if now != nil, fixedTime == nil {
      throw ValidationError("--now takes an ISO 8601 time such as 2026-11-11T20:00:00+08:00")
    }
  }

  private var fixedTime: Date? {
    guard let now else { return nil }
    return try? Date(now, strategy: .iso8601)
  }

  /// The clock: `--now`, or the system's.
  var clock: @Sendable () -> Date {
    if let fixed = fixedTime { return { fixed } }
    return { Date() }
  }

  /// The chats of `--state`, or none.
  func loadChats() throws -> ChatStates {
    let idle = idleHours * 3600
    guard let state else { return ChatStates(idleTime: idle) }
    do {
      return try ChatStates(contentsOf: state, idleTime: idle)
    } catch {
      throw CommandFailure.badInput(String(describing: error))
    }
  }

  /// Writes the chats to `--state`, if given.
  func save(_ chats: ChatStates) throws {
    guard let state else { return }
    do {
      try chats.save(to: state, now: clock())
    } catch {
      throw CommandFailure.badInput(String(describing: error))
    }
  }
}
