/// An amount of money named in a buyer's message.
public struct Amount: Hashable, Sendable {
  /// The amount in yuan: 三块五 is 3.5, 五毛 is 0.5, 1.5万 is 15,000.
  public var value: Double

  /// Where the amount is in the message, including its currency sign and units (¥30, 三块五,
  /// 30元); a bare number offered as a price covers the number only.
  public var range: Range<String.Index>

  /// Whether the amount is written with a currency.
  ///
  /// The currencies are 块, 块钱, 元, 圆, 毛, 角, rmb, ¥, ￥ and 人民币. False for a bare number
  /// offered as a price (150可以吗).
  public var hasCurrency: Bool

  /// Creates an amount.
  ///
  /// - Parameters:
  ///   - value: The amount in yuan.
  ///   - range: Where it is in the message.
  ///   - hasCurrency: Whether it is written with a currency.
  public init(value: Double, range: Range<String.Index>, hasCurrency: Bool) {
    self.value = value
    self.range = range
    self.hasCurrency = hasCurrency
  }
}
