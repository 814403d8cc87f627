/// The format of a rule file (`rules/*.yaml`), described once.
///
/// An intent file has `intent`, `label` and `rules`. The emotion file (`emotion.yaml`) has no
/// `intent`; each of its rules carries `emotion: upset` or `emotion: angry` instead.
///
/// ```yaml
/// intent: bargain
/// label: 议价
/// rules:
///   - id: bargain.cheaper
///     any: [便宜, 优惠, 打折, 少点]
///     regex: ['(能|可以|再).{0,4}(便宜|优惠|少)']
///     none: [不便宜]
///     weight: 1.0
///     examples:
///       match: [老板能便宜点吗, 可以优惠一点不]
///       no_match: [这个质量怎么样]
/// ```
public struct RuleFileDocument: Codable, Hashable, Sendable {
  /// The intent every rule of the file is evidence for; absent in the emotion file.
  public var intent: String?
  /// The intent's human label.
  public var label: String?
  /// The intent a labelled corpus uses for this file's intent.
  ///
  /// For an intent the corpus's label set has none of its own for: `closing` counts as
  /// `other`, since corpora label thanks and goodbyes `other`. `huashu test` scores with it, and
  /// the conversation treats such an intent as an acknowledgement, no topic of its own.
  public var countsAs: String?
  /// The rules.
  public var rules: [RuleDocument]?

  /// The keys of a rule file.
  public enum CodingKeys: String, CodingKey, CaseIterable {
    case intent, label
    case countsAs = "counts_as"
    case rules
  }
}

/// One rule as written in a rule file.
public struct RuleDocument: Codable, Hashable, Sendable {
  /// The rule id, unique across all files.
  public var id: String?
  /// `upset` or `angry`; only in the emotion file.
  public var emotion: String?
  /// Keywords, any one of which triggers the rule.
  public var any: [String]?
  /// Keywords that must all be present.
  public var all: [String]?
  /// Keywords that veto the rule.
  public var none: [String]?
  /// PCRE2 patterns, any one of which triggers the rule.
  public var regex: [String]?
  /// Evidence weight, default 1.0.
  public var weight: Double?
  /// Whether the rule only counts when no other intent rule fired (topic words); intent rules
  /// only, default false.
  public var fallback: Bool?
  /// Why a chat goes to a human as soon as this emotion cue fires, in words for the agent
  /// (`the buyer threatens a bad review`); emotion cues only.
  public var handoff: String?
  /// Sample messages.
  public var examples: ExamplesDocument?

  /// The keys of a rule.
  public enum CodingKeys: String, CodingKey, CaseIterable {
    case id, emotion, any, all, none, regex, weight, fallback, handoff, examples
  }
}

/// The examples of a rule as written.
public struct ExamplesDocument: Codable, Hashable, Sendable {
  /// Messages the rule must fire on.
  public var match: [String]?
  /// Messages the rule must not fire on.
  public var noMatch: [String]?

  /// The keys of an examples block.
  public enum CodingKeys: String, CodingKey, CaseIterable {
    case match
    case noMatch = "no_match"
  }
}
