extension SuggestSession {
  /// How many lines make a batch when several threads answer.
  public static let batchSize = 512

  /// Answers every line, in order, and passes each rendered answer to `emit`: one line at a
  /// time with one job (each answered as soon as it is read), or with several in batches of
  /// ``batchSize`` read, answered and rendered on `jobs` threads.
  ///
  /// - Parameters:
  ///   - render: Turns an answer (with its line number) into what is written; runs on the
  ///     thread that answered it.
  ///   - emit: Writes a rendered answer, in input order.
  /// - Returns: Whether any line was bad.
  /// - Throws: What `emit` throws (a failed write), at once: no further line is answered.
  public mutating func answerAll<Output: Sendable>(
    _ lines: some Sequence<LineReader.Line>, jobs: Int,
    render: @escaping @Sendable (Answer, _ line: Int) -> Output,
    emit: (Output) throws -> Void
  ) rethrows -> Bool {
    var hadBadLine = false
    guard jobs > 1 else {
      for line in lines {
        let answer = answer(line)
        if case .failure = answer { hadBadLine = true }
        try emit(render(answer, line.number))
      }
      return hadBadLine
    }
    let parallel = ParallelClassifier(matcher: engine.matcher, jobs: jobs)
    for batch in lines.batches(of: Self.batchSize) {
      let answered = answers(batch, parallel: parallel, finish: render)
      hadBadLine = hadBadLine || answered.hadBadLine
      for output in answered.outputs { try emit(output) }
    }
    return hadBadLine
  }

  /// Answers a batch of lines on the threads of `parallel` and passes each answer, with its
  /// line number, to `finish` (on the thread that answered it); the outputs in input order.
  ///
  /// The lines are read and classified in parallel, then the chats are answered in parallel:
  /// each chat's turns in order, since each turn changes its state. An `accepted` line counts
  /// for the lines after it: the messages before it are answered first.
  mutating func answers<Output: Sendable>(
    _ lines: [LineReader.Line], parallel: ParallelClassifier,
    finish: @escaping @Sendable (Answer, _ line: Int) -> Output
  ) -> (outputs: [Output], hadBadLine: Bool) {
    let matcher = engine.matcher
    let prepared = parallel.map(lines) { line, scratch in
      PreparedLine(line, matcher: matcher, scratch: &scratch)
    }
    var slots = [Output?](repeating: nil, count: lines.count)
    var hadBadLine = false
    var turns: [Turn] = []
    for (slot, item) in prepared.enumerated() {
      let line = lines[slot].number
      switch item {
      case .failure(let message):
        hadBadLine = true
        slots[slot] = finish(.failure(message), line)
      case .message(let request, let classification):
        warnAboutSkippedPatterns(in: classification)
        turns.append(
          Turn(slot: slot, line: line, request: request, classification: classification))
      case .accept(let reply, let chat):
        answer(turns, into: &slots, parallel: parallel, finish: finish)
        turns.removeAll()
        let answer = accept(reply, chat: chat)
        if case .failure = answer { hadBadLine = true }
        slots[slot] = finish(answer, line)
      }
    }
    answer(turns, into: &slots, parallel: parallel, finish: finish)
    // Every slot was filled: by its failure, its accept, or its chat's turn.
    return (slots.compactMap { $0 }, hadBadLine)
  }

  /// Answers `turns` (messages between two `accepted` lines) chat by chat, the chats spread
  /// over the threads of `parallel` by their number of turns.
  private mutating func answer<Output: Sendable>(
    _ turns: [Turn], into slots: inout [Output?], parallel: ParallelClassifier,
    finish: @escaping @Sendable (Answer, _ line: Int) -> Output
  ) {
    guard !turns.isEmpty else { return }
    var chatIndex: [String: Int] = [:]
    var chats: [ChatTurns] = []
    let now = clock()
    for turn in turns {
      let chat = turn.request.chat
      if let index = chatIndex[chat] {
        chats[index].turns.append(turn)
      } else {
        chatIndex[chat] = chats.count
        let (state, positions) = self.chats.takeWithPositions(chat, now: now)
        chats.append(ChatTurns(state: state, positions: positions, turns: [turn]))
      }
    }
    let engine = self.engine
    let usage = self.usage
    let clock = self.clock
    let answered = parallel.map(Self.lanes(chats, count: parallel.jobs)) { lane, _ in
      lane.map { chat in
        var state = chat.state
        var positions = chat.positions
        var outputs: [(slot: Int, output: Output)] = []
        for turn in chat.turns {
          let now = clock()
          // Handed over, not copied: a copy would make the turn copy the state's lists (and
          // retain every string in them) before changing them.
          let answer = engine.respond(
            turn.request, turn.classification, usage: usage, state: consume state, now: now,
            positions: &positions)
          state = answer.state
          outputs.append((turn.slot, finish(.suggestions(answer), turn.line)))
        }
        return (state: state, positions: positions, outputs: outputs)
      }
    }
    for chat in answered.joined() {
      self.chats.update(chat.state, positions: chat.positions)
      for (slot, output) in chat.outputs { slots[slot] = output }
    }
  }

  /// The chats spread over `count` lanes: longest first, each to the least loaded lane.
  private static func lanes(_ chats: [ChatTurns], count: Int) -> [[ChatTurns]] {
    var lanes = [[ChatTurns]](repeating: [], count: count)
    var load = [Int](repeating: 0, count: count)
    for chat in chats.sorted(by: { $0.turns.count > $1.turns.count }) {
      let lane = load.indices.min { load[$0] < load[$1] } ?? 0
      lanes[lane].append(chat)
      load[lane] += chat.turns.count
    }
    return lanes
  }

  /// A classified message waiting to be answered as a turn of its chat.
  private struct Turn: Sendable {
    let slot: Int
    let line: Int
    let request: SuggestRequest
    let classification: Classification
  }

  /// One chat's turns of a batch and its state before them.
  private struct ChatTurns: Sendable {
    var state: ChatState
    var positions: SuggestedPositions
    var turns: [Turn]
  }
}
