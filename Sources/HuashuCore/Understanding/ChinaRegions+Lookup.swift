extension ChinaRegions {
  /// The province-level regions by each name that means the region itself (四川, 四川省, 内蒙).
  private static let provincesByName: [String: ProvinceRecord] = {
    var byName: [String: ProvinceRecord] = [:]
    for province in provinces {
      for form in province.writtenForms { byName[form.name] = province }
    }
    return byName
  }()

  /// The province-level region `name` (normalized) means, if it names one and not a city.
  static func province(named name: String) -> ProvinceRecord? {
    provincesByName[name]
  }
}
