/// A shop profile's shipping zones with their region names normalized once, for quoting buyer
/// after buyer (``ShopProfile/shippingQuote(for:normalizer:)`` builds one per call).
public struct ShippingTable: Sendable {
  private struct Zone: Sendable {
    let zone: ShopProfile.Zone
    /// The zone's region names, normalized, as UTF-8.
    let names: [[UInt8]]
  }

  private let zones: [Zone]
  private let unit: String
  private let normalizer: Normalizer

  /// The zones of `profile`.
  public init(_ profile: ShopProfile, normalizer: Normalizer = .standard) {
    self.normalizer = normalizer
    unit = profile.shipping?.unit ?? "元"
    zones = (profile.shipping?.zones ?? []).map { zone in
      Zone(
        zone: zone,
        names: (zone.regions ?? []).map { Array(normalizer.normalize($0).utf8) }
          .filter { !$0.isEmpty })
    }
  }

  /// The quote for a buyer's region: the first zone one of whose names the region contains
  /// (四川省, 四川成都 → 四川) or starts (内蒙 → 内蒙古); unknown for none, or for a region of
  /// fewer than two characters.
  public func quote(for region: String?) -> ShippingQuote {
    guard let region, case let buyer = normalizer.normalize(region), buyer.count >= 2 else {
      return .unknown(region: region)
    }
    let bytes = Array(buyer.utf8)
    for entry in zones {
      let matches = entry.names.contains { name in
        Self.contains(bytes, name) || name.starts(with: bytes)
      }
      guard matches else { continue }
      let zone = entry.zone
      if zone.confirm == true { return .confirmFirst(zone: zone.name ?? "", region: region) }
      if let fee = zone.fee {
        return .fee(amount: fee, unit: unit, zone: zone.name ?? "", region: region)
      }
    }
    return .unknown(region: region)
  }

  /// Whether `needle` occurs in `haystack` (both short: a plain scan).
  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    for start in 0...(haystack.count - needle.count)
    where haystack[start..<(start + needle.count)].elementsEqual(needle) {
      return true
    }
    return false
  }
}
