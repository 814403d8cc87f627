/// A deterministic synthetic workload for benchmarks and the engines' differential test: rule
/// files of e-commerce vocabulary with the constructs real rules use, and buyer-like messages.
///
/// The same seed always gives the same rules and messages.
public struct SyntheticWorkload: Sendable {
  /// A small, fast, seedable generator (SplitMix64).
  public struct Generator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var value = state
      value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
      value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
      return value ^ (value >> 31)
    }
  }

  /// E-commerce words the rules and messages are made of.
  static let words = [
    "便宜", "优惠", "包邮", "发货", "快递", "物流", "退款", "退货", "换货", "少发", "漏发", "发错",
    "破损", "质量", "运费", "地址", "颜色", "尺码", "赠品", "优惠券", "货到付款", "到哪了", "什么时候",
    "客服", "老板", "订单", "收到", "没收到", "坏了", "不能用", "差评", "投诉", "发票", "预售", "定金",
    "尾款", "库存", "有货", "大小", "合适", "材质", "正品", "保修", "安装", "说明书", "价格", "降价",
    "价保", "活动", "满减", "红包", "积分", "会员", "顺丰", "中通", "圆通", "韵达", "申通", "邮政",
    "衣服", "鞋子", "裤子", "手机", "杯子", "耳机", "充电器", "数据线", "面膜", "口红", "零食", "茶叶",
    "水果", "包装", "拆开", "划痕", "掉色", "起球", "味道", "过期", "签收", "拒收", "改地址", "电话",
  ]
  static let fillers = ["的", "了", "吗", "啊", "呢", "吧", "我", "你们", "这个", "还", "都", "就", "不"]
  static let punctuation = ["，", "。", "！", "？", "!", "?", "~", "...", " "]
  static let extras = ["ok", "cod", "hi", "2", "30", "１２", "😊", "👍", "[数字x]", "[订单x]"]

  /// The rule files (file name → YAML text) of `count` rules.
  public static func ruleFiles(count: Int, seed: UInt64) -> [(name: String, yaml: String)] {
    var random = Generator(seed: seed)
    let intentCount = max(2, count / 25)
    var files = [String](repeating: "", count: intentCount)
    for index in 0..<count {
      let intent = index % intentCount
      var lines = ["  - id: r\(index)"]
      let keywords = (0..<Int.random(in: 1...4, using: &random)).map { _ in
        keyword(using: &random)
      }
      lines.append("    any: [\(keywords.joined(separator: ", "))]")
      let patternCount = Int.random(in: 0...2, using: &random)
      if patternCount > 0 {
        let patterns = (0..<patternCount).map { _ in "'\(pattern(using: &random))'" }
        lines.append("    regex: [\(patterns.joined(separator: ", "))]")
      }
      if Int.random(in: 0..<5, using: &random) == 0 {
        lines.append("    none: [不\(word(using: &random))]")
      }
      if Int.random(in: 0..<8, using: &random) == 0 {
        lines.append("    all: [\(word(using: &random))]")
      }
      lines.append("    weight: \(Double(Int.random(in: 5...15, using: &random)) / 10)")
      files[intent] += lines.joined(separator: "\n") + "\n"
    }
    return files.enumerated().map { index, body in
      ("intent\(index).yaml", "intent: intent\(index)\nlabel: 意图\(index)\nrules:\n" + body)
    }
  }

  /// `count` messages of 10–60 characters.
  public static func messages(count: Int, seed: UInt64) -> [String] {
    var random = Generator(seed: seed ^ 0xA5A5_A5A5)
    return (0..<count).map { _ in message(using: &random) }
  }

  /// The same messages as ``messages(count:seed:)``, packed as they are made.
  public static func packedMessages(count: Int, seed: UInt64) -> PackedMessages {
    var random = Generator(seed: seed ^ 0xA5A5_A5A5)
    var packed = PackedMessages([])
    for _ in 0..<count { packed.append(message(using: &random)) }
    return packed
  }

  static func message(using random: inout Generator) -> String {
    let target = Int.random(in: 10...60, using: &random)
    var parts: [String] = []
    var characters = 0
    while characters < target {
      let part: String
      switch Int.random(in: 0..<10, using: &random) {
      case 0...4: part = word(using: &random)
      case 5...6: part = fillers.randomElement(using: &random) ?? ""
      case 7...8: part = punctuation.randomElement(using: &random) ?? ""
      default: part = extras.randomElement(using: &random) ?? ""
      }
      parts.append(part)
      characters += part.count
    }
    return parts.joined()
  }

  static func word(using random: inout Generator) -> String {
    words.randomElement(using: &random) ?? "发货"
  }

  /// A keyword: mostly a two-word term (8,000 possible), sometimes a single word, so that a
  /// large rule set has many distinct keywords and still shares some between rules.
  static func keyword(using random: inout Generator) -> String {
    Int.random(in: 0..<10, using: &random) == 0
      ? word(using: &random) : word(using: &random) + word(using: &random)
  }

  /// A regex in one of the shapes real rules have.
  static func pattern(using random: inout Generator) -> String {
    let a = keyword(using: &random)
    let b = keyword(using: &random)
    let c = keyword(using: &random)
    let d = keyword(using: &random)
    let first = a.first.map(String.init) ?? "少"
    let second = b.first.map(String.init) ?? "漏"
    switch Int.random(in: 0..<7, using: &random) {
    case 0: return "(\(a)|\(b)).{0,6}(\(c)|\(d))"
    case 1: return "[\(first)\(second)]\(c)(了)?"
    case 2: return "(不|没|还没)(\(a)|\(b))"
    case 3: return "[0-9０-９]+(元|块)\(a)?"
    case 4: return "\(a)(了|的)?\(b)"
    case 5: return "(能|可以).{0,4}\(a)"
    default: return "(?<!不)\(a)\\s*\(b)"
    }
  }
}

/// Many messages held as one UTF-8 buffer: a `String` is made when a message is read, as when
/// a line is read from input, and 200,000 messages take their text's size, not a heap object
/// each.
public struct PackedMessages: RandomAccessCollection, Sendable {
  private var bytes: [UInt8] = []
  private var ends: [Int32] = []

  /// Packs `messages`.
  public init(_ messages: some Sequence<String>) {
    for message in messages { append(message) }
  }

  /// Adds a message at the end.
  public mutating func append(_ message: String) {
    bytes.append(contentsOf: message.utf8)
    ends.append(Int32(bytes.count))
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { ends.count }

  public subscript(position: Int) -> String {
    let start = position == 0 ? 0 : Int(ends[position - 1])
    return String(decoding: bytes[start..<Int(ends[position])], as: UTF8.self)
  }
}
