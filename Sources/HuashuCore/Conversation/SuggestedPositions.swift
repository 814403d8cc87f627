/// Where a chat's suggested replies are in the phrasebook, kept between turns beside the chat's
/// state (not in it: the state is what the chat remembers and what the state file holds), so a
/// turn need not look up every id the chat was already offered.
///
/// Parallel to ``ChatState/suggested``; -1 where unknown. Trusted only by the phrasebook that
/// found the positions: any other checks each against its id and looks it up when it does not
/// match, as does a chat read from a state file (which has none).
public struct SuggestedPositions: Sendable {
  /// Parallel to the state's ``ChatState/suggested``; -1 where unknown.
  var positions: [Int32] = []
  /// The phrasebook the positions are in; nil when none is.
  var phrasebook: Phrasebook.Identity?

  /// None known.
  public init() {}

  /// The positions of `suggested` in `phrasebook` (every reply sharing an id, in a phrasebook
  /// built with shared ids), remembering the ones it had to look up.
  mutating func set(of suggested: [String], in phrasebook: Phrasebook) -> BitSet {
    let ids = phrasebook.ids
    var set = BitSet(count: ids.count)
    if positions.count != suggested.count {
      // Not kept for these ids: every one is looked up.
      positions = [Int32](repeating: -1, count: suggested.count)
    }
    // Found in another phrasebook: each is checked against its id below.
    let isTrusted = self.phrasebook == phrasebook.identity
    for offset in suggested.indices {
      var position = Int(positions[offset])
      if !isTrusted || position < 0,
        !ids.indices.contains(position) || ids[position] != suggested[offset]
      {
        position = phrasebook.position(of: ReplyID(suggested[offset])) ?? -1
        positions[offset] = Int32(position)
      }
      guard position >= 0 else { continue }
      set.insert(position)
      if phrasebook.hasSharedIDs {
        for other in ids.indices where ids[other] == ids[position] { set.insert(other) }
      }
    }
    self.phrasebook = phrasebook.identity
    return set
  }

  /// Remembers `replies`, suggested in this turn, in `state` and here, side by side.
  mutating func remember(
    _ replies: [(id: ReplyID, position: Int)], in state: inout ChatState,
    phrasebook: Phrasebook.Identity
  ) {
    if positions.count != state.suggested.count || self.phrasebook != phrasebook {
      positions = [Int32](repeating: -1, count: state.suggested.count)
    }
    self.phrasebook = phrasebook
    state.remember(suggested: replies.map(\.id))
    positions += replies.map { Int32($0.position) }
    if positions.count > state.suggested.count {
      positions.removeFirst(positions.count - state.suggested.count)
    }
  }
}
