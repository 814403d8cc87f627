extension ReplyFinder {
  /// One reply found for a query: what matched and how well.
  ///
  /// Encodes as one JSON object: `code`, `id`, `group`, `intent`, `layer`, `matched` (the
  /// kind), `score`, `accepted`, `text` (placeholders as their fallbacks, `【name】` without
  /// one) and `template` (as written).
  public struct Match: Sendable, Encodable {
    /// What of a reply matched a query, best first.
    public enum Kind: String, Sendable, CaseIterable, Encodable {
      /// The query is the reply's code.
      case code
      /// The reply's code starts with the query.
      case codePrefix = "code_prefix"
      /// The query starts the pinyin initials of the reply's group.
      case groupInitials = "group_initials"
      /// The query starts the pinyin initials of a clause of the reply's text.
      case textInitials = "text_initials"
      /// Every word of the query is in the reply's text or group.
      case words

      /// The score of a match of this kind; a better match within the kind adds less than
      /// the gap to the next kind.
      public var baseScore: Int {
        switch self {
        case .code: 100
        case .codePrefix: 80
        case .groupInitials: 60
        case .textInitials: 40
        case .words: 20
        }
      }
    }

    /// The reply.
    public let entry: PhrasebookEntry
    /// What matched.
    public let kind: Kind
    /// How well: ``Kind/baseScore``, plus 5 for a query that is the group's whole initials,
    /// or whose words are all in the group.
    public let score: Int
    /// How often the agent accepted the reply (the usage passed to the query).
    public let accepted: Int

    /// Creates a match.
    public init(entry: PhrasebookEntry, kind: Kind, score: Int, accepted: Int) {
      self.entry = entry
      self.kind = kind
      self.score = score
      self.accepted = accepted
    }

    /// The reply's text as an agent sees it before sending: fallbacks filled in, `【name】`
    /// for a variable without one.
    public var text: String { entry.template.render([:]).text }

    enum CodingKeys: String, CodingKey {
      case code, id, group, intent, layer, matched, score, accepted, text, template
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(entry.code, forKey: .code)
      try container.encode(entry.id.rawValue, forKey: .id)
      try container.encode(entry.group, forKey: .group)
      try container.encode(entry.intent.rawValue, forKey: .intent)
      try container.encode(entry.layer, forKey: .layer)
      try container.encode(kind, forKey: .matched)
      try container.encode(score, forKey: .score)
      try container.encode(accepted, forKey: .accepted)
      try container.encode(text, forKey: .text)
      try container.encode(entry.template.source, forKey: .template)
    }
  }
}
