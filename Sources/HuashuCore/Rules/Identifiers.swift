/// A typed string identifier, so that a rule id cannot be passed where an intent id belongs.
///
/// `Kind` is a phantom type ( ``RuleIDKind``, ``IntentIDKind``); use the aliases ``RuleID``
/// and ``IntentID``.
public struct Identifier<Kind>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  /// The identifier as written in the files.
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  /// Creates an identifier from its text.
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }
  public var description: String { rawValue }
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// Marks ``Identifier`` as a rule id.
public enum RuleIDKind: Sendable {}
/// Marks ``Identifier`` as an intent id.
public enum IntentIDKind: Sendable {}

/// Marks ``Identifier`` as a reply (phrasebook entry) id.
public enum ReplyIDKind: Sendable {}

/// The id of a reply in a phrasebook (`bargain.firm-price`), unique within its layer.
public typealias ReplyID = Identifier<ReplyIDKind>

/// The id of a rule, unique across a rule set (`bargain.cheaper`).
public typealias RuleID = Identifier<RuleIDKind>
/// The id of an intent (`bargain`, `missing_item`): what a buyer wants.
public typealias IntentID = Identifier<IntentIDKind>

extension Identifier where Kind == IntentIDKind {
  /// The intent of a message no rule claims.
  ///
  /// Reserved: no rule file may declare it.
  public static var other: IntentID { "other" }

  /// The intent of a phrasebook reply that suits every topic.
  ///
  /// The generic replies of a conversation script (an acknowledgement for an angry buyer) use
  /// it; they serve when the topic has no variant of its own, and are never suggested for an
  /// intent by themselves.
  ///
  /// Reserved: no rule file may declare it.
  public static var any: IntentID { "any" }

  /// The intent of a reply imported without one (from a Qianniu CSV).
  ///
  /// Such replies are kept but never suggested; `huashu lint` reports them until an editor
  /// assigns an intent. Reserved: no rule file may declare it.
  public static var unassigned: IntentID { "unassigned" }
}

/// How the buyer feels, scored independently of the intent.
public enum Emotion: String, Hashable, Comparable, Sendable, Codable, CaseIterable {
  /// No sign of dissatisfaction.
  case calm
  /// Dissatisfied or worried, not hostile.
  case upset
  /// Hostile: threats, insults, shouting.
  case angry

  private var rank: Int {
    switch self {
    case .calm: 0
    case .upset: 1
    case .angry: 2
    }
  }

  public static func < (lhs: Emotion, rhs: Emotion) -> Bool { lhs.rank < rhs.rank }
}
