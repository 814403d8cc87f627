/// Lists, for a fixed set of n-grams, the messages each occurs in (each message once, in the
/// order added).
///
/// Not thread-safe; one per count.
struct NGramPostings {
  private var slots: [NGramKey: Int]
  /// The messages of each n-gram, by its position in the keys given to `init`.
  private(set) var messages: [[Int32]]

  /// Creates empty lists for `keys` (which should be distinct).
  init(keys: [NGramKey]) {
    slots = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    messages = Array(repeating: [], count: keys.count)
  }

  /// Records every listed n-gram of one message.
  ///
  /// - Parameters:
  ///   - message: The message's number; calls must use increasing numbers.
  ///   - units: Its units, from `alphabet`.
  mutating func add(message: Int, units: [UInt32], alphabet: NGramAlphabet) {
    let number = Int32(truncatingIfNeeded: message)
    alphabet.forEachNGram(in: units) { key, _ in
      guard let slot = slots[key], messages[slot].last != number else { return }
      messages[slot].append(number)
    }
  }

  /// The messages containing the n-gram `key`, or `nil` if it is not listed.
  func messages(containing key: NGramKey) -> [Int32]? {
    slots[key].map { messages[$0] }
  }
}
