/// An Aho-Corasick automaton over UTF-8 bytes: finds every occurrence of many literals in one
/// pass over a message.
///
/// Built once per rule set. The root has a full 256-entry table (most steps fall back to it);
/// other states keep their transitions sorted in one shared array, so memory grows with the
/// total length of the literals, not with 256 × states. Immutable; safe to share.
public struct LiteralAutomaton: Sendable {
  /// For state `s`, its transitions are `edges[edgeStart[s] ..< edgeStart[s + 1]]`.
  private var edgeStart: [Int32] = []
  private var edgeBytes: [UInt8] = []
  private var edgeTargets: [Int32] = []
  private var rootTable = [Int32](repeating: 0, count: 256)
  private var failure: [Int32] = []
  /// The literals ending at a state: `outputs[outputStart[s] ..< outputStart[s + 1]]`.
  private var outputStart: [Int32] = []
  private var outputs: [Int32] = []
  /// The nearest state along the failure chain that has outputs, or -1.
  private var outputLink: [Int32] = []
  /// The byte length of each literal.
  public private(set) var literalLengths: [Int32] = []

  /// Builds the automaton for `literals` (each non-empty); literal `i` is reported as `i`.
  public init(literals: [[UInt8]]) {
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
    edgeStart.reserveCapacity(count + 1)
    outputStart.reserveCapacity(count + 1)
    for state in 0..<count {
      edgeStart.append(Int32(edgeBytes.count))
      for (byte, child) in children[state] {
        edgeBytes.append(byte)
        edgeTargets.append(child)
      }
      outputStart.append(Int32(outputs.count))
      outputs.append(contentsOf: ends[state])
    }
    edgeStart.append(Int32(edgeBytes.count))
    outputStart.append(Int32(outputs.count))
    for (byte, child) in children[0] { rootTable[Int(byte)] = child }
    self.failure = failure
    self.outputLink = outputLink
  }

  @inline(__always)
  private func step(_ state: Int32, _ byte: UInt8) -> Int32 {
    var state = state
    while true {
      if state == 0 { return rootTable[Int(byte)] }
      let lower = Int(edgeStart[Int(state)])
      let upper = Int(edgeStart[Int(state) + 1])
      var index = lower
      while index < upper {
        let candidate = edgeBytes[index]
        if candidate == byte { return edgeTargets[index] }
        if candidate > byte { break }
        index += 1
      }
      state = failure[Int(state)]
    }
  }

  /// Calls `report(literal, end)` for every occurrence, `end` being the byte offset just past
  /// it, in order of `end`.
  @inline(__always)
  public func forEachMatch(
    in bytes: UnsafeBufferPointer<UInt8>, _ report: (_ literal: Int, _ end: Int) -> Void
  ) {
    var state: Int32 = 0
    for position in 0..<bytes.count {
      state = step(state, bytes[position])
      guard state != 0 else { continue }
      var current = state
      if outputStart[Int(current)] == outputStart[Int(current) + 1] {
        current = outputLink[Int(current)]
      }
      while current > 0 {
        for index in Int(outputStart[Int(current)])..<Int(outputStart[Int(current) + 1]) {
          report(Int(outputs[index]), position + 1)
        }
        current = outputLink[Int(current)]
      }
    }
  }
}
