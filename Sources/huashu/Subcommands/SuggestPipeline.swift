import HuashuCore

/// The loop of `huashu suggest`: answers lines in order and renders each answer, one line at a
/// time or, with several jobs, in batches answered and rendered on worker threads.
///
/// `huashu bench` runs the same loop, so its end-to-end figure is what agents get.
struct SuggestPipeline: ~Copyable {
  var session: SuggestSession
  let printer: SuggestPrinter
  let jobs: Int

  /// Answers every line and passes each rendered answer to `emit`, in input order.
  ///
  /// - Returns: Whether any line was bad.
  mutating func run(
    _ lines: some Sequence<LineReader.Line>, emit: (SuggestPrinter.Rendered) -> Void
  ) throws -> Bool {
    var hadBadLine = false
    guard jobs > 1 else {
      for line in lines {
        let answer = session.answer(line)
        if case .failure = answer { hadBadLine = true }
        emit(try printer.render(answer, line: line.number))
      }
      return hadBadLine
    }
    let classifier = ParallelClassifier(matcher: session.engine.matcher, jobs: jobs)
    let printer = self.printer
    for batch in lines.batches(of: JobOptions.batchSize) {
      let answers = session.answers(batch, parallel: classifier)
      if answers.contains(where: { if case .failure = $0 { true } else { false } }) {
        hadBadLine = true
      }
      let items = zip(batch.map(\.number), answers).map { ($0, $1) }
      let rendered = classifier.map(items) { item, _ in
        Result { try printer.render(item.1, line: item.0) }
      }
      for result in rendered { emit(try result.get()) }
    }
    return hadBadLine
  }
}
