/// Reads the amounts of money a buyer names, in yuan.
///
/// Two kinds count:
/// - numbers written with a currency: ¥30, 30元, 三十块, 五毛, 三块五, rmb30, 人民币30;
/// - bare numbers offered as a price: followed by an offer word (一百五行不行, 150可以吗,
///   两百包邮吗) or preceded by one (便宜到80, 算80吧, 给个100).
///
/// Numbers are Arabic (30, 9.9, 1.5万) or Chinese, with the colloquial elided forms (一百五 =
/// 150, 一千二 = 1,200, 两万五 = 25,000, 三百零五 = 305). It favours precision: a number
/// followed by a measure word (三双, 八折, 3天), a run of seven digits or more (an order id, a
/// phone number), a number inside a Latin word (iphone13) or a placeholder ([数字1]), and
/// 块 used as a measure word (两块毛巾) or as "together" (一块发) are not amounts.
///
/// Input is normalized text (``Normalizer/normalize(_:)``). Immutable; safe to share.
///
/// ```swift
/// AmountReader.standard.amounts(in: "三块五一斤,一百五行不行").map(\.value)  // [3.5, 150]
/// ```
public struct AmountReader: Sendable {
  /// The reader with the built-in word lists.
  public static let standard = AmountReader()

  /// An amount found in a message, with its position in scalars.
  struct Found {
    let start: Int
    let end: Int
    let value: Double
    let hasCurrency: Bool
  }

  /// Creates a reader.
  public init() {}

  /// The amounts of money in `text`, in text order.
  ///
  /// - Parameter text: A normalized message.
  /// - Returns: The amounts, possibly empty.
  public func amounts(in text: String) -> [Amount] {
    let scalars = Array(text.unicodeScalars)
    guard
      scalars.contains(where: { WrittenNumber.isDigit($0) || ChineseNumeral.isNumeral($0) })
    else { return [] }
    var bounds = Array(text.unicodeScalars.indices)
    bounds.append(text.endIndex)
    return found(in: scalars).map {
      Amount(
        value: $0.value, range: bounds[$0.start]..<bounds[$0.end], hasCurrency: $0.hasCurrency)
    }
  }

  /// The amounts in `scalars`.
  func found(in scalars: [Unicode.Scalar]) -> [Found] {
    var result: [Found] = []
    var position = 0
    while position < scalars.count {
      guard let number = WrittenNumber.read(scalars, at: position) else {
        position += 1
        continue
      }
      if let amount = amount(for: number, in: scalars) {
        result.append(amount)
        position = amount.end
      } else {
        position = number.end
      }
    }
    return result
  }

  /// The amount `number` stands for, or nil when it is not money.
  private func amount(for number: WrittenNumber, in scalars: [Unicode.Scalar]) -> Found? {
    guard let value = number.value, value > 0, number.integerDigits < 7 else { return nil }
    let prefixStart = Self.currencyPrefixStart(scalars, before: number.start)
    let start = prefixStart ?? number.start
    // 第三块 is the third piece, whatever unit follows.
    guard start == 0 || scalars[start - 1] != "第", !Self.isGlued(scalars, before: start),
      !Self.isInPlaceholder(scalars, from: number.start, to: number.end)
    else { return nil }
    if let units = Self.readUnits(scalars, after: number, value: value) {
      guard units.isMoney else { return nil }
      return Found(start: start, end: units.end, value: units.value, hasCurrency: true)
    }
    guard !Self.isGlued(scalars, after: number.end) else { return nil }
    if prefixStart != nil {
      return Found(start: start, end: number.end, value: value, hasCurrency: true)
    }
    guard isOffered(number, value: value, in: scalars) else { return nil }
    return Found(start: number.start, end: number.end, value: value, hasCurrency: false)
  }

  /// Whether a bare number is offered as a price: 150可以吗, 便宜到80.
  ///
  /// Bare numbers under 10 are left out (要2吧 names a quantity), as are holidays (十一, 618)
  /// and numbers after a word that makes them an ordinal or a size (第, 双, 穿, 码).
  private func isOffered(_ number: WrittenNumber, value: Double, in scalars: [Unicode.Scalar])
    -> Bool
  {
    guard value >= 10 || value != value.rounded() else { return false }
    let written = scalars[number.start..<number.end]
    guard !Self.holidays.contains(where: { written.elementsEqual($0) }) else { return false }
    if number.start > 0, Self.quantityMarkers.contains(scalars[number.start - 1]) {
      return false
    }
    if Self.isFollowedByOffer(scalars, after: number.end) { return true }
    if number.end < scalars.count, Self.measureCharacters.contains(scalars[number.end]) {
      return false
    }
    return Self.isPrecededByOffer(scalars, before: number.start)
  }
}
