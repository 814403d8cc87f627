/// Reads the places a buyer names (寄到成都, 我在新疆, 发香港吗) and maps each to its
/// province-level region, the key of a shop's shipping-fee table.
///
/// The reader knows the 34 province-level divisions, the 333 prefecture-level divisions with
/// and without their suffixes (成都, 成都市; 延边, 延边州, 延边朝鲜族自治州), a few county-level
/// cities buyers often name (义乌), and places abroad. It favours precision: a name that is
/// also a common word (中山, 安康, 阿里) counts only with its suffix or after a word that
/// introduces a place, and a name followed by 路, 街, 区 or 县 is a street or a district, not
/// the place.
///
/// Input is normalized text (``Normalizer/normalize(_:)``). Immutable; safe to share.
///
/// ```swift
/// let reader = PlaceReader.standard
/// reader.places(in: "四川成都")       // [四川 → 四川, 成都 → 四川]
/// reader.destination(in: "我在上海,寄到哈尔滨市")?.region  // "黑龙江"
/// ```
public struct PlaceReader: Sendable {
  /// The reader over ``ChinaRegions``, built on first use.
  public static let standard = PlaceReader(
    provinces: ChinaRegions.provinces, abroad: ChinaRegions.abroad, decoys: ChinaRegions.decoys)

  /// A name found in a message, with its position in scalars.
  struct Found {
    let name: PlaceName
    let start: Int
    let end: Int
  }

  /// The written forms by first scalar, longest first.
  private let namesByFirstScalar: [Unicode.Scalar: [PlaceName]]

  /// Builds the lookup; the first form listed wins where two are spelled alike (the province
  /// 吉林 over the city 吉林).
  init(provinces: [ProvinceRecord], abroad: [String], decoys: [String]) {
    var names: [String: PlaceName] = [:]
    var order: [String] = []
    func add(_ name: String, region: String, isOutside: Bool, isBare: Bool, isAmbiguous: Bool) {
      guard names[name] == nil else { return }
      order.append(name)
      names[name] = PlaceName(
        scalars: Array(name.unicodeScalars),
        place: Place(name: name, region: region, isOutsideMainland: isOutside),
        isBare: isBare, isAmbiguous: isAmbiguous)
    }
    for province in provinces {
      for form in province.writtenForms {
        add(
          form.name, region: province.region, isOutside: province.isOutsideMainland,
          isBare: form.isBare, isAmbiguous: false)
      }
    }
    for province in provinces {
      for division in province.divisions {
        for form in division.writtenForms {
          add(
            form.name, region: province.region, isOutside: province.isOutsideMainland,
            isBare: form.isBare, isAmbiguous: form.isBare && division.isAmbiguous)
        }
      }
    }
    for name in abroad {
      add(
        name, region: ChinaRegions.abroadRegion, isOutside: true, isBare: true,
        isAmbiguous: false)
    }
    for decoy in decoys {
      let scalars = Array(decoy.unicodeScalars)
      for name in order {
        guard let place = names[name] else { continue }
        for offset in scalars.indices where scalars[offset...].starts(with: place.scalars) {
          names[name]?.decoys.append(PlaceName.Decoy(scalars: scalars, offset: offset))
        }
      }
    }
    var byFirst: [Unicode.Scalar: [PlaceName]] = [:]
    for name in order {
      guard let place = names[name], let first = place.scalars.first else { continue }
      byFirst[first, default: []].append(place)
    }
    namesByFirstScalar = byFirst.mapValues { $0.sorted { $0.scalars.count > $1.scalars.count } }
  }

  /// Every place named in `text`, in text order.
  ///
  /// Where names overlap the longest wins, so 吉林省 is one place, not 吉林 twice; a place
  /// named twice is reported twice.
  ///
  /// - Parameter text: A normalized message.
  /// - Returns: The places, possibly empty.
  public func places(in text: String) -> [Place] {
    found(in: Array(text.unicodeScalars)).map(\.name.place)
  }

  /// The place the message most likely means as the destination, or nil when it names none.
  ///
  /// That is the last place after a word that introduces one (寄到, 发到, 送到, 到, 在, 我在,
  /// 我是, 收货地, 地址); else the last place named that is not an origin (从广州发货).
  ///
  /// - Parameter text: A normalized message.
  public func destination(in text: String) -> Place? {
    let scalars = Array(text.unicodeScalars)
    let found = found(in: scalars)
    if let marked = found.last(where: { Self.followsDestinationWord(scalars, at: $0.start) }) {
      return marked.name.place
    }
    return found.last { !Self.followsOriginWord(scalars, at: $0.start) }?.name.place
  }

  /// The names in `scalars`, scanning left to right and taking the longest name at each
  /// position; after a place the scan resumes past it, after a name that is not a place (a
  /// street, a decoy) at the next scalar.
  func found(in scalars: [Unicode.Scalar]) -> [Found] {
    var result: [Found] = []
    var position = 0
    while position < scalars.count {
      guard let candidates = namesByFirstScalar[scalars[position]],
        let name = candidates.first(where: { scalars[position...].starts(with: $0.scalars) })
      else {
        position += 1
        continue
      }
      let end = position + name.scalars.count
      // An ambiguous name right after its own province is a place: 广东中山, 甘肃白银.
      let followsItsProvince = result.last.map {
        $0.end == position && $0.name.place.region == name.place.region
      }
      if isPlace(
        name, in: scalars, from: position, to: end, afterItsProvince: followsItsProvince == true)
      {
        result.append(Found(name: name, start: position, end: end))
        position = end
      } else {
        // A rejected name may overlap a real one: 平台北京 holds 台北, then 北京.
        position += 1
      }
    }
    return result
  }

  /// Whether a name found at `start..<end` names a place in this message.
  private func isPlace(
    _ name: PlaceName, in scalars: [Unicode.Scalar], from start: Int, to end: Int,
    afterItsProvince: Bool
  ) -> Bool {
    for decoy in name.decoys {
      let decoyStart = start - decoy.offset
      if decoyStart >= 0, scalars[decoyStart...].starts(with: decoy.scalars) { return false }
    }
    guard name.isBare else { return true }
    if Self.isStreetOrDistrict(scalars, after: end) { return false }
    return !name.isAmbiguous || afterItsProvince || Self.followsDestinationWord(scalars, at: start)
  }
}
