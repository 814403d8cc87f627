/// A prefecture-level division (or a county-level city) in ``ChinaRegions``.
///
/// A string literal is a prefecture-level city without a flag: `"成都"` stands for 成都 and
/// 成都市.
struct DivisionRecord: Sendable, ExpressibleByStringLiteral {
  /// The kind of division, which decides the suffixed forms a message may use.
  enum Kind: Sendable, CaseIterable {
    /// 地级市: 成都, 成都市.
    case city
    /// 地区: 阿里, 阿里地区.
    case prefecture
    /// 自治州: 延边, 延边州, 延边朝鲜族自治州.
    case autonomousPrefecture
    /// 盟: 锡林郭勒, 锡林郭勒盟.
    case league
    /// 县级市, not one of the 333 prefecture-level divisions: 义乌, 义乌市.
    case countyLevelCity
  }

  /// The name without its suffix (成都, 延边, 锡林郭勒).
  let name: String

  /// The kind of division.
  let kind: Kind

  /// The official full name of an autonomous prefecture (延边朝鲜族自治州); nil otherwise.
  let fullName: String?

  /// Other names for the same division (版纳 for 西双版纳, the former name 襄樊 for 襄阳).
  let otherNames: [String]

  /// Whether the bare name is also a common word (中山路, 祝您安康, 阿里旺旺): then it counts
  /// only with a suffix (中山市) or after a word that introduces a place (寄到中山, 我在安康).
  let isAmbiguous: Bool

  /// Whether the bare name may be read at all; false where it belongs to a province
  /// (海南 is the province, 海南州 the prefecture in Qinghai).
  let hasBareName: Bool

  init(stringLiteral name: String) {
    self.init(name, kind: .city)
  }

  private init(
    _ name: String, kind: Kind, fullName: String? = nil, otherNames: [String] = [],
    isAmbiguous: Bool = false, hasBareName: Bool = true
  ) {
    self.name = name
    self.kind = kind
    self.fullName = fullName
    self.otherNames = otherNames
    self.isAmbiguous = isAmbiguous
    self.hasBareName = hasBareName
  }

  /// A prefecture-level city (地级市).
  static func city(_ name: String, isAmbiguous: Bool = false, also: [String] = []) -> Self {
    Self(name, kind: .city, otherNames: also, isAmbiguous: isAmbiguous)
  }

  /// A prefecture (地区).
  static func prefecture(_ name: String, isAmbiguous: Bool = false) -> Self {
    Self(name, kind: .prefecture, isAmbiguous: isAmbiguous)
  }

  /// An autonomous prefecture (自治州), with its official full name.
  static func autonomous(
    _ name: String, _ fullName: String, also: [String] = [], hasBareName: Bool = true
  ) -> Self {
    Self(
      name, kind: .autonomousPrefecture, fullName: fullName, otherNames: also,
      hasBareName: hasBareName)
  }

  /// A league (盟), Inner Mongolia's prefecture-level division.
  static func league(_ name: String, isAmbiguous: Bool = false) -> Self {
    Self(name, kind: .league, isAmbiguous: isAmbiguous)
  }

  /// A county-level city buyers often name (义乌); not one of the 333.
  static func countyLevelCity(_ name: String) -> Self {
    Self(name, kind: .countyLevelCity)
  }

  /// Every form a message may use for the division; `isBare` marks the forms without a
  /// suffix, which the reader checks against streets, districts and ambiguity.
  var writtenForms: [(name: String, isBare: Bool)] {
    var forms: [(String, Bool)] = []
    if hasBareName { forms.append((name, true)) }
    switch kind {
    case .city, .countyLevelCity: forms.append((name + "市", false))
    case .prefecture: forms.append((name + "地区", false))
    case .league: forms.append((name + "盟", false))
    case .autonomousPrefecture:
      forms.append((name + "州", false))
      if let fullName { forms.append((fullName, false)) }
    }
    forms += otherNames.map { ($0, true) }
    return forms
  }
}
