/// The format of a phrasebook file (`phrasebooks/team/*.yaml`, or a personal layer's files),
/// described once.
///
/// ```yaml
/// group: 议价
/// entries:
///   - id: bargain.firm-price
///     intent: bargain
///     code: yj1                  # Qianniu shortcut code
///     text: '{buyer|亲}，我们已经是活动价了，质量有保证的哦~'
///     step: 1                    # bargaining round this reply suits (optional)
///     tags: [firm]
///     images: []
///     valid_from: 2026-10-20     # time-bound reply (optional): a date (China time) or an
///     valid_until: 2026-11-11    # ISO 8601 time; valid_until lasts through that day
/// hide: [bargain.gift]           # personal layer only: team entries this agent does not see
/// ```
public struct PhrasebookDocument: Codable, Hashable, Sendable {
  /// The group (situation) the file's entries belong to; shown to agents and used by Qianniu.
  public var group: String?
  /// The replies.
  public var entries: [PhrasebookEntryDocument]?
  /// Ids of team entries to hide (personal layer only).
  public var hide: [String]?

  /// The keys of a phrasebook file.
  public enum CodingKeys: String, CodingKey, CaseIterable {
    case group, entries, hide
  }
}

/// One reply as written in a phrasebook file.
public struct PhrasebookEntryDocument: Codable, Hashable, Sendable {
  /// The reply id, unique within its layer; a personal entry with a team id overrides it.
  public var id: String?
  /// The intent the reply answers.
  public var intent: String?
  /// The Qianniu shortcut code.
  public var code: String?
  /// The reply template, with `{variable}` and `{variable|fallback}` placeholders.
  public var text: String?
  /// The bargaining round (or script step) the reply suits.
  public var step: Int?
  /// Free tags; a few are situations the ranking knows (see ``ReplyContext``).
  public var tags: [String]?
  /// Images sent with the reply: relative paths or URLs.
  public var images: [String]?
  /// The first day or time the reply may be suggested (see ``ValidityWindow``).
  public var validFrom: String?
  /// The last day (through its end, China time) or time the reply may be suggested.
  public var validUntil: String?

  /// The keys of an entry.
  public enum CodingKeys: String, CodingKey, CaseIterable {
    case id, intent, code, text, step, tags, images
    case validFrom = "valid_from"
    case validUntil = "valid_until"
  }
}
