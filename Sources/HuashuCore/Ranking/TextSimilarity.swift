internal import Foundation

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
      // Most scalars are Chinese characters, ASCII letters or digits: kept without asking
      // for their category.
      if (0x4E00...0x9FFF).contains(scalar.value) || ("0"..."9").contains(scalar)
        || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
      {
        return true
      }
      switch scalar.properties.generalCategory {
      case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format,
        .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol,
        .currencySymbol, .modifierSymbol, .otherSymbol:
        return false
      default:
        return true
      }
    }
    characters = Self.sortedUnique(scalars.map { UInt64($0.value) })
    guard scalars.count > 1 else {
      bigrams = scalars.map { UInt64($0.value) }
      return
    }
    bigrams = Self.sortedUnique(
      (1..<scalars.count).map {
        UInt64(scalars[$0 - 1].value) << 32 | UInt64(scalars[$0].value)
      })
  }

  /// `keys` sorted, each once (texts are short: sorting beats hashing).
  private static func sortedUnique(_ keys: [UInt64]) -> [UInt64] {
    var keys = keys
    keys.sort()
    var kept = 0
    for index in keys.indices where index == 0 || keys[index] != keys[kept - 1] {
      keys[kept] = keys[index]
      kept += 1
    }
    keys.removeLast(keys.count - kept)
    return keys
  }

  /// The Dice coefficient of the two bigram sets, in [0, 1].
  func dice(_ other: TextSimilarity) -> Double {
    guard !bigrams.isEmpty || !other.bigrams.isEmpty else { return 1 }
    var shared = 0
    Self.forEachShared(bigrams, others: other.bigrams) { _ in shared += 1 }
    return 2 * Double(shared) / Double(bigrams.count + other.bigrams.count)
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

/// The replies' character bigrams and characters, each with its replies and a weight.
///
/// The weight says how rare it is among them (`log(replies / replies having it)`): 质量 weighs
/// more than 发货. Built once per phrasebook, so a message's words find their replies at once.
///
/// A word more than a quarter of the replies have is left out: it tells them apart little
/// (weight below log 4), and walking its long list for every message cost more than the rest
/// of the word fit together.
struct ReplyWords: Sendable {
  /// A bigram or character (as ``TextSimilarity`` keys them): its weight and its replies.
  struct Posting: Sendable {
    let weight: Double
    let replies: [Int32]
  }

  /// By key.
  let postings: [UInt64: Posting]
  /// How many replies there are.
  let replyCount: Int

  /// The words of the replies whose signatures are `signatures`, by position.
  init(_ signatures: [TextSimilarity]) {
    var replies: [UInt64: [Int32]] = [:]
    for (index, signature) in signatures.enumerated() {
      for key in signature.bigrams + signature.characters {
        replies[key, default: []].append(Int32(index))
      }
    }
    let total = Double(signatures.count)
    postings = replies.filter { $0.value.count * 4 <= signatures.count }
      .mapValues { Posting(weight: log(total / Double($0.count)), replies: $0) }
    replyCount = signatures.count
  }
}

/// How much of a buyer message's words each reply takes up: per reply, the weighted share of
/// the message's bigrams, and of its characters, that the reply's template also has (among
/// the ones any reply has).
///
/// Bigrams and characters with a function character (question words, particles, pronouns:
/// 怎么, 么样, 是不, 我的) say how the buyer asks, not what about, and are left out: rare in
/// replies, they would otherwise weigh the most.
struct MessageWords {
  /// Characters that carry the form of a question or a sentence, not its topic.
  static let functionCharacters: Set<UInt32> = Set(
    "的了吗呢吧啊呀哦嘛么吖哈嗯是不没有我你您他她它们亲这那哪个怎什谁几多少在就都也还和跟呗候"
      .unicodeScalars.map(\.value))

  /// Per reply position, the weight of the message's bigrams it has (see ``bigramShare(_:)``).
  private let bigramWeights: [Double]
  /// The weight of all the message's bigrams some reply has.
  private let bigramTotal: Double
  /// Per reply position, the weight of the message's characters it has.
  private let characterWeights: [Double]
  /// The weight of all the message's characters some reply has.
  private let characterTotal: Double

  /// The share of the message's bigrams the reply at `index` has, in [0, 1].
  func bigramShare(_ index: Int) -> Double {
    bigramTotal > 0 ? bigramWeights[index] / bigramTotal : 0
  }

  /// The share of the message's characters the reply at `index` has, in [0, 1].
  func characterShare(_ index: Int) -> Double {
    characterTotal > 0 ? characterWeights[index] / characterTotal : 0
  }

  /// The shares of `message`'s words in each reply of `replies`: one walk over the postings
  /// of the message's few words, not a comparison per reply.
  init(_ message: String, replies: ReplyWords) {
    let text = TextSimilarity(message)
    func isContent(_ scalar: UInt64) -> Bool {
      !Self.functionCharacters.contains(UInt32(truncatingIfNeeded: scalar))
    }
    func weigh(_ keys: some Sequence<UInt64>) -> (weights: [Double], total: Double) {
      var weights = [Double](repeating: 0, count: replies.replyCount)
      var total = 0.0
      for key in keys {
        guard let posting = replies.postings[key], posting.weight > 0 else { continue }
        total += posting.weight
        for reply in posting.replies { weights[Int(reply)] += posting.weight }
      }
      return (weights, total)
    }
    (bigramWeights, bigramTotal) = weigh(
      text.bigrams.lazy.filter { isContent($0 >> 32) && isContent($0 & 0xFFFF_FFFF) })
    (characterWeights, characterTotal) = weigh(text.characters.lazy.filter(isContent))
  }
}
