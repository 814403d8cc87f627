import HuashuCore
import Testing

struct DecimalTextTests {
  /// Scores appear in every `why`; they read as Swift writes the rounded `Double`.
  @Test func twoDecimalTextIsHowSwiftWritesTheRoundedNumber() {
    var wrong: [Double] = []
    for hundredths in -250...20_000 {
      for offset in [0, 0.004, -0.004, 0.5] {
        let value = (Double(hundredths) + offset) / 100
        if value.twoDecimalText != String(Double((value * 100).rounded()) / 100) {
          wrong.append(value)
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(5))")
  }

  @Test(arguments: [
    (0.8, 2, "0.80"), (0.996, 2, "1.00"), (12.34, 1, "12.3"), (3, 3, "3.000"), (0.05, 1, "0.1"),
  ])
  func formattedKeepsEveryDecimal(value: Double, decimals: Int, text: String) {
    #expect(value.formatted(decimals: decimals) == text)
  }
}
