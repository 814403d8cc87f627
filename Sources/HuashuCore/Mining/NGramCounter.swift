/// Counts in how many messages each n-gram occurs (document frequency: a message counts once
/// however often the n-gram occurs in it), remembering where each was first seen.
///
/// Not thread-safe; one per count.
struct NGramCounter {
  /// One n-gram seen.
  struct Entry {
    /// The number of messages it occurs in.
    var count: Int
    /// The message (as numbered by the caller) it was first seen in.
    var firstMessage: Int
    /// Where it is in that message's units.
    var units: Range<Int>
    /// The last message counted, so a message counts once.
    fileprivate var lastMessage: Int
  }

  private var slots: [NGramKey: Int] = [:]
  /// Every n-gram seen, in order of first occurrence.
  private(set) var entries: [Entry] = []
  /// The key of each entry.
  private(set) var keys: [NGramKey] = []

  /// Counts the n-grams of one message.
  ///
  /// - Parameters:
  ///   - message: The message's number; each call must use a new one.
  ///   - units: Its units, from `alphabet`.
  mutating func add(message: Int, units: [UInt32], alphabet: NGramAlphabet) {
    alphabet.forEachNGram(in: units) { key, range in
      if let slot = slots[key] {
        if entries[slot].lastMessage != message {
          entries[slot].lastMessage = message
          entries[slot].count += 1
        }
      } else {
        slots[key] = entries.count
        keys.append(key)
        entries.append(Entry(count: 1, firstMessage: message, units: range, lastMessage: message))
      }
    }
  }

  /// The count of the n-gram `key`, or 0 if it was never seen.
  func count(of key: NGramKey) -> Int {
    slots[key].map { entries[$0].count } ?? 0
  }

  /// The message the n-gram `key` was first seen in, if it was seen.
  func firstMessage(of key: NGramKey) -> Int? {
    slots[key].map { entries[$0].firstMessage }
  }
}
