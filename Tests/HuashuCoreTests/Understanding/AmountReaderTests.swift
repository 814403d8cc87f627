import Testing

@testable import HuashuCore

struct AmountReaderTests {
  /// The values of the amounts in `message`, after normalizing it.
  private func values(_ message: String) -> [Double] {
    AmountReader.standard.amounts(in: Normalizer.standard.normalize(message)).map(\.value)
  }

  @Test(
    arguments: [
      // Chinese numerals with a currency, including the elided forms.
      ("三十块", [30]),
      ("十五块", [15]),
      ("二十元", [20]),
      ("一百块钱", [100]),
      ("三百零五块", [305]),
      ("两千五百元", [2500]),
      ("一块钱", [1]),
      ("一百多块", [100]),  // the lower bound
      // Bare numbers offered as a price.
      ("一百五行不行", [150]),
      ("两百包邮吗", [200]),
      ("一千二卖不卖", [1200]),
      ("一万二行吗", [12000]),
      ("两万五能不能", [25000]),
      ("八十吧", [80]),
      ("150可以吗", [150]),
      ("150 可以吗", [150]),
      ("150的话可以吗", [150]),
      ("100就行", [100]),
      ("9.9包邮", [9.9]),
      ("1.5万可以吗", [15000]),
      ("1万2行不行", [12000]),
      ("便宜到80", [80]),
      ("算80吧", [80]),
      ("给个100", [100]),
      ("最低多少…80行吗", [80]),
      ("原价100现在80行吗", [100, 80]),
      ("满100减10", [100, 10]),
      ("包邮88吗", [88]),
      ("价格是80吗", [80]),
      ("能便宜二十吗", [20]),
      // Jiao and fen.
      ("五毛", [0.5]),
      ("五毛钱", [0.5]),
      ("三角钱", [0.3]),
      ("三块五", [3.5]),
      ("3块5", [3.5]),
      ("一块五毛", [1.5]),
      ("两块五毛钱", [2.5]),
      ("两块半", [2.5]),
      ("五毛五", [0.55]),
      ("三块五一斤", [3.5]),
      ("一块五毛五", [1.55]),
      ("200块两件可以吗", [200]),
      ("100块3件", [100]),
      // Currency signs and words.
      ("¥30", [30]),
      ("￥30", [30]),
      ("¥ 30", [30]),
      ("30元", [30]),
      ("0.5元", [0.5]),
      ("１５０元", [150]),  // full-width digits, normalized
      ("rmb30", [30]),
      ("30rmb", [30]),
      ("人民币30", [30]),
      ("30元/件", [30]),
      ("十块包邮吗", [10]),
      ("运费12块", [12]),
      // Not amounts.
      ("买了三双袜子只有两双", []),
      ("几天能到", []),
      ("一点都不便宜", []),
      ("第一次买", []),
      ("打八折可以吗", []),
      ("8折可以吗", []),
      ("等一下", []),
      ("一起发货", []),
      ("一样的", []),
      ("一直没发货", []),
      ("要一个", []),
      ("一百", []),  // bare, no offer word
      ("订单号1234567890可以吗", []),
      ("电话13812345678", []),
      ("iphone13可以吗", []),
      ("[数字1]可以吗", []),
      ("穿42可以吗", []),
      ("39码可以吗", []),
      ("3天能到吗", []),
      ("5kg可以吗", []),
      ("100ml可以吗", []),
      ("30%可以吗", []),
      ("10:30可以吗", []),
      ("3点可以吗", []),
      ("2可以吗", []),  // a single digit: a quantity as often as a price
      ("万一不合适可以退吗", []),
      ("十分便宜", []),
      ("百分之八十", []),
      ("两块毛巾", []),
      ("三角裤", []),
      ("四角裤有吗", []),
      ("一块发货吧", []),  // 一块 = together
      ("正月十五元宵节", []),
      ("双11可以便宜吗", []),
      ("十一可以发货吗", []),  // the October holiday
      ("分12期可以吗", []),
      ("给5星好评", []),
      ("身高170可以吗", []),
      ("两三百块", []),  // an estimate
      ("十几块", []),
      ("第三块", []),  // the third piece
    ] as [(String, [Double])])
  func readsAmounts(_ message: String, expected: [Double]) {
    let found = values(message)
    #expect(found.count == expected.count)
    for (value, wanted) in zip(found, expected) {
      #expect(abs(value - wanted) < 1e-9, "\(value) ≠ \(wanted)")
    }
  }

  @Test(arguments: [
    ("¥30", "¥30", true),
    ("三块五一斤", "三块五", true),
    ("一百五行不行", "一百五", false),
    ("便宜到80", "80", false),
    ("能不能30块钱卖", "30块钱", true),
    ("rmb 30吧", "rmb 30", true),
    ("五毛钱一个", "五毛钱", true),
  ])
  func coversTheAmountInTheText(_ message: String, covered: String, hasCurrency: Bool) throws {
    let amount = try #require(AmountReader.standard.amounts(in: message).first)
    #expect(String(message[amount.range]) == covered)
    #expect(amount.hasCurrency == hasCurrency)
  }

  @Test(arguments: [
    ("一百五", 150), ("一千二", 1200), ("两万五", 25000), ("三百零五", 305), ("十五", 15),
    ("二十", 20), ("一百", 100), ("一万二千", 12000), ("一千零五十", 1050), ("十万", 100_000),
    ("一百二十", 120), ("俩", 2), ("仨", 3), ("两百五", 250),
  ])
  func readsChineseNumerals(_ written: String, expected: Int) {
    #expect(ChineseNumeral.value(of: Array(written.unicodeScalars)[...]) == expected)
  }

  @Test(arguments: ["两三", "万一", "一二三", "百", "零", "一百十", "十百", "三万两万"])
  func rejectsRunsThatAreNotOneNumber(_ written: String) {
    #expect(ChineseNumeral.value(of: Array(written.unicodeScalars)[...]) == nil)
  }
}
