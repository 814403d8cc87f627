/// Classifies a labelled corpus and measures the rules against the labels.
///
/// Precision, recall and F1 per intent; macro-F1 (the mean over intents labelled in the
/// corpus, so an intent the rules never produce counts as 0) and micro-F1; precision and recall
/// of the `upset` and `angry` emotions; the worst misclassifications with the rule that caused
/// each.
///
/// A predicted intent whose rule file says `counts_as: other` (or another intent) is scored as
/// that intent: a corpus labels by its own definitions, and an intent it has no label for (a
/// closing thanks) is one of its `other` messages.
public struct CorpusEvaluation: Sendable {
  private let matcher: Matcher
  /// The intent each `counts_as` intent is scored as.
  private let scoredAs: [IntentID: IntentID]

  /// Creates an evaluation with `matcher`.
  public init(matcher: Matcher) {
    self.matcher = matcher
    var scoredAs: [IntentID: IntentID] = [:]
    for intent in matcher.ruleSet.intents {
      if let target = intent.countsAs { scoredAs[intent.id] = target }
    }
    self.scoredAs = scoredAs
  }

  /// Classifies every message, calling `progress` with the number done so far.
  ///
  /// - Parameters:
  ///   - messages: The corpus, with 1-based line numbers.
  ///   - worstLimit: How many misclassifications to keep.
  ///   - jobs: How many threads classify (chunks of 1,024 messages at a time).
  public func run(
    _ messages: [(line: Int, message: LabeledMessage)], worstLimit: Int = 10, jobs: Int = 1,
    progress: (Int) -> Void = { _ in }
  ) -> EvaluationReport {
    var pairs: [(expected: String, predicted: String)] = []
    var emotionPairs: [(expected: String, predicted: String)] = []
    var wrong: [EvaluationReport.Misclassification] = []
    let classifier = ParallelClassifier(matcher: matcher, jobs: jobs)
    var done = 0
    for start in stride(from: 0, to: messages.count, by: 1024) {
      let chunk = messages[start..<min(start + 1024, messages.count)]
      let results = classifier.classify(chunk.map(\.message.text))
      for ((line, message), classification) in zip(chunk, results) {
        record(
          classification, line: line, message: message, pairs: &pairs,
          emotionPairs: &emotionPairs, wrong: &wrong)
      }
      done += chunk.count
      progress(done)
    }
    let intents = Self.intentMetrics(pairs)
    let labelled = intents.filter { $0.support > 0 }
    let correct = pairs.filter { $0.expected == $0.predicted }.count
    let accuracy = pairs.isEmpty ? 0 : Double(correct) / Double(pairs.count)
    let macro = labelled.isEmpty ? 0 : labelled.map(\.f1).reduce(0, +) / Double(labelled.count)
    wrong.sort { ($0.confidence, -$0.line) > ($1.confidence, -$1.line) }
    return EvaluationReport(
      messages: pairs.count, accuracy: accuracy.roundedToThousandths,
      macroF1: macro.roundedToThousandths,
      microF1: accuracy.roundedToThousandths, intents: intents,
      emotions: ["upset", "angry"].map { Self.emotionMetrics($0, emotionPairs) },
      worst: Array(wrong.prefix(worstLimit)))
  }

  private func record(
    _ classification: Classification, line: Int, message: LabeledMessage,
    pairs: inout [(expected: String, predicted: String)],
    emotionPairs: inout [(expected: String, predicted: String)],
    wrong: inout [EvaluationReport.Misclassification]
  ) {
    let predicted = (scoredAs[classification.intent] ?? classification.intent).rawValue
    pairs.append((message.intent, predicted))
    if let emotion = message.emotion {
      emotionPairs.append((emotion, classification.emotion.level.rawValue))
    }
    if predicted != message.intent {
      let cause = classification.firedRules
        .filter { $0.rule.target == .intent(classification.intent) }
        .max { $0.evidence < $1.evidence }
      wrong.append(
        EvaluationReport.Misclassification(
          line: line, id: message.id, text: message.text, expected: message.intent,
          predicted: predicted, confidence: classification.confidence.roundedToThousandths,
          rule: cause?.id.rawValue, location: cause.map { "\($0.rule.location)" }))
    }
  }

  private static func intentMetrics(_ pairs: [(expected: String, predicted: String)])
    -> [EvaluationReport.IntentMetrics]
  {
    let labels = Set(pairs.map(\.expected)).union(pairs.map(\.predicted)).sorted()
    return labels.map { label in
      let support = pairs.filter { $0.expected == label }.count
      let predicted = pairs.filter { $0.predicted == label }.count
      let truePositives = pairs.filter { $0.expected == label && $0.predicted == label }.count
      let precision = predicted == 0 ? 0 : Double(truePositives) / Double(predicted)
      let recall = support == 0 ? 0 : Double(truePositives) / Double(support)
      let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
      var confusions: [String: Int] = [:]
      for pair in pairs where pair.expected == label && pair.predicted != label {
        confusions[pair.predicted, default: 0] += 1
      }
      return EvaluationReport.IntentMetrics(
        intent: label, support: support, predicted: predicted,
        precision: precision.roundedToThousandths,
        recall: recall.roundedToThousandths, f1: f1.roundedToThousandths,
        confusedWith: confusions.map { EvaluationReport.Confusion(intent: $0.key, count: $0.value) }
          .sorted { ($0.count, $1.intent) > ($1.count, $0.intent) })
    }
  }

  private static func emotionMetrics(
    _ level: String, _ pairs: [(expected: String, predicted: String)]
  ) -> EvaluationReport.EmotionMetrics {
    let support = pairs.filter { $0.expected == level }.count
    let predicted = pairs.filter { $0.predicted == level }.count
    let truePositives = pairs.filter { $0.expected == level && $0.predicted == level }.count
    return EvaluationReport.EmotionMetrics(
      emotion: level, support: support,
      precision: (predicted == 0 ? 0 : Double(truePositives) / Double(predicted))
        .roundedToThousandths,
      recall: (support == 0 ? 0 : Double(truePositives) / Double(support)).roundedToThousandths)
  }
}
