/// How much two replies say the same thing, by shared character bigrams (Dice coefficient).
///
/// Chinese has no spaces, so words are out of reach without a dictionary; character bigrams
/// catch replies that differ by a few swapped words, which is what near-duplicates look like.
/// Punctuation, symbols and white space are ignored.
struct TextSimilarity {
  /// The distinct bigrams of one text, each packed as two scalar values, in ascending order.
  let bigrams: [UInt64]
  /// The distinct characters of the text, as their scalar values, in ascending order (below
  /// every bigram, whose first scalar sits in the high half).
  let characters: [UInt64]

  /// Computes the bigrams of `text` once, for comparing with several others.
  init(_ text: String) {
    let scalars: [Unicode.Scalar] = text.unicodeScalars.filter { scalar in
      switch scalar.properties.generalCategory {
      case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format,
        .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol,
        .currencySymbol, .modifierSymbol, .otherSymbol:
        false
      default:
        true
      }
    }
    characters = Set(scalars.map { UInt64($0.value) }).sorted()
    guard scalars.count > 1 else {
      bigrams = scalars.map { UInt64($0.value) }
      return
    }
    var bigrams = Set<UInt64>(minimumCapacity: scalars.count)
    for index in 1..<scalars.count {
      bigrams.insert(UInt64(scalars[index - 1].value) << 32 | UInt64(scalars[index].value))
    }
    self.bigrams = bigrams.sorted()
  }

  /// The Dice coefficient of the two bigram sets, in [0, 1].
  func dice(_ other: TextSimilarity) -> Double {
    guard !bigrams.isEmpty || !other.bigrams.isEmpty else { return 1 }
    var shared = 0
    Self.forEachShared(bigrams, others: other.bigrams) { _ in shared += 1 }
    return 2 * Double(shared) / Double(bigrams.count + other.bigrams.count)
  }

  /// The weighted shares of `message`'s bigrams and characters this text also has, each in
  /// [0, 1]: how much of what the buyer wrote a reply takes up (衣服质量怎么样 → the replies that
  /// speak of 质量).
  func coverage(of message: MessageWords) -> (bigrams: Double, characters: Double) {
    func share(_ mine: [UInt64], _ words: MessageWords.Words) -> Double {
      guard words.total > 0 else { return 0 }
      var shared = 0.0
      Self.forEachShared(mine, others: words.keys) { shared += words.weights[$0] }
      return shared / words.total
    }
    return (share(bigrams, message.bigrams), share(characters, message.characters))
  }

  /// Calls `body` with the index in `others` of each key `mine` also has (both ascending): one
  /// merge of the two sorted lists, without building a set.
  private static func forEachShared(
    _ mine: [UInt64], others: [UInt64], _ body: (Int) -> Void
  ) {
    var left = 0
    var right = 0
    while left < mine.count && right < others.count {
      if mine[left] == others[right] {
        body(right)
        left += 1
        right += 1
      } else if mine[left] < others[right] {
        left += 1
      } else {
        right += 1
      }
    }
  }
}

/// A buyer message's character bigrams and characters that some reply also has, each
/// weighted by how rare it is among the replies (`log(replies / replies having it)`): 质量
/// weighs more than 发货.
///
/// Bigrams and characters with a function character (question words, particles, pronouns:
/// 怎么, 么样, 是不, 我的) say how the buyer asks, not what about, and are left out: rare in
/// replies, they would otherwise weigh the most.
struct MessageWords {
  /// Characters that carry the form of a question or a sentence, not its topic.
  static let functionCharacters: Set<UInt32> = Set(
    "的了吗呢吧啊呀哦嘛么吖哈嗯是不没有我你您他她它们亲这那哪个怎什谁几多少在就都也还和跟呗候"
      .unicodeScalars.map(\.value))

  /// Keys in ascending order with their weights.
  struct Words {
    var keys: [UInt64] = []
    var weights: [Double] = []
    var total = 0.0

    mutating func add(_ key: UInt64, _ weight: Double) {
      keys.append(key)
      weights.append(weight)
      total += weight
    }
  }

  /// The message's bigrams found among the replies'.
  let bigrams: Words
  /// The message's characters found among the replies'.
  let characters: Words

  /// The words of `message` found in `weights` (a phrasebook's ``Phrasebook/wordWeights``).
  init(_ message: String, weights: [UInt64: Double]) {
    let text = TextSimilarity(message)
    func isContent(_ scalar: UInt64) -> Bool {
      !Self.functionCharacters.contains(UInt32(truncatingIfNeeded: scalar))
    }
    var bigrams = Words()
    for bigram in text.bigrams where isContent(bigram >> 32) && isContent(bigram & 0xFFFF_FFFF) {
      if let weight = weights[bigram], weight > 0 { bigrams.add(bigram, weight) }
    }
    var characters = Words()
    for character in text.characters where isContent(character) {
      if let weight = weights[character], weight > 0 { characters.add(character, weight) }
    }
    self.bigrams = bigrams
    self.characters = characters
  }
}
