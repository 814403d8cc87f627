internal import Yams

/// Loads `shop.yaml` with positions for every problem.
public struct ShopProfileLoader: Sendable {
  /// The profile and what was found wrong.
  public struct Result: Sendable {
    /// The profile (empty when the file has errors).
    public let profile: ShopProfile
    /// Every problem found.
    public let diagnostics: [Diagnostic]
  }

  /// Creates a loader.
  public init() {}

  /// Loads the profile at `path`.
  public func load(path: String) -> Result {
    var diagnostics: [Diagnostic] = []
    guard
      var scope = YAMLScope.open(
        path: path, emptyHint: "add `shop:` and `shipping:`", diagnostics: &diagnostics)
    else { return Result(profile: ShopProfile(), diagnostics: diagnostics) }
    scope.checkKeys(at: [], allowed: ShopProfile.CodingKeys.self, what: "shop profile")
    let shipping: [any CodingKey] = [PathKey("shipping")]
    scope.checkKeys(at: shipping, allowed: ShopProfile.Shipping.CodingKeys.self, what: "shipping")
    if case .sequence(let zones)? = scope.locator.existingNode(at: shipping + [PathKey("zones")]) {
      for index in zones.indices {
        scope.checkKeys(
          at: shipping + [PathKey("zones"), PathKey(index)],
          allowed: ShopProfile.Zone.CodingKeys.self, what: "shipping zone")
      }
    }
    let profile = scope.decode(ShopProfile.self, at: []) ?? ShopProfile()
    for (index, zone) in (profile.shipping?.zones ?? []).enumerated()
    where zone.fee == nil && zone.confirm != true {
      scope.report(
        .missingField, at: shipping + [PathKey("zones"), PathKey(index)],
        "zone '\(zone.name ?? "")' has neither `fee` nor `confirm: true`",
        hint: "add the zone's fee, or `confirm: true` if the fee must be checked first")
    }
    return Result(profile: profile, diagnostics: scope.diagnostics)
  }
}
