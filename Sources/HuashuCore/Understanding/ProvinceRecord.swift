/// One province-level division in ``ChinaRegions`` and the divisions under it.
struct ProvinceRecord: Sendable {
  /// The short name a shop's fee table uses (四川, 内蒙古, 北京); also the region of every
  /// division listed under it.
  let region: String

  /// The official full name (四川省, 内蒙古自治区, 北京市, 香港特别行政区).
  let fullName: String

  /// Other short forms in everyday use (内蒙); never the one-character abbreviations.
  let otherNames: [String]

  /// Whether the shop's fee table leaves the region out (Hong Kong, Macau, Taiwan).
  let isOutsideMainland: Bool

  /// The prefecture-level divisions (and a few county-level cities) in the region.
  let divisions: [DivisionRecord]

  init(
    _ region: String, _ fullName: String, also otherNames: [String] = [],
    isOutsideMainland: Bool = false, _ divisions: [DivisionRecord] = []
  ) {
    self.region = region
    self.fullName = fullName
    self.otherNames = otherNames
    self.isOutsideMainland = isOutsideMainland
    self.divisions = divisions
  }

  /// Every name that means the region itself; `isBare` is false for the full name.
  var writtenForms: [(name: String, isBare: Bool)] {
    [(fullName, false), (region, true)] + otherNames.map { ($0, true) }
  }
}
