/// A place named in a buyer's message, mapped to its province-level region.
///
/// A shop's shipping-fee table is keyed by province-level region, so that is what ``region``
/// holds: 成都 and 四川省 both read as region 四川.
public struct Place: Hashable, Sendable {
  /// The name as written in the (normalized) message: 成都, 新疆, 哈尔滨市.
  public var name: String

  /// The province-level region's short name, as a shop's fee table writes it: 四川, 新疆,
  /// 内蒙古, 广西, 北京, 黑龙江, 香港, 澳门, 台湾; 海外 for any place abroad.
  public var region: String

  /// Whether the place is outside the mainland (Hong Kong, Macau, Taiwan, abroad), where a
  /// shop's fee table does not apply.
  public var isOutsideMainland: Bool

  /// Creates a place.
  ///
  /// - Parameters:
  ///   - name: The name as written in the message.
  ///   - region: The province-level region's short name, or 海外.
  ///   - isOutsideMainland: Whether the region is outside the mainland.
  public init(name: String, region: String, isOutsideMainland: Bool = false) {
    self.name = name
    self.region = region
    self.isOutsideMainland = isOutsideMainland
  }
}
