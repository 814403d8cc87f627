// The currency around a number: the sign before it (¥30), the units after it (三块五, 五毛),
// and what makes a number part of something else (iphone13, [数字1]).

extension AmountReader {
  /// The units after a number, the value they make, and whether they stand for money.
  struct UnitReading {
    let end: Int
    let value: Double
    let isMoney: Bool
  }

  /// Reads the currency units after `number`: 块/块钱/元/圆 with an optional jiao digit or 半
  /// (三块五 = 3.5, 一块五毛 = 1.5, 两块半 = 2.5), 毛/角 (五毛 = 0.5), rmb and 人民币.
  ///
  /// - Returns: nil when no unit follows; a reading with `isMoney` false when the unit is a
  ///   measure word or part of another word (两块毛巾, 三角裤, 一块发, 元宵).
  static func readUnits(
    _ scalars: [Unicode.Scalar], after number: WrittenNumber, value: Double
  ) -> UnitReading? {
    var position = number.end
    // 一百多块: 多 between the number and its unit; the value is the lower bound.
    if position + 1 < scalars.count, scalars[position] == "多",
      unitCharacters.contains(scalars[position + 1])
    {
      position += 1
    }
    guard position < scalars.count else { return nil }
    if let word = currencyWords.first(where: { scalars[position...].starts(with: $0) }) {
      return UnitReading(end: position + word.count, value: value, isMoney: true)
    }
    let unit = scalars[position]
    position += 1
    switch unit {
    case "块", "元", "圆":
      if let reading = subunits(scalars, at: position, value: value) { return reading }
      let isMoney: Bool
      if unit == "块" {
        // 一块 alone is as often "together" (一块发) as one yuan.
        let isLoneOne = number.isChinese && number.end - number.start == 1 && value == 1
        isMoney = !isLoneOne && continuesMoney(scalars, at: position)
      } else {
        isMoney = position == scalars.count || !yuanWordEndings.contains(scalars[position])
      }
      return UnitReading(end: position, value: value, isMoney: isMoney)
    case "毛", "角":
      var end = position
      var total = value / 10
      if end < scalars.count, scalars[end] == "钱" {
        end += 1
      } else if let fen = subunitDigit(scalars, at: end) {
        total += Double(fen) / 100
        end += 1
        if end < scalars.count, scalars[end] == "分" { end += 1 }
      } else if !continuesMoney(scalars, at: end) {
        return UnitReading(end: end, value: total, isMoney: false)
      }
      return UnitReading(end: end, value: total, isMoney: true)
    default:
      return nil
    }
  }

  /// What follows 块/元/圆: 钱, 半, or a jiao digit with an optional 毛/角 and 钱.
  private static func subunits(
    _ scalars: [Unicode.Scalar], at position: Int, value: Double
  ) -> UnitReading? {
    guard position < scalars.count else { return nil }
    var end = position
    var total = value
    if scalars[end] == "钱" {
      return UnitReading(end: end + 1, value: total, isMoney: true)
    }
    if scalars[end] == "半" {
      total += 0.5
      end += 1
    } else if let jiao = subunitDigit(scalars, at: end) {
      total += Double(jiao) / 10
      end += 1
      if end < scalars.count, scalars[end] == "毛" || scalars[end] == "角" {
        end += 1
        // 一块五毛五: a fen digit after the jiao.
        if let fen = subunitDigit(scalars, at: end) {
          total += Double(fen) / 100
          end += 1
          if end < scalars.count, scalars[end] == "分" { end += 1 }
        }
      }
    } else {
      return nil
    }
    if end < scalars.count, scalars[end] == "钱" { end += 1 }
    return UnitReading(end: end, value: total, isMoney: true)
  }

  /// A single digit 1–9 that counts in the next unit down (the 五 of 三块五), or nil when
  /// the digit starts a longer number (3块50).
  private static func subunitDigit(_ scalars: [Unicode.Scalar], at position: Int) -> Int? {
    guard position < scalars.count else { return nil }
    let scalar = scalars[position]
    let digit: Int?
    if WrittenNumber.isDigit(scalar) {
      digit = Int(scalar.value) - Int(("0" as Unicode.Scalar).value)
    } else {
      digit = ChineseNumeral.digit(of: scalar)
    }
    guard let digit, digit > 0 else { return nil }
    let next = position + 1
    if next < scalars.count {
      let after = scalars[next]
      // 3块50 is not 3.5 and 200块两件 is not 200.2: the digit must end the number and not
      // count pieces.
      if WrittenNumber.isDigit(after) || after == "." || ChineseNumeral.unit(of: after) != nil
        || after != "分" && measureCharacters.contains(after)
      {
        return nil
      }
    }
    return digit
  }

  /// Whether the text after a money unit lets the unit mean money: the end, punctuation, or
  /// a word from ``moneyContinuations`` (三块吗, 五毛一个), not a noun (两块毛巾).
  private static func continuesMoney(_ scalars: [Unicode.Scalar], at position: Int) -> Bool {
    guard position < scalars.count else { return true }
    let scalar = scalars[position]
    return !scalar.properties.isIdeographic || moneyContinuations.contains(scalar)
  }

  /// Where a currency sign right before `start` begins (¥30, rmb 30, 人民币30), or nil.
  static func currencyPrefixStart(_ scalars: [Unicode.Scalar], before start: Int) -> Int? {
    var end = start
    if end > 0, scalars[end - 1] == " " { end -= 1 }
    guard let word = currencySigns.first(where: { scalars[..<end].hasSuffix($0) }) else {
      return nil
    }
    return end - word.count
  }

  /// Whether the scalar before `start` ties the number to a word or a code: iphone13, v2,
  /// 10:30, #12.
  static func isGlued(_ scalars: [Unicode.Scalar], before start: Int) -> Bool {
    guard start > 0 else { return false }
    let scalar = scalars[start - 1]
    return scalar.isASCII && (scalar.properties.isAlphabetic || WrittenNumber.isDigit(scalar))
      || gluingBefore.contains(scalar)
  }

  /// Whether the scalar at `end` ties a bare number to a unit or a code: 5kg, 30%, 3x, 1️⃣.
  static func isGlued(_ scalars: [Unicode.Scalar], after end: Int) -> Bool {
    guard end < scalars.count else { return false }
    let scalar = scalars[end]
    return scalar.isASCII && scalar.properties.isAlphabetic || gluingAfter.contains(scalar)
  }

  /// Whether `start..<end` lies inside a bracketed placeholder such as [数字1].
  static func isInPlaceholder(_ scalars: [Unicode.Scalar], from start: Int, to end: Int) -> Bool {
    let limit = 16
    var opening = start - 1
    while opening >= max(0, start - limit), scalars[opening] != "[" {
      if scalars[opening] == "]" { return false }
      opening -= 1
    }
    guard opening >= 0, opening >= start - limit, scalars[opening] == "[" else { return false }
    return scalars[end..<min(scalars.count, end + limit)].contains("]")
  }
}
