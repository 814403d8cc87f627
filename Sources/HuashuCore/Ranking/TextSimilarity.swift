/// How much two replies say the same thing, by shared character bigrams (Dice coefficient).
///
/// Chinese has no spaces, so words are out of reach without a dictionary; character bigrams
/// catch replies that differ by a few swapped words, which is what near-duplicates look like.
/// Punctuation, symbols and white space are ignored.
struct TextSimilarity {
  /// The distinct bigrams of one text, each packed as two scalar values, in ascending order.
  let bigrams: [UInt64]

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
    forEachShared(with: other.bigrams) { _ in shared += 1 }
    return 2 * Double(shared) / Double(bigrams.count + other.bigrams.count)
  }

  /// The weighted share of `message`'s bigrams this text also has, in [0, 1]: how much of
  /// what the buyer wrote a reply takes up (衣服质量怎么样 → the replies that speak of 质量).
  func coverage(of message: MessageBigrams) -> Double {
    guard message.total > 0 else { return 0 }
    var shared = 0.0
    forEachShared(with: message.bigrams) { shared += message.weights[$0] }
    return shared / message.total
  }

  /// Calls `body` with the index in `others` (ascending, like ``bigrams``) of each bigram this
  /// text also has: one merge of the two sorted lists, without building a set.
  private func forEachShared(with others: [UInt64], _ body: (Int) -> Void) {
    var left = 0
    var right = 0
    while left < bigrams.count && right < others.count {
      if bigrams[left] == others[right] {
        body(right)
        left += 1
        right += 1
      } else if bigrams[left] < others[right] {
        left += 1
      } else {
        right += 1
      }
    }
  }
}

/// A buyer message's character bigrams that some reply also has, each weighted by how rare it
/// is among the replies (`log(replies / replies having it)`): 质量 weighs more than 发货.
///
/// Bigrams with a function character (question words, particles, pronouns: 怎么, 么样, 是不,
/// 我的) say how the buyer asks, not what about, and are left out: rare in replies, they would
/// otherwise weigh the most.
struct MessageBigrams {
  /// Characters that carry the form of a question or a sentence, not its topic.
  static let functionCharacters: Set<UInt32> = Set(
    "的了吗呢吧啊呀哦嘛么吖哈嗯是不没有我你您他她它们亲这那哪个怎什谁几多少在就都也还和跟呗候".unicodeScalars.map(\.value))

  /// Ascending.
  let bigrams: [UInt64]
  /// Parallel to ``bigrams``.
  let weights: [Double]
  /// The sum of ``weights``.
  let total: Double

  /// The bigrams of `message` found in `weights` (a phrasebook's ``Phrasebook/bigramWeights``).
  init(_ message: String, weights: [UInt64: Double]) {
    var bigrams: [UInt64] = []
    var found: [Double] = []
    for bigram in TextSimilarity(message).bigrams {
      guard let weight = weights[bigram], weight > 0,
        !Self.functionCharacters.contains(UInt32(truncatingIfNeeded: bigram >> 32)),
        !Self.functionCharacters.contains(UInt32(truncatingIfNeeded: bigram))
      else { continue }
      bigrams.append(bigram)
      found.append(weight)
    }
    self.bigrams = bigrams
    self.weights = found
    total = found.reduce(0, +)
  }
}
