/// What a buyer's message says beyond its intent, read from the words (and the input line's
/// fields): where the buyer is, the money named, and what an offer is measured against.
public struct TurnFacts: Hashable, Sendable {
  /// Where the buyer's region came from.
  public enum RegionSource: String, Hashable, Sendable {
    /// The input line's `region` field.
    case field
    /// A place named in this message (`寄到成都`).
    case message
    /// A place named earlier in the chat.
    case chat
  }

  /// The buyer's province-level region for this turn (四川, 香港, 海外), if known.
  public var region: String?
  /// Where ``region`` came from.
  public var regionSource: RegionSource?
  /// Whether the region lies outside the shop's fee table (Hong Kong, Macau, Taiwan,
  /// abroad): the agent confirms the fee first.
  public var isOutsideFeeTable = false
  /// Amounts of money the message names, in yuan, in text order.
  public var amounts: [Double] = []
  /// The listed price (the line's `price`, else the shop profile's default).
  public var price: Double?
  /// The lowest price the shop accepts (the line's `floor`, else the shop profile's).
  public var floor: Double?
  /// The amount the buyer proposes in a bargaining message.
  public var offer: Double?
  /// Whether the message brings what an agent asks an upset buyer for: a photo, an order
  /// number, an amount, a place.
  public var suppliesInformation = false

  /// Whether the offer is at or above the floor; nil without an offer or a floor.
  public var isOfferAcceptable: Bool? {
    guard let offer, let floor else { return nil }
    return offer >= floor
  }

  /// No facts.
  public init() {}
}
