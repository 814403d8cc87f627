/// A phrasebook file kept as text outside a directory (in the team store): its name in its
/// layer, the path its diagnostics give, and its text, comments and all.
public struct PhrasebookSourceFile: Hashable, Sendable {
  /// The file's name in its layer (`bargain.yaml`).
  public var name: String
  /// What diagnostics call it (`store/team/bargain.yaml`).
  public var path: String
  /// The YAML, as the file has it.
  public var text: String

  /// Creates a file.
  public init(name: String, path: String, text: String) {
    self.name = name
    self.path = path
    self.text = text
  }
}

/// The phrasebooks one agent answers with, as a team store holds them: the team layer's files,
/// `shop.yaml`, and the agent's personal layer.
///
/// Loaded by ``PhrasebookSetLoader/load(_:)`` exactly as a phrasebook directory is, with every
/// diagnostic naming the stored file (`store/team/bargain.yaml:12:5`).
public struct StoredPhrasebooks: Hashable, Sendable {
  /// The team layer's files, in name order.
  public var team: [PhrasebookSourceFile]
  /// The shop profile, when the store has one.
  public var shop: PhrasebookSourceFile?
  /// The agent's personal layer, in name order.
  public var personal: [PhrasebookSourceFile]
  /// Where relative image paths of team replies are resolved (the server's `--phrasebooks`
  /// directory), when there is one.
  public var imageDirectory: String?

  /// Creates the phrasebooks.
  public init(
    team: [PhrasebookSourceFile], shop: PhrasebookSourceFile? = nil,
    personal: [PhrasebookSourceFile] = [], imageDirectory: String? = nil
  ) {
    self.team = team
    self.shop = shop
    self.personal = personal
    self.imageDirectory = imageDirectory
  }

  /// The path the diagnostics of a stored file give: `store/team/bargain.yaml`,
  /// `store/personal/小王/mine.yaml`, `store/shop.yaml`.
  public static func path(layer: String, agent: String = "", name: String) -> String {
    switch layer {
    case "personal": "store/personal/\(agent)/\(name)"
    case "shop": "store/\(name)"
    default: "store/\(layer)/\(name)"
    }
  }
}
