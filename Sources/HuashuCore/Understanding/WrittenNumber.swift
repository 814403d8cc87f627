/// A number as written in a message: Arabic digits (30, 9.9, 1.5万) or a run of Chinese
/// numerals (一百五), before any unit is read.
struct WrittenNumber {
  /// Where the number starts, in scalars.
  let start: Int

  /// Where the number ends, in scalars.
  let end: Int

  /// The value, or nil for a run of Chinese numerals that is not one number (两三, 万一).
  let value: Double?

  /// Whether the number is written in Chinese numerals.
  let isChinese: Bool

  /// How many digits the integer part has, for Arabic numbers (order ids run to 7 or more).
  let integerDigits: Int

  /// The number that starts at `position`, or nil when no number starts there.
  static func read(_ scalars: [Unicode.Scalar], at position: Int) -> WrittenNumber? {
    let first = scalars[position]
    if isDigit(first) {
      return readArabic(scalars, at: position)
    }
    guard ChineseNumeral.isNumeral(first) else { return nil }
    var end = position
    while end < scalars.count, ChineseNumeral.isNumeral(scalars[end]) { end += 1 }
    let value = ChineseNumeral.value(of: scalars[position..<end]).map(Double.init)
    return WrittenNumber(
      start: position, end: end, value: value, isChinese: true, integerDigits: 0)
  }

  /// Reads digits, an optional decimal part and an optional multiplier (1.5万, 3千, 1万2).
  private static func readArabic(_ scalars: [Unicode.Scalar], at position: Int) -> WrittenNumber {
    var end = position
    while end < scalars.count, isDigit(scalars[end]) { end += 1 }
    let integerDigits = end - position
    if end + 1 < scalars.count, scalars[end] == ".", isDigit(scalars[end + 1]) {
      end += 1
      while end < scalars.count, isDigit(scalars[end]) { end += 1 }
    }
    var text = ""
    text.unicodeScalars.append(contentsOf: scalars[position..<end])
    var value = Double(text)
    if let number = value, end < scalars.count,
      let multiplier = ChineseNumeral.unit(of: scalars[end]), multiplier >= 100,
      end + 1 == scalars.count || !ChineseNumeral.isNumeral(scalars[end + 1])
    {
      end += 1
      value = number * Double(multiplier)
      // 1万2 = 12,000: a lone digit after the multiplier counts in the next unit down.
      if let total = value, end < scalars.count, isDigit(scalars[end]),
        end + 1 == scalars.count || !isDigit(scalars[end + 1]) && scalars[end + 1] != ".",
        let digit = Double(String(scalars[end]))
      {
        value = total + digit * Double(multiplier / 10)
        end += 1
      }
    }
    return WrittenNumber(
      start: position, end: end, value: value, isChinese: false, integerDigits: integerDigits)
  }

  /// Whether `scalar` is an ASCII digit.
  static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    ("0"..."9").contains(scalar)
  }
}
