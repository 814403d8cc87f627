/// Reads Chinese numerals as whole numbers, including the colloquial forms that leave out the
/// last unit: 一百五 is 150, 一千二 is 1,200, 两万五 is 25,000.
enum ChineseNumeral {
  /// The value of a digit character (零〇一二两三四五六七八九, and the colloquial 俩 and 仨).
  static func digit(of scalar: Unicode.Scalar) -> Int? {
    switch scalar {
    case "零", "〇": 0
    case "一": 1
    case "二", "两", "俩": 2
    case "三", "仨": 3
    case "四": 4
    case "五": 5
    case "六": 6
    case "七": 7
    case "八": 8
    case "九": 9
    default: nil
    }
  }

  /// The value of a unit character (十百千万).
  static func unit(of scalar: Unicode.Scalar) -> Int? {
    switch scalar {
    case "十": 10
    case "百": 100
    case "千": 1_000
    case "万": 10_000
    default: nil
    }
  }

  /// Whether `scalar` is a Chinese digit or unit.
  static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
    digit(of: scalar) != nil || unit(of: scalar) != nil
  }

  /// The value of a whole run of numeral characters, or nil when the run is not one number:
  /// an estimate (两三, 三四百), an idiom (万一) or a list of digits (一二三).
  ///
  /// Units must fall within a section (一百二十, not 一十百); 零 stands only after a unit
  /// (三百零五); a digit right after 百, 千 or 万 counts in the next unit down (一百五 = 150).
  static func value(of run: ArraySlice<Unicode.Scalar>) -> Int? {
    var total = 0
    var section = 0
    var pending: Int?  // a digit not yet multiplied by a unit
    var smallestUnit = Int.max  // units in a section must fall
    var unitBefore: Int?  // the unit right before the current character
    var elidedUnit: Int?  // the unit right before the pending digit
    var hasTenThousands = false
    for (offset, scalar) in zip(0..., run) {
      if let digit = digit(of: scalar) {
        guard pending == nil else { return nil }
        if digit == 0 {
          guard unitBefore != nil else { return nil }
          unitBefore = nil
          continue
        }
        pending = digit
        elidedUnit = unitBefore
        unitBefore = nil
      } else if let unit = unit(of: scalar) {
        if unit == 10_000 {
          let head = section + (pending ?? 0)
          guard !hasTenThousands, head > 0 else { return nil }
          total = head * 10_000
          section = 0
          smallestUnit = Int.max
          hasTenThousands = true
        } else {
          guard unit < smallestUnit else { return nil }
          // 十 alone opens a number: 十五 = 15.
          guard let multiplier = pending ?? (unit == 10 && offset == 0 ? 1 : nil) else {
            return nil
          }
          section += multiplier * unit
          smallestUnit = unit
        }
        pending = nil
        elidedUnit = nil
        unitBefore = unit
      } else {
        return nil
      }
    }
    if let pending {
      if let elidedUnit, elidedUnit >= 100 {
        section += pending * elidedUnit / 10
      } else {
        section += pending
      }
    }
    return total + section
  }
}
