import HuashuCore

/// The loop of `huashu suggest`: answers lines in order and renders each answer, one line at a
/// time or, with several jobs, in batches read, answered and rendered on worker threads (see
/// ``SuggestSession/answers(_:parallel:finish:)``).
///
/// `huashu bench` runs the same loop, so its end-to-end figure is what agents get.
struct SuggestPipeline: ~Copyable {
  var session: SuggestSession
  let printer: SuggestPrinter
  let jobs: Int

  /// Answers every line and passes each rendered answer to `emit`, in input order.
  ///
  /// - Returns: Whether any line was bad.
  /// - Throws: What `emit` throws (a failed write), at once: no further line is answered.
  mutating func run(
    _ lines: some Sequence<LineReader.Line>, emit: (SuggestPrinter.Rendered) throws -> Void
  ) rethrows -> Bool {
    var hadBadLine = false
    guard jobs > 1 else {
      for line in lines {
        let answer = session.answer(line)
        if case .failure = answer { hadBadLine = true }
        try emit(printer.render(answer, line: line.number))
      }
      return hadBadLine
    }
    let classifier = ParallelClassifier(matcher: session.engine.matcher, jobs: jobs)
    let printer = self.printer
    for batch in lines.batches(of: JobOptions.batchSize) {
      let answered = session.answers(batch, parallel: classifier) { answer, line in
        printer.render(answer, line: line)
      }
      hadBadLine = hadBadLine || answered.hadBadLine
      for rendered in answered.outputs { try emit(rendered) }
    }
    return hadBadLine
  }
}
