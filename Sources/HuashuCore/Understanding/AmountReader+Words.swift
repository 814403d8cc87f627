// The word lists `AmountReader` decides by. Each is small and read by hand; a word belongs
// here only when a real message showed the need.

extension AmountReader {
  /// Currency signs before a number.
  static let currencySigns: [[Unicode.Scalar]] = scalarWords(["¥", "￥", "rmb", "人民币"])

  /// Currency words after a number that are not 块/元/毛/角: 30rmb, 30人民币.
  static let currencyWords: [[Unicode.Scalar]] = scalarWords(["rmb", "人民币"])

  /// The first characters of the units 多 may stand before: 一百多块, 三十多元.
  static let unitCharacters: Set<Unicode.Scalar> = ["块", "元", "圆", "毛", "角"]

  /// Characters that may follow 块, 毛 or 角 when it means money.
  ///
  /// They are particles, offer words, function words and numerals (三块吗, 五毛一个, 十块包邮,
  /// 200块两件). Any other ideograph makes the unit a measure word or part of a noun (两块毛巾,
  /// 三角裤, 五毛衣).
  static let moneyContinuations: Set<Unicode.Scalar> = Set(
    ("钱吗吧呢啊呀了的么嘛哦哈啦呗咯噢哟左上以内多就还都也不到给拍出成够贵太是买卖行可包能每起啥"
      + "运邮加减差少又再便算付退补红优定现这那你我和跟或而整一二两三四五六七八九十百千万").unicodeScalars)

  /// Characters after 元 that make a word, not money: 元宵, 元旦, 元素.
  static let yuanWordEndings: Set<Unicode.Scalar> = ["宵", "旦", "素"]

  /// Characters before a number that tie it to a code or a time: v2, #12, 10:30, a/b.
  static let gluingBefore: Set<Unicode.Scalar> = ["_", "#", "@", "/", ":", ".", "*"]

  /// Characters after a bare number that make it a unit, a code or a range: 30%, 3*4,
  /// 10:30, 80~100, and the keycap marks of 1️⃣.
  static let gluingAfter: Set<Unicode.Scalar> = [
    "%", "‰", "°", "_", "#", "@", "/", ":", "+", "*", "-", "~", ".", "\u{FE0F}", "\u{20E3}",
  ]

  /// Measure words and units that are not money: 三双, 八折, 3天, 39码, 十分, 12期, 5星.
  static let measureCharacters: Set<Unicode.Scalar> = Set(
    ("件个双条只套盒瓶包箱斤克码号天日月年次层楼岁折星期周点颗粒张本支根片台部辆把位人份袋罐桶杯碗"
      + "寸尺米升度倍集秒分遍趟回步站栋幢室户两公小毫厘顿场首页章节级届名口家单组对副串卷捆束批款色"
      + "种样下代版英票成手").unicodeScalars)

  /// Characters before a bare number that make it an ordinal, a date, a size or a quantity:
  /// 第, 双11, 百分之, 穿42, 39码, 各, 拿, 来.
  static let quantityMarkers: Set<Unicode.Scalar> = [
    "第", "双", "之", "穿", "码", "号", "各", "拿", "来", "高", "重", "宽", "长", "腰", "胸", "周",
    "期", "拜",
  ]

  /// Bare numbers that name a shopping festival, not a price: 十一, 618, 1111, 1212.
  static let holidays: [[Unicode.Scalar]] = scalarWords(["十一", "618", "1111", "1212"])

  /// Words after a bare number that offer it as a price: 150可以吗, 一百五行不行, 两百包邮吗.
  static let offersAfter: [[Unicode.Scalar]] = scalarWords([
    "卖", "行", "可以", "可不可以", "能不能", "能否", "包邮", "拍", "出", "成交", "给我", "吧",
    "好不好", "好吗", "怎么样", "咋样", "中不中", "得了", "算了", "呗", "要了",
  ])

  /// Words that may stand between a bare number and its offer word: 150就行, 150的话可以吗.
  static let spacersAfter: [[Unicode.Scalar]] = scalarWords([
    " ", ",", "的话", "就", "我就", "你就",
  ])

  /// Words before a bare number that offer it as a price: 便宜到80, 算80吧, 给个100, 原价100.
  static let offersBefore: [[Unicode.Scalar]] = scalarWords([
    "便宜到", "便宜", "算", "算你", "给个", "给你", "最低", "最少", "只出", "我出", "出", "就",
    "少", "降到", "砍到", "能到", "优惠到", "一口价", "预算", "卖我", "减", "满", "价", "价格",
    "价钱", "价位", "价格是", "价钱是", "只要", "包邮",
  ])

  /// Whether an offer word follows `end`, after at most two spacers.
  static func isFollowedByOffer(_ scalars: [Unicode.Scalar], after end: Int) -> Bool {
    var position = end
    for _ in 0...2 {
      if offersAfter.contains(where: { scalars[position...].starts(with: $0) }) { return true }
      guard let spacer = spacersAfter.first(where: { scalars[position...].starts(with: $0) })
      else { return false }
      position += spacer.count
    }
    return false
  }

  /// Whether an offer word ends right before `start`, a space or colon apart at most.
  static func isPrecededByOffer(_ scalars: [Unicode.Scalar], before start: Int) -> Bool {
    var end = start
    if end > 0, scalars[end - 1] == " " || scalars[end - 1] == ":" { end -= 1 }
    return offersBefore.contains { scalars[..<end].hasSuffix($0) }
  }

  /// Words as scalar arrays, for matching without building strings.
  private static func scalarWords(_ words: [String]) -> [[Unicode.Scalar]] {
    words.map { Array($0.unicodeScalars) }
  }
}
