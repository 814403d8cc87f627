/// An Aho-Corasick automaton over UTF-8 bytes: finds every occurrence of many literals in one
/// pass over a message.
///
/// Built once per rule set. The root has a full 256-entry table (most steps fall back to it).
/// Every other state keeps its transitions sorted in one shared array, with a 256-bit map of
/// the bytes it has a transition on: a step tests one bit and, on a hit, finds the child by
/// counting the bits below it, so no step scans a list, and memory grows with the number of
/// states (56 bytes each plus their edges), not with 256 × 4 bytes per state. A state's data
/// sits together, so a step touches one or two cache lines. Immutable; safe to share.
public struct LiteralAutomaton: Sendable {
  /// Everything a step needs about one state, in one place (one or two cache lines).
  struct State {
    /// Bit `b` of word `b / 64` is set when the state has a transition on byte `b`.
    var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// The set bits in the words before words 1, 2 and 3 (at most 192, so a byte each).
    var rankBase: (UInt8, UInt8, UInt8) = (0, 0, 0)
    /// The state's transitions are `edgeTargets[edgeStart...]`, sorted by byte.
    var edgeStart: Int32 = 0
    var failure: Int32 = 0
    /// The literals ending here are `outputs[outputStart ..< outputEnd]`.
    var outputStart: Int32 = 0
    var outputEnd: Int32 = 0
    /// The nearest proper suffix state that ends a literal, or -1.
    var outputLink: Int32 = -1
    /// Where reporting starts on reaching this state: itself when a literal ends here, else
    /// `outputLink` (-1 when nothing ends here or along its suffixes).
    var reportFrom: Int32 = -1
  }

  private var states: [State] = []
  /// Children of the transitions, with ``reportsFlag`` set on those where a literal ends.
  private var edgeTargets: [Int32] = []
  private var rootTable = [Int32](repeating: 0, count: 256)
  /// Marks a transition target at which some literal ends, so a step learns whether to report
  /// without loading the target's state.
  private static let reportsFlag: Int32 = 0x4000_0000
  private var outputs: [Int32] = []
  /// For a small automaton (at most ``denseLimit`` states), the full transition table.
  ///
  /// The failure links are folded in: `dense[state << 8 | byte]` is the next state, with
  /// ``denseReportsFlag`` set when a literal ends there. One load per byte.
  private var dense: [UInt16] = []
  /// The most states given a dense table (256 two-byte entries each: 16 MB at most).
  public static let denseLimit = 32_767
  private static let denseReportsFlag: UInt16 = 0x8000
  /// The byte length of each literal.
  public private(set) var literalLengths: [Int32] = []

