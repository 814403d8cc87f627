/// The prefilter's record of one message: which literals occurred and where each first ended,
/// which literal sets occurred, which rules became candidates and which of their `any` slots
/// occurred.
///
/// Reused across messages: an entry counts only when its generation is the current one, so
/// nothing is cleared between messages. One per thread (inside matching's scratch).
struct PrefilterRecord {
  /// The current message's generation.
  private(set) var generation: UInt32 = 0
  /// Per literal, where it first ended, stamped with the generation.
  var literalMarks: [LiteralMark] = []
  /// Per rule, the generation in which it became a candidate and its occurred `any` slots.
  var ruleMarks: [RuleMark] = []
  /// Per literal set, the generation in which one of its literals occurred.
  var setGeneration: [UInt32] = []

  /// Starts a new message: sizes the record for the prefilter and moves to a new generation.
  mutating func startMessage(literals: Int, sets: Int, rules: Int) {
    // Growing, or wrapping around, clears everything, so no old entry can look current.
    if literalMarks.count < literals || setGeneration.count < sets || ruleMarks.count < rules
      || generation == UInt32.max
    {
      literalMarks = [LiteralMark](
        repeating: LiteralMark(generation: 0, firstEnd: 0),
        count: max(literals, literalMarks.count))
      setGeneration = [UInt32](repeating: 0, count: max(sets, setGeneration.count))
      ruleMarks = [RuleMark](
        repeating: RuleMark(generation: 0, anySlots: 0), count: max(rules, ruleMarks.count))
      generation = 0
    }
    generation += 1
  }
}

/// Where a literal first ended in the current message, stamped with the message's generation.
struct LiteralMark {
  var generation: UInt32
  var firstEnd: Int32
}

/// A rule's mark in the current message: the generation in which it became a candidate, and
/// the `any` slots whose keyword occurred.
struct RuleMark {
  var generation: UInt32
  var anySlots: UInt64
}

/// Read-only pointers into a ``PrefilterRecord`` for the rule-evaluation loop of one message.
///
/// Valid only inside ``PrefilterRecord/withView(_:)``.
struct PrefilterView {
  /// Per literal, where it first ended, if it occurred in this generation.
  let literalMarks: UnsafeBufferPointer<LiteralMark>
  /// Per rule, the generation in which it became a candidate and its occurred `any` slots.
  let ruleMarks: UnsafeBufferPointer<RuleMark>
  /// Per literal set, the generation of the last message in which one of its literals occurred.
  let setSeen: UnsafeBufferPointer<UInt32>
  let generation: UInt32
}

extension PrefilterRecord {
  /// Calls `body` with read-only pointers to the record: the evaluation loop reads it once per
  /// keyword and pattern, and an array read there would check it is not shared at every read.
  func withView<Result>(_ body: (PrefilterView) -> Result) -> Result {
    literalMarks.withUnsafeBufferPointer { literalMarks in
      ruleMarks.withUnsafeBufferPointer { ruleMarks in
        setGeneration.withUnsafeBufferPointer { setSeen in
          body(
            PrefilterView(
              literalMarks: literalMarks, ruleMarks: ruleMarks, setSeen: setSeen,
              generation: generation))
        }
      }
    }
  }
}

extension Prefilter {
  /// Runs the automaton over `bytes`, recording each literal's first end in `record`, and
  /// puts the indexes of the rules worth evaluating into `candidates`, in rule-set order.
  ///
  /// The record must have been started for this message (``PrefilterRecord/startMessage``);
  /// `candidates` is emptied first and keeps its capacity, so a reused buffer allocates nothing.
  func candidates(
    in bytes: [UInt8], into candidates: inout [Int32],
    record: inout PrefilterRecord
  ) {
    let generation = record.generation
    candidates.removeAll(keepingCapacity: true)
    candidates.append(contentsOf: alwaysRules)
    // Written through pointers: an array written element by element checks it is not shared
    // at every write.
    record.literalMarks.withUnsafeMutableBufferPointer { literalMarks in
      record.ruleMarks.withUnsafeMutableBufferPointer { ruleMarks in
        record.setGeneration.withUnsafeMutableBufferPointer { setGeneration in
          for rule in alwaysRules {
            ruleMarks[Int(rule)] = RuleMark(generation: generation, anySlots: 0)
          }
          automaton.forEachMatch(in: bytes) { literal, end in
            guard literalMarks[literal].generation != generation else { return }
            literalMarks[literal] = LiteralMark(generation: generation, firstEnd: Int32(end))
            for position in literalEffects.positions(of: literal) {
              let effect = literalEffects.element(at: position)
              switch effect.kind {
              case .trigger:
                let rule = Int(effect.first)
                guard ruleMarks[rule].generation != generation else { continue }
                ruleMarks[rule] = RuleMark(generation: generation, anySlots: 0)
                candidates.append(effect.first)
              case .anySlot:
                ruleMarks[Int(effect.first)].anySlots |= 1 << UInt64(effect.second)
              case .set:
                setGeneration[Int(effect.first)] = generation
              }
            }
          }
        }
      }
    }
    candidates.sort()
  }
}
