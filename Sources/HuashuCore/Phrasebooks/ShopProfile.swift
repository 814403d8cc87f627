/// The shop profile (`phrasebooks/shop.yaml`): the shop's name and its shipping fees.
///
/// The fees by region follow the seed's table. Described once, as a Codable type.
///
/// ```yaml
/// shop: 好物小铺
/// origin: 武汉
/// shipping:
///   unit: 元/公斤
///   note: 顺丰及EMS按官方标准收费
///   zones:
///     - name: 同城
///       regions: [武汉]
///       fee: 6
///     - name: 需先确认
///       regions: [西藏]
///       confirm: true
/// ```
///
/// Only listed regions get a fee: a region the table does not name is unknown, never guessed.
public struct ShopProfile: Codable, Hashable, Sendable {
  /// The shop's name, for `{shop}`.
  public var shop: String?
  /// Where the shop ships from.
  public var origin: String?
  /// The shipping table.
  public var shipping: Shipping?
  /// Defaults for measuring a buyer's offer when the input line gives no `floor`.
  public var bargaining: Bargaining?

  /// The keys of the profile.
  public enum CodingKeys: String, CodingKey, CaseIterable {
    case shop, origin, shipping, bargaining
  }

  /// How low the shop goes when an input line names the price but no floor.
  public struct Bargaining: Codable, Hashable, Sendable {
    /// The floor as a share of the listed price (0.9: ninety percent of the price).
    public var floorRatio: Double?

    /// The keys of the bargaining defaults.
    public enum CodingKeys: String, CodingKey, CaseIterable {
      case floorRatio = "floor_ratio"
    }

    /// Creates the defaults.
    public init(floorRatio: Double? = nil) {
      self.floorRatio = floorRatio
    }
  }

  /// The lowest price the shop accepts for an item listed at `price`, by the profile's
  /// `floor_ratio`; nil without one.
  public func floor(forPrice price: Double) -> Double? {
    guard let ratio = bargaining?.floorRatio, ratio > 0, ratio <= 1 else { return nil }
    return (price * ratio * 100).rounded() / 100
  }

  /// The shipping table.
  public struct Shipping: Codable, Hashable, Sendable {
    /// The unit fees are quoted in (`元/公斤`).
    public var unit: String?
    /// A note for agents (express couriers at official rates…).
    public var note: String?
    /// The zones, most specific first: the first zone naming the buyer's region wins.
    public var zones: [Zone]?

    /// The keys of the shipping table.
    public enum CodingKeys: String, CodingKey, CaseIterable {
      case unit, note, zones
    }
  }

  /// A shipping zone: regions with one fee, or regions where the fee must be confirmed first.
  public struct Zone: Codable, Hashable, Sendable {
    /// The zone's name (同城, 偏远地区…).
    public var name: String?
    /// The provinces or cities in it, as buyers write them (四川, 内蒙古, 武汉).
    public var regions: [String]?
    /// The fee for the first unit.
    public var fee: Double?
    /// Whether the real fee must be confirmed before quoting (西藏).
    public var confirm: Bool?

    /// The keys of a zone.
    public enum CodingKeys: String, CodingKey, CaseIterable {
      case name, regions, fee, confirm
    }
  }

  /// Creates a profile.
  public init(
    shop: String? = nil, origin: String? = nil, shipping: Shipping? = nil,
    bargaining: Bargaining? = nil
  ) {
    self.shop = shop
    self.origin = origin
    self.shipping = shipping
    self.bargaining = bargaining
  }

  /// The shipping quote for a buyer's region.
  ///
  /// A zone region matches when the buyer's region contains it (四川省, 四川成都 → 四川) or
  /// starts it (内蒙 → 内蒙古); both are normalized first. The first matching zone wins. To
  /// quote many buyers, build a ``ShippingTable`` once.
  public func shippingQuote(for region: String?, normalizer: Normalizer = .standard)
    -> ShippingQuote
  {
    ShippingTable(self, normalizer: normalizer).quote(for: region)
  }
}

/// What the shop profile says about shipping to one region.
public enum ShippingQuote: Hashable, Sendable {
  /// A known fee.
  case fee(amount: Double, unit: String, zone: String, region: String)
  /// The fee must be confirmed before quoting (remote regions such as 西藏).
  case confirmFirst(zone: String, region: String)
  /// No region given, or one the table does not name.
  case unknown(region: String?)

  /// The fee as agents write it: `15元`.
  public var feeText: String? {
    guard case .fee(let amount, let unit, _, _) = self else { return nil }
    let number = Amount.text(amount)
    let currency = unit.split(separator: "/").first.map(String.init) ?? unit
    return number + currency
  }
}
