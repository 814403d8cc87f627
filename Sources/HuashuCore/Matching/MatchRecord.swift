/// What matching found in one message, kept compact: rule numbers, byte offsets and evidence,
/// with every span of the message in one buffer.
///
/// Deciding the intent needs nothing more, so a message allocates a handful of arrays however
/// many rules fire, and no shared ``Rule`` is retained per hit (which would make threads fight
/// over reference counts). ``RuleHit`` and ``MatchSpan`` values are made from it only when a
/// caller asks for them (``Classification/firedRules``).
struct MatchRecord: Sendable {
  /// The rule set's `allRules`, which the rule numbers index.
  let rules: [Rule]
  /// The message.
  let message: NormalizedText
  /// Every span found, grouped by rule.
  let spans: [SpanRecord]

  /// The public form of a hit.
  func hit(_ record: HitRecord) -> RuleHit {
    let rule = rules[Int(record.rule)]
    return RuleHit(rule: rule, spans: spans(record.spans, of: rule), evidence: record.evidence)
  }

  /// The public form of a near miss.
  func nearMiss(_ record: MissRecord) -> NearMiss {
    let rule = rules[Int(record.rule)]
    let reason: NearMiss.Reason =
      switch record.reason {
      case .vetoed(let keyword): .vetoed(by: rule.none[Int(keyword)])
      case .missingAll(let slots): .missingAll(slots.map { rule.all[Int($0)] })
      }
    return NearMiss(rule: rule, reason: reason, triggers: spans(record.spans, of: rule))
  }

  private func spans(_ range: Range<Int32>, of rule: Rule) -> [MatchSpan] {
    spans[Int(range.lowerBound)..<Int(range.upperBound)].map { span in
      let source: String
      let isPattern: Bool
      switch span.source {
      case .any(let slot): (source, isPattern) = (rule.any[Int(slot)].text, false)
      case .all(let slot): (source, isPattern) = (rule.all[Int(slot)].text, false)
      case .pattern(let slot): (source, isPattern) = (rule.patterns[Int(slot)].source, true)
      }
      return MatchSpan(
        normalizedUTF8: span.normalizedUTF8,
        original: message.originalRange(ofUTF8: span.normalizedUTF8), source: source,
        isPattern: isPattern)
    }
  }
}

/// One span as matching records it: bytes of the normalized text and which keyword or pattern
/// of the rule matched.
struct SpanRecord: Sendable {
  /// Which part of a rule matched.
  enum Source: Sendable {
    case any(Int32)
    case all(Int32)
    case pattern(Int32)
  }

  let start: Int32
  let end: Int32
  let source: Source

  init(_ range: Range<Int>, source: Source) {
    self.start = Int32(range.lowerBound)
    self.end = Int32(range.upperBound)
    self.source = source
  }

  var normalizedUTF8: Range<Int> { Int(start)..<Int(end) }
}

/// A fired rule as matching records it.
struct HitRecord: Sendable {
  /// The rule's number in `allRules`.
  let rule: Int32
  let evidence: Double
  /// Its spans, in the record's buffer.
  let spans: Range<Int32>
}

/// A near miss as matching records it.
struct MissRecord: Sendable {
  enum Reason: Sendable {
    case vetoed(Int32)
    case missingAll([Int32])
  }

  let rule: Int32
  let reason: Reason
  let spans: Range<Int32>
}
