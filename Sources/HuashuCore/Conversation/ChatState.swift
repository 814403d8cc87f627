public import Foundation

/// What huashu remembers of one chat between turns, described once (it is also the format of
/// the `--state` file).
public struct ChatState: Codable, Hashable, Sendable {
  /// The chat's id (the `chat` field of the input).
  public var chat: String
  /// Buyer messages seen.
  public var turn = 0
  /// The intents of the last few messages, newest last.
  public var recentIntents: [String] = []
  /// The emotions of the last few messages, newest last.
  public var recentEmotions: [Emotion] = []
  /// Upset or angry messages in a row, up to now.
  public var angryTurns = 0
  /// The current de-escalation step (1-based), or nil when the script is not running.
  public var deescalationStep: Int?
  /// The last topic the buyer raised (the last intent other than `other`).
  public var topic: String?
  /// Bargaining messages in this chat so far: the current bargaining round.
  public var bargainingRound = 0
  /// Whether the buyer was asked to confirm cash on delivery and has not answered.
  public var codPending = false
  /// The buyer's province-level region, once named in the chat (`我在成都` → 四川).
  public var region: String?
  /// Replies already suggested in this chat, oldest first.
  public var suggested: [String] = []
  /// Replies the agent used in this chat.
  public var accepted: [String] = []
  /// When the chat was last active.
  public var updatedAt: Date

  /// How many recent intents and emotions are kept.
  public static let historyLength = 8
  /// How many suggested replies are remembered.
  public static let suggestedMemory = 64

  /// A new chat.
  public init(chat: String, now: Date) {
    self.chat = chat
    self.updatedAt = now
  }

  /// The keys of the state file.
  public enum CodingKeys: String, CodingKey, CaseIterable {
    case chat, turn
    case recentIntents = "recent_intents"
    case recentEmotions = "recent_emotions"
    case angryTurns = "angry_turns"
    case deescalationStep = "deescalation_step"
    case topic
    case bargainingRound = "bargaining_round"
    case codPending = "cod_pending"
    case region
    case suggested, accepted
    case updatedAt = "updated_at"
  }

  /// How many turns after the buyer last raised it a topic still answers turns without a need
  /// of their own.
  public static let topicReach = 3

  /// Whether `topic` was the buyer's own need in one of the last ``topicReach`` turns.
  func isRecent(topic: IntentID) -> Bool {
    recentIntents.suffix(Self.topicReach).contains(topic.rawValue)
  }

  mutating func remember(intent: IntentID, emotion: Emotion) {
    Self.append(intent.rawValue, to: &recentIntents, keeping: Self.historyLength)
    Self.append(emotion, to: &recentEmotions, keeping: Self.historyLength)
    if intent != .other { topic = intent.rawValue }
  }

  /// Remembers replies suggested in this turn.
  mutating func remember(suggested replies: [ReplyID]) {
    for reply in replies {
      Self.append(reply.rawValue, to: &suggested, keeping: Self.suggestedMemory)
    }
  }

  /// Appends `element`, dropping the oldest elements beyond `limit`, in place.
  private static func append<Element>(
    _ element: Element, to list: inout [Element], keeping limit: Int
  ) {
    list.append(element)
    if list.count > limit { list.removeFirst(list.count - limit) }
  }
}

/// The chats of one agent: their states, dropped after an idle time, saved to a file between
/// runs.
public struct ChatStates: Sendable {
  /// The file format: a version and the chats.
  struct File: Codable {
    var formatVersion: Int
    var chats: [ChatState]

    enum CodingKeys: String, CodingKey {
      case formatVersion = "format_version"
      case chats
    }
  }

  /// The version written to state files.
  public static let formatVersion = 1

  private var states: [String: ChatState] = [:]
  /// Beside each state, where its suggested replies are in the phrasebook (not saved).
  private var positions: [String: SuggestedPositions] = [:]
  /// How long a chat may stay silent before it is forgotten.
  public let idleTime: TimeInterval

  /// No chats yet.
  public init(idleTime: TimeInterval = 24 * 3600) {
    self.idleTime = idleTime
  }