  /// Builds the automaton for `literals` (each non-empty); literal `i` is reported as `i`.
  ///
  /// - Parameter denseLimit: The most states given a dense table (tests set 0 to exercise
  ///   the sparse steps).
  public init(literals: [[UInt8]], denseLimit: Int = LiteralAutomaton.denseLimit) {
    // 1. The trie. Transitions go in one dictionary keyed by (state, byte) while building; a
    // dictionary per state cost more than everything else together.
    var transitions: [Int64: Int32] = [:]
    var children: [[(byte: UInt8, child: Int32)]] = [[]]
    var ends: [[Int32]] = [[]]
    func key(_ state: Int32, _ byte: UInt8) -> Int64 { Int64(state) << 8 | Int64(byte) }
    for (index, literal) in literals.enumerated() {
      var state: Int32 = 0
      for byte in literal {
        if let next = transitions[key(state, byte)] {
          state = next
        } else {
          children.append([])
          ends.append([])
          let next = Int32(children.count - 1)
          transitions[key(state, byte)] = next
          children[Int(state)].append((byte, next))
          state = next
        }
      }
      ends[Int(state)].append(Int32(index))
      literalLengths.append(Int32(literal.count))
    }
    for state in children.indices { children[state].sort { $0.byte < $1.byte } }
    let count = children.count
    // 2. Failure links, breadth first.
    var failure = [Int32](repeating: 0, count: count)
    var order: [Int32] = [0]
    var head = 0
    while head < order.count {
      let state = order[head]
      head += 1
      for (byte, child) in children[Int(state)] {
        order.append(child)
        if state == 0 {
          failure[Int(child)] = 0
          continue
        }
        var fallback = failure[Int(state)]
        while fallback != 0, transitions[key(fallback, byte)] == nil {
          fallback = failure[Int(fallback)]
        }
        failure[Int(child)] = transitions[key(fallback, byte)] ?? 0
      }
    }
    // 3. Output links: the nearest proper suffix state that ends a literal.
    var outputLink = [Int32](repeating: -1, count: count)
    for state in order.dropFirst() {
      let fallback = failure[Int(state)]
      outputLink[Int(state)] = ends[Int(fallback)].isEmpty ? outputLink[Int(fallback)] : fallback
    }
    // 4. Flatten.
    let reportFrom = (0..<count).map { ends[$0].isEmpty ? outputLink[$0] : Int32($0) }
    func flagged(_ child: Int32) -> Int32 {
      reportFrom[Int(child)] > 0 ? child | Self.reportsFlag : child
    }
    states = [State](repeating: State(), count: count)
    for state in 0..<count {
      states[state].edgeStart = Int32(edgeTargets.count)
      states[state].failure = failure[state]
      for (byte, child) in children[state] {
        edgeTargets.append(flagged(child))
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: states[state].bits.0 |= bit
        case 1: states[state].bits.1 |= bit
        case 2: states[state].bits.2 |= bit
        default: states[state].bits.3 |= bit
        }
      }
      let bits = states[state].bits
      let first = bits.0.nonzeroBitCount
      let second = first + bits.1.nonzeroBitCount
      states[state].rankBase = (
        UInt8(first), UInt8(second), UInt8(second + bits.2.nonzeroBitCount)
      )
      states[state].outputStart = Int32(outputs.count)
      outputs.append(contentsOf: ends[state])
      states[state].outputEnd = Int32(outputs.count)
      states[state].outputLink = outputLink[state]
      states[state].reportFrom = reportFrom[state]
    }
    for (byte, child) in children[0] { rootTable[Int(byte)] = flagged(child) }
    // 5. A small automaton also gets the dense table, built breadth first so that a state's
    // failure row is complete before its own: a row starts as its failure state's, then its
    // own edges override it.
    if count <= min(denseLimit, Self.denseLimit) {
      var table = [UInt16](repeating: 0, count: count << 8)
      for state in order {
        let row = Int(state) << 8
        if state != 0 {
          let fallbackRow = Int(failure[Int(state)]) << 8
          for byte in 0..<256 { table[row + byte] = table[fallbackRow + byte] }
        }
        for (byte, child) in children[Int(state)] {
          table[row + Int(byte)] =
            UInt16(child) | (reportFrom[Int(child)] > 0 ? Self.denseReportsFlag : 0)
        }
      }
      dense = table
    }
  }

  /// The state after reading `byte` in `state`, with ``reportsFlag`` set when a literal ends
  /// there.
  @inline(__always)
  private static func step(
    _ state: Int32, _ byte: UInt8, states: UnsafeBufferPointer<State>,
    targets: UnsafeBufferPointer<Int32>, root: UnsafeBufferPointer<Int32>
  ) -> Int32 {
    let bit = UInt64(1) << UInt64(byte & 63)
    var state = state
    while state != 0 {
      let current = states[Int(state)]
      let word: UInt64
      let base: UInt8
      switch byte >> 6 {
      case 0: (word, base) = (current.bits.0, 0)
      case 1: (word, base) = (current.bits.1, current.rankBase.0)
      case 2: (word, base) = (current.bits.2, current.rankBase.1)
      default: (word, base) = (current.bits.3, current.rankBase.2)
      }
      if word & bit != 0 {
        // The child's place among the sorted edges: the set bits below `byte`.
        let rank = Int(base) + (word & (bit &- 1)).nonzeroBitCount
        return targets[Int(current.edgeStart) + rank]
      }
      state = current.failure
    }
    return root[Int(byte)]
  }

  /// ``forEachMatch(in:_:)`` over the bytes of an array (a message's normalized UTF-8), for
  /// callers outside the matcher's inner loop.
  func forEachMatch(in utf8: [UInt8], _ report: (_ literal: Int, _ end: Int) -> Void) {
    utf8.withUnsafeBufferPointer { forEachMatch(in: $0, report) }
  }

  /// Calls `report(literal, end)` for every occurrence, `end` being the byte offset just past
  /// it, in order of `end`.
  @inline(__always)
  public func forEachMatch(
    in bytes: UnsafeBufferPointer<UInt8>, _ report: (_ literal: Int, _ end: Int) -> Void
  ) {
    guard dense.isEmpty else {
      forEachMatchDense(in: bytes, report)
      return
    }
    states.withUnsafeBufferPointer { states in
      edgeTargets.withUnsafeBufferPointer { targets in
        rootTable.withUnsafeBufferPointer { root in
          outputs.withUnsafeBufferPointer { outputs in
            var state: Int32 = 0
            for position in 0..<bytes.count {
              let next = Self.step(
                state, bytes[position], states: states, targets: targets, root: root)
              state = next & ~Self.reportsFlag
              guard next & Self.reportsFlag != 0 else { continue }
              var current = states[Int(state)].reportFrom
              while current > 0 {
                let found = states[Int(current)]
                for index in Int(found.outputStart)..<Int(found.outputEnd) {
                  report(Int(outputs[index]), position + 1)
                }
                current = found.outputLink
              }
            }
          }
        }
      }
    }
  }

  /// ``forEachMatch(in:_:)`` through the dense table.
  @inline(__always)
  private func forEachMatchDense(
    in bytes: UnsafeBufferPointer<UInt8>, _ report: (_ literal: Int, _ end: Int) -> Void
  ) {
    guard let start = bytes.baseAddress else { return }
    dense.withUnsafeBufferPointer { table in
      states.withUnsafeBufferPointer { states in
        outputs.withUnsafeBufferPointer { outputs in
          guard let table = table.baseAddress else { return }
          var state = 0
          var position = 0
          while Self.scanDense(table, start, bytes.count, &state, &position) {
            var current = states[state].reportFrom
            while current > 0 {
              let found = states[Int(current)]
              for index in Int(found.outputStart)..<Int(found.outputEnd) {
                report(Int(outputs[index]), position)
              }
              current = found.outputLink
            }
          }
        }
      }
    }
  }

  /// Steps through `bytes` from `position` in `state` until a state where a literal ends
  /// (true, with `position` just past the byte that reached it) or the end (false).
  ///
  /// Apart from the reporting, so that the loop's state stays in registers: one table load
  /// per byte is the whole cost of a step.
  @inline(never)
  private static func scanDense(
    _ table: UnsafePointer<UInt16>, _ bytes: UnsafePointer<UInt8>, _ count: Int,
    _ state: inout Int, _ position: inout Int
  ) -> Bool {
    var current = state
    var index = position
    defer {
      state = current
      position = index
    }
    while index < count {
      let next = table[current << 8 | Int(bytes[index])]
      index += 1
      current = Int(next & ~denseReportsFlag)
      if next & denseReportsFlag != 0 { return true }
    }
    return false
  }
}
