// The words around a name that decide whether it names a place: what follows (a street, a
// district, a dialect) and what comes before (a word that introduces a destination, or 从).

extension PlaceReader {
  /// Words that introduce a place when they come right before it: 寄到成都, 我是中山人.
  ///
  /// The single characters 到 and 在 are checked apart, in ``followsDestinationWord(_:at:)``,
  /// since 收到 and 现在 do not introduce places.
  private static let destinationWords: [[Unicode.Scalar]] = [
    "我是", "我们是", "来自", "老家", "收货地", "收货地址", "收件地址", "地址", "地址是", "寄往",
    "发往", "送往", "运往", "寄", "发",
  ].map { Array($0.unicodeScalars) }

  /// Characters that make a following 到 mean "delivered to": 寄到, 发到, 能到, 几天到.
  private static let deliveryCharacters: Set<Unicode.Scalar> = [
    "寄", "发", "送", "运", "邮", "递", "能", "会", "要", "快", "天", "久",
  ]

  /// Characters that make a following 在 mean "located in": 我在, 人在, 住在.
  private static let locatingCharacters: Set<Unicode.Scalar> = [
    "我", "人", "住", "们", "家", "你", "他", "她", "是",
  ]

  /// Characters that may follow a direction (东西南北中) before a street word: 南京西路.
  private static let directions: Set<Unicode.Scalar> = ["东", "西", "南", "北", "中"]

  /// Words after a bare name that make it a street: 湖南路, 南京西路, 北京大街.
  private static let streetWords: [[Unicode.Scalar]] = [
    "路", "街", "大道", "大街", "道", "巷", "弄", "胡同",
  ].map { Array($0.unicodeScalars) }

  /// Characters after a bare name that make it something else: a district or county of the
  /// same name elsewhere (朝阳区, 天津河北区), or a dialect (四川话).
  private static let nonPlaceFollowers: Set<Unicode.Scalar> = ["区", "县", "话"]

  /// Whether the bare name ending at `end` is a street, a district or a dialect.
  static func isStreetOrDistrict(_ scalars: [Unicode.Scalar], after end: Int) -> Bool {
    guard end < scalars.count else { return false }
    if nonPlaceFollowers.contains(scalars[end]) { return true }
    var next = end
    if directions.contains(scalars[next]) { next += 1 }
    return streetWords.contains { scalars[next...].starts(with: $0) }
  }

  /// Whether the name starting at `start` comes right after a word that introduces a
  /// destination or the buyer's whereabouts; spaces and colons in between are skipped.
  static func followsDestinationWord(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
    let end = skippingSeparators(scalars, before: start)
    guard end > 0 else { return false }
    if destinationWords.contains(where: { scalars[..<end].hasSuffix($0) }) { return true }
    let before: Unicode.Scalar? = end >= 2 ? scalars[end - 2] : nil
    let isOpening = before.map { !isWordScalar($0) } ?? true
    switch scalars[end - 1] {
    case "到", "往": return isOpening || before.map(deliveryCharacters.contains) == true
    case "在": return isOpening || before.map(locatingCharacters.contains) == true
    default: return false
    }
  }

  /// Whether the name starting at `start` is where goods come from: 从广州发货.
  static func followsOriginWord(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
    let end = skippingSeparators(scalars, before: start)
    return end > 0 && (scalars[end - 1] == "从" || scalars[end - 1] == "由")
  }

  /// The position before `start` once spaces and colons are stepped over.
  private static func skippingSeparators(_ scalars: [Unicode.Scalar], before start: Int) -> Int {
    var end = start
    while end > 0, scalars[end - 1] == " " || scalars[end - 1] == ":" { end -= 1 }
    return end
  }

  /// Whether a scalar is part of a word (a CJK ideograph, a letter or a digit) rather than
  /// punctuation, space or an emoji.
  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isIdeographic || scalar.properties.isAlphabetic
      || ("0"..."9").contains(scalar)
  }
}

extension ArraySlice where Element == Unicode.Scalar {
  /// Whether the slice ends with `suffix`.
  func hasSuffix(_ suffix: [Unicode.Scalar]) -> Bool {
    count >= suffix.count && self.suffix(suffix.count).elementsEqual(suffix)
  }
}