  /// The chats of a state file; an absent file is no chats.
  ///
  /// - Throws: ``ChatStateFileError`` when the file cannot be read or is not a state file.
  public init(contentsOf path: String, idleTime: TimeInterval = 24 * 3600) throws {
    self.init(idleTime: idleTime)
    guard FileManager.default.fileExists(atPath: path) else { return }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ChatStateFileError(path: path, reason: error.localizedDescription)
    }
    let file: File
    do {
      let decoder = JSONDecoder()
      decoder.dateDecodingStrategy = .iso8601
      file = try decoder.decode(File.self, from: data)
    } catch {
      throw ChatStateFileError(
        path: path, reason: "not a huashu state file (\(error.localizedDescription))")
    }
    guard file.formatVersion <= Self.formatVersion else {
      throw ChatStateFileError(
        path: path, reason: "written by a newer huashu (format \(file.formatVersion))")
    }
    for state in file.chats { states[state.chat] = state }
  }

  /// The state of `chat` at `now` (a new one if the chat is unknown or was idle too long),
  /// taken out until ``update(_:)`` puts it back: the caller then holds the only copy, which it
  /// can change in place.
  public mutating func take(_ chat: String, now: Date) -> ChatState {
    takeWithPositions(chat, now: now).state
  }

  /// Whether `state`'s chat has been silent no longer than ``idleTime`` at `now`.
  private func isActive(_ state: ChatState, at now: Date) -> Bool {
    now.timeIntervalSince(state.updatedAt) <= idleTime
  }

  /// Stores the state of its chat.
  public mutating func update(_ state: ChatState) {
    update(state, positions: SuggestedPositions())
  }

  /// ``take(_:now:)`` with where the chat's suggested replies are in the phrasebook, as its
  /// last turn left them (none for a new chat).
  public mutating func takeWithPositions(_ chat: String, now: Date)
    -> (state: ChatState, positions: SuggestedPositions)
  {
    let kept = positions.removeValue(forKey: chat)
    guard let state = states.removeValue(forKey: chat), isActive(state, at: now) else {
      return (ChatState(chat: chat, now: now), SuggestedPositions())
    }
    return (state, kept ?? SuggestedPositions())
  }

  /// Stores the state of its chat and where its suggested replies are.
  public mutating func update(_ state: ChatState, positions: SuggestedPositions) {
    states[state.chat] = state
    self.positions[state.chat] = positions
  }

  /// The state of `chat` as its last turn left it, if the chat is known.
  public func state(of chat: String) -> ChatState? {
    states[chat]
  }

  /// Forgets `chat`.
  public mutating func remove(_ chat: String) {
    states[chat] = nil
    positions[chat] = nil
  }

  /// Forgets every chat idle too long at `now`, so that a long-running front end holds only
  /// the chats still going on.
  public mutating func removeIdle(at now: Date) {
    for (chat, state) in states where !isActive(state, at: now) {
      states[chat] = nil
      positions[chat] = nil
    }
  }

  /// How many chats are still active at `now`.
  public func activeCount(at now: Date) -> Int {
    states.values.reduce(0) { $0 + (isActive($1, at: now) ? 1 : 0) }
  }

  /// Every chat still active at `now`, in chat-id order.
  public func active(at now: Date) -> [ChatState] {
    states.values.filter { isActive($0, at: now) }
      .sorted { $0.chat < $1.chat }
  }

  /// Writes the chats still active at `now` to `path` atomically (temporary file, then rename).
  public func save(to path: String, now: Date) throws {
    let file = File(formatVersion: Self.formatVersion, chats: active(at: now))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    do {
      try AtomicFile.write(try encoder.encode(file), to: path)
    } catch {
      throw ChatStateFileError(path: path, reason: "cannot write: \(error.localizedDescription)")
    }
  }
}

/// A state file that cannot be read or written.
public struct ChatStateFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file.
  public var path: String
  /// What went wrong.
  public var reason: String

  public var description: String { "\(path): \(reason)" }
}
