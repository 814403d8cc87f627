/// One line of a labelled corpus (`{"id","text","intent","emotion"}`), described once.
public struct LabeledMessage: Codable, Hashable, Sendable {
  /// An optional id, shown in reports instead of the text when present.
  public var id: String?
  /// The buyer's message.
  public var text: String
  /// The intent a person gave it (`other` for none of the rule files' intents).
  public var intent: String
  /// The emotion a person gave it (`calm`, `upset`, `angry`), if labelled.
  public var emotion: String?

  /// Creates a labelled message.
  public init(id: String? = nil, text: String, intent: String, emotion: String? = nil) {
    self.id = id
    self.text = text
    self.intent = intent
    self.emotion = emotion
  }
}
