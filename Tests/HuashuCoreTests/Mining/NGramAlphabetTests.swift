import Testing

@testable import HuashuCore

struct NGramAlphabetTests {
  static func ngrams(_ text: String) -> Set<String> {
    var alphabet = NGramAlphabet()
    let units = alphabet.units(of: Normalizer.standard.normalize(text))
    var found: Set<String> = []
    alphabet.forEachNGram(in: units) { _, range in
      found.insert(alphabet.text(of: units[range]))
    }
    return found
  }

  @Test(arguments: [
    ("少点", ["少点"]),
    ("少点吧", ["少点", "点吧", "少点吧"]),
    ("好 的", []),  // white space is a barrier
    ("好的 谢谢", ["好的", "谢谢"]),
    ("少点[数字x]件", ["少点"]),  // nothing inside or across an anonymisation token
    ("[订单x][金额x]", []),
    ("买[微笑]", []),
    ("a]b", []),  // a lone bracket is a barrier too
    ("[订单号", ["订单", "单号", "订单号"]),
    ("!!!", []),  // punctuation alone
    ("12", []),  // digits alone
    ("12块", ["12块"]),  // not 2块: no n-gram starts or ends inside a word
    ("hdmi线", ["hdmi", "hdmi线"]),
    ("好!", ["好!"]),
    ("？？好", ["??好", "?好"]),  // full-width normalized; filler with content is kept
    ("收到😊", ["收到", "到😊", "收到😊"]),
    (
      "一二三四五六七",
      [
        "一二", "二三", "三四", "四五", "五六", "六七", "一二三", "二三四", "三四五",
        "四五六", "五六七", "一二三四", "二三四五", "三四五六", "四五六七", "一二三四五", "二三四五六",
        "三四五六七", "一二三四五六", "二三四五六七",
      ]
    ),  // 2 to 6 characters
    ("貨到", ["货到"]),  // normalized as keywords are
  ])
  func cutsNGrams(_ text: String, expected: [String]) {
    #expect(Self.ngrams(text) == Set(expected))
  }
}
