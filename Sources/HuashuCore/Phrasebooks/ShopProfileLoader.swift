internal import Yams

/// Loads `shop.yaml` with positions for every problem.
public struct ShopProfileLoader: Sendable {
  /// The profile and what was found wrong.
  public struct Result: Sendable {
    /// The profile (empty when the file has errors).
    public let profile: ShopProfile
    /// Every problem that makes the profile unusable, and warnings.
    public let diagnostics: [Diagnostic]
    /// What `huashu lint` reports about the shipping table's coverage (a province in no zone,
    /// or in two): the profile still works, but those buyers get no fee, or the second zone's
    /// never.
    public let coverage: [Diagnostic]
  }

  /// Creates a loader.
  public init() {}

  /// Loads the profile at `path`.
  public func load(path: String) -> Result {
    var diagnostics: [Diagnostic] = []
    let scope = YAMLScope.open(path: path, emptyHint: Self.emptyHint, diagnostics: &diagnostics)
    return load(scope, diagnostics: diagnostics)
  }

  /// Loads a profile kept as text (in a team store), as ``load(path:)`` loads a file.
  public func load(_ file: PhrasebookSourceFile) -> Result {
    var diagnostics: [Diagnostic] = []
    let scope = YAMLScope.parse(
      text: file.text, path: file.path, emptyHint: Self.emptyHint, diagnostics: &diagnostics)
    return load(scope, diagnostics: diagnostics)
  }

  private static let emptyHint = "add `shop:` and `shipping:`"

  private func load(_ opened: YAMLScope?, diagnostics: [Diagnostic]) -> Result {
    guard var scope = opened else {
      return Result(profile: ShopProfile(), diagnostics: diagnostics, coverage: [])
    }
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
    scope.checkKeys(
      at: [PathKey("bargaining")], allowed: ShopProfile.Bargaining.CodingKeys.self,
      what: "bargaining")
    let profile = scope.decode(ShopProfile.self, at: []) ?? ShopProfile()
    if let ratio = profile.bargaining?.floorRatio, !(ratio > 0 && ratio <= 1) {
      scope.report(
        .invalidValue, at: [PathKey("bargaining"), PathKey("floor_ratio")],
        "floor_ratio must be above 0 and at most 1",
        hint: "0.9 means the shop goes down to ninety percent of the listed price")
    }
    for (index, zone) in (profile.shipping?.zones ?? []).enumerated()
    where zone.fee == nil && zone.confirm != true {
      scope.report(
        .missingField, at: shipping + [PathKey("zones"), PathKey(index)],
        "zone '\(zone.name ?? "")' has neither `fee` nor `confirm: true`",
        hint: "add the zone's fee, or `confirm: true` if the fee must be checked first")
    }
    let loadDiagnostics = scope.diagnostics
    checkCoverage(of: profile, in: &scope)
    return Result(
      profile: profile, diagnostics: loadDiagnostics,
      coverage: Array(scope.diagnostics.dropFirst(loadDiagnostics.count)))
  }

  /// Checks the shop's `origin` against the table: seed 002's 相对本地 — a shop's own place is
  /// its cheapest zone (武汉 同城 6元 for a shop in 武汉; 江浙沪 6元 for one in 上海).
  private func checkOrigin(
    of profile: ShopProfile, zones: [ShopProfile.Zone], in scope: inout YAMLScope
  ) {
    guard let origin = profile.origin else { return }
    guard let place = PlaceReader.standard.places(in: Normalizer.standard.normalize(origin)).first
    else {
      scope.report(
        .invalidValue, at: [PathKey("origin")], "origin '\(origin)' is not a place huashu knows",
        hint: "write the city or province the shop ships from (武汉, 上海)", severity: .warning)
      return
    }
    let cheapest = zones.compactMap(\.fee).min()
    switch profile.shippingQuote(for: place.feeRegion) {
    case .fee(let amount, _, let zone, _) where cheapest.map({ amount > $0 }) == true:
      scope.report(
        .invalidValue, at: [PathKey("origin")],
        "the shop's own place \(origin) is quoted \(Amount.text(amount)) (zone '\(zone)'), "
          + "more than the cheapest zone",
        hint: "a shop's own place is its local zone (seed 002: 相对本地): list it first",
        severity: .warning)
    case .fee, .confirmFirst:
      break
    case .unknown:
      scope.report(
        .invalidValue, at: [PathKey("origin")],
        "the shop's own place \(origin) is in no shipping zone",
        hint: "add a local zone for it first (seed 002: 相对本地)", severity: .warning)
    }
  }

  /// Checks that every mainland province is in exactly one zone.
  ///
  /// A city, such as the shop's own 武汉, may sit in a zone before its province's: the first
  /// zone naming it wins. Hong Kong, Macau, Taiwan and abroad are outside any table: the agent
  /// confirms first.
  private func checkCoverage(of profile: ShopProfile, in scope: inout YAMLScope) {
    guard let zones = profile.shipping?.zones, !zones.isEmpty else { return }
    let zonesPath: [any CodingKey] = [PathKey("shipping"), PathKey("zones")]
    var zonesOfProvince: [String: [Int]] = [:]
    for (index, zone) in zones.enumerated() {
      for (position, written) in (zone.regions ?? []).enumerated() {
        let name = Normalizer.standard.normalize(written)
        if let province = ChinaRegions.province(named: name) {
          zonesOfProvince[province.region, default: []].append(index)
        } else if PlaceReader.standard.places(in: name).isEmpty {
          scope.report(
            .invalidValue,
            at: zonesPath + [PathKey(index), PathKey("regions"), PathKey(position)],
            "'\(written)' is neither a province nor a city huashu knows",
            hint: "write a province (四川, 内蒙古) or a prefecture-level city (成都)",
            severity: .warning)
        }
      }
    }
    checkOrigin(of: profile, zones: zones, in: &scope)
    for province in ChinaRegions.provinces where !province.isOutsideMainland {
      let found = zonesOfProvince[province.region] ?? []
      if found.isEmpty {
        scope.report(
          .invalidValue, at: zonesPath,
          "province \(province.region) is in no shipping zone: its buyers get no fee",
          hint:
            "add \(province.region) to the zone whose fee applies, or to one with `confirm: true`"
        )
      } else if found.count > 1 {
        let names = found.map { "'\(zones[$0].name ?? "zone \($0 + 1)")'" }
        scope.report(
          .invalidValue, at: zonesPath + [PathKey(found[1]), PathKey("regions")],
          "province \(province.region) is in two zones (\(names.joined(separator: " and ")))",
          hint: "keep it in one zone: the first one wins, so the other is never used")
      }
    }
  }
}
