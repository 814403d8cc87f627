/// One matching rule, loaded and compiled: when it fires, it is evidence for an intent (or, in
/// `emotion.yaml`, for an emotion).
///
/// A rule fires when any of its ``any`` keywords or ``patterns`` matches (or, if it has
/// neither, when its ``all`` keywords are all present), every ``all`` keyword is present, and
/// no ``none`` keyword is. Keywords are matched as substrings of the normalized message.
///
/// Immutable and safe to share between threads. A class rather than a struct only so that
/// matching, which hands rules around by the hundred per message, copies one reference instead
/// of a dozen arrays.
public final class Rule: Sendable, Identifiable {
  /// What a fired rule is evidence for.
  public enum Target: Hashable, Sendable {
    /// An intent, from an intent rule file.
    case intent(IntentID)
    /// An emotion cue (only `.upset` or `.angry`), from an emotion rule file.
    case emotion(Emotion)
  }

  /// The rule's id, unique across the rule set.
  public let id: RuleID
  /// The id without its intent prefix (`free-shipping` for `bargain.free-shipping`): the topic
  /// a reply tag can name.
  public let name: String
  /// What the rule is evidence for.
  public let target: Target
  /// Keywords of which any one triggers the rule.
  public let any: [Keyword]
  /// Keywords that must all be present.
  public let all: [Keyword]
  /// Keywords any one of which vetoes the rule.
  public let none: [Keyword]
  /// Regular expressions of which any one triggers the rule.
  public let patterns: [RulePattern]
  /// How strong the evidence is; 1.0 by default.
  public let weight: Double
  /// Whether the rule is a fallback: its evidence counts only when no other intent rule fired,
  /// so broad topic words (退, 快递) decide a message nothing specific claims without tipping
  /// one that something specific does.
  public let isFallback: Bool
  /// Why the chat goes to a human as soon as this emotion cue fires; nil for every other rule.
  public let handoffReason: String?
  /// Messages the rule must and must not fire on.
  public let examples: RuleExamples
  /// Where the rule starts in its file (the `- id:` entry).
  public let location: SourceLocation

  /// Creates a rule.
  public init(
    id: RuleID, target: Target, any: [Keyword], all: [Keyword], none: [Keyword],
    patterns: [RulePattern], weight: Double, isFallback: Bool = false,
    handoffReason: String? = nil, examples: RuleExamples, location: SourceLocation
  ) {
    self.id = id
    self.name =
      id.rawValue.firstIndex(of: ".").map { String(id.rawValue[id.rawValue.index(after: $0)...]) }
      ?? id.rawValue
    self.target = target
    self.any = any
    self.all = all
    self.none = none
    self.patterns = patterns
    self.weight = weight
    self.isFallback = isFallback
    self.handoffReason = handoffReason
    self.examples = examples
    self.location = location
  }

  /// Whether the rule can only fire through its `all` keywords.
  public var isAllOnly: Bool { any.isEmpty && patterns.isEmpty }
}

/// A keyword of a rule, kept both as written and normalized.
public struct Keyword: Hashable, Sendable {
  /// The keyword as written in the rule file.
  public let text: String
  /// The keyword after normalization, as matched.
  public let normalized: String
  /// The normalized keyword's UTF-8 bytes.
  public let utf8: [UInt8]
  /// Where the keyword is written.
  public let location: SourceLocation

  /// Creates a keyword from its written and normalized forms.
  public init(text: String, normalized: String, location: SourceLocation) {
    self.text = text
    self.normalized = normalized
    self.utf8 = Array(normalized.utf8)
    self.location = location
  }
}

/// A regular expression of a rule, compiled.
public struct RulePattern: Sendable {
  /// The pattern as written in the rule file.
  public let source: String
  /// The compiled pattern (over normalized text, case-insensitive).
  public let regex: CompiledRegex
  /// Where the pattern is written.
  public let location: SourceLocation

  /// Creates a rule pattern.
  public init(source: String, regex: CompiledRegex, location: SourceLocation) {
    self.source = source
    self.regex = regex
    self.location = location
  }
}

/// A sample message kept next to a rule.
public struct RuleExample: Hashable, Sendable {
  /// The message.
  public let text: String
  /// Where it is written.
  public let location: SourceLocation

  /// Creates an example.
  public init(text: String, location: SourceLocation) {
    self.text = text
    self.location = location
  }
}

/// The examples of a rule: messages it must fire on and messages it must not.
public struct RuleExamples: Sendable {
  /// Messages the rule must fire on.
  public let match: [RuleExample]
  /// Messages the rule must not fire on.
  public let noMatch: [RuleExample]

  /// Creates a set of examples.
  public init(match: [RuleExample] = [], noMatch: [RuleExample] = []) {
    self.match = match
    self.noMatch = noMatch
  }
}
