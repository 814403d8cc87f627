/// Messages classified by the current rules and cut into n-gram units: what both mining modes
/// start from.
///
/// Messages are numbered from 0 in input order. Intents are numbered too (``number(of:)``),
/// so the counting loops compare integers rather than strings.
struct ClassifiedCorpus {
  /// An n-gram and the units it is made of.
  struct Sample {
    var key: NGramKey
    var units: ArraySlice<UInt32>
  }

  /// Cuts the messages and turns n-grams back into text.
  var alphabet = NGramAlphabet()
  /// The units of each message's normalized text.
  var units: [[UInt32]] = []
  /// The number of each message's predicted intent.
  var predicted: [Int] = []
  /// The intent rules that fire on each message, as positions in the rule set's `rules`.
  var firedRules: [[Int32]] = []
  /// How the rules read each message's emotion.
  var emotions: [Emotion] = []
  /// The emotion cues that fire on each message, as positions in the rule set's `allRules`.
  var firedCues: [[Int32]] = []
  /// Every intent met so far, by number.
  private(set) var intents: [IntentID] = []
  private var numbers: [IntentID: Int] = [:]

  /// Classifies `texts` on `jobs` threads, in chunks of 1,024, calling `progress` with the
  /// number done after each.
  init(
    texts: [String], matcher: Matcher, jobs: Int, progress: (Int) -> Void
  ) {
    let classifier = ParallelClassifier(matcher: matcher, jobs: jobs)
    units.reserveCapacity(texts.count)
    predicted.reserveCapacity(texts.count)
    firedRules.reserveCapacity(texts.count)
    emotions.reserveCapacity(texts.count)
    firedCues.reserveCapacity(texts.count)
    for start in stride(from: 0, to: texts.count, by: 1024) {
      let chunk = Array(texts[start..<min(start + 1024, texts.count)])
      // The fired rules are kept as the record's rule numbers (positions in `allRules`, intent
      // rules first), not as `firedRuleIDs`: no strings are copied per message.
      let results = classifier.map(chunk) { text, scratch in
        let classification = matcher.classify(text, using: &scratch)
        return (
          intent: classification.intent, rules: classification.hits.map(\.rule),
          emotion: classification.emotion.level,
          cues: classification.emotion.cueHits.map(\.rule),
          normalized: classification.message.text
        )
      }
      for result in results {
        predicted.append(number(of: result.intent))
        firedRules.append(result.rules)
        emotions.append(result.emotion)
        firedCues.append(result.cues)
        units.append(alphabet.units(of: result.normalized))
      }
      progress(start + chunk.count)
    }
  }

  /// The number of `intent`, given one if it is new.
  mutating func number(of intent: IntentID) -> Int {
    if let number = numbers[intent] { return number }
    numbers[intent] = intents.count
    intents.append(intent)
    return intents.count - 1
  }

  /// The number of `intent` if it was met, else `nil`.
  func existingNumber(of intent: IntentID) -> Int? { numbers[intent] }

  /// Counts, for every n-gram of the messages `selected`, how many of them contain it.
  func countNGrams(in selected: [Int]) -> NGramCounter {
    var counter = NGramCounter()
    for message in selected {
      counter.add(message: message, units: units[message], alphabet: alphabet)
    }
    return counter
  }

  /// Lists, for each of `keys`, every message containing it.
  func postings(of keys: [NGramKey]) -> NGramPostings {
    var postings = NGramPostings(keys: keys)
    for (message, units) in units.enumerated() {
      postings.add(message: message, units: units, alphabet: alphabet)
    }
    return postings
  }

  /// The n-grams of `counter` found in at least `minimum` messages.
  func samples(_ counter: NGramCounter, minimum: Int) -> [Sample] {
    zip(counter.keys, counter.entries).compactMap { key, entry in
      entry.count >= minimum
        ? Sample(key: key, units: units[entry.firstMessage][entry.units]) : nil
    }
  }
}
