internal import Foundation

extension SuggestService {
  /// A corpus the editor may run: its file name and path.
  public struct Corpus: Encodable, Sendable {
    /// The file name, how a request names it.
    public var name: String
    /// Where it is on the server's disk.
    public var path: String
  }

  /// The corpora of the configuration.
  public var corpora: [Corpus] {
    configuration.corpora.map {
      Corpus(name: URL(fileURLWithPath: $0).lastPathComponent, path: $0)
    }
  }

  /// Runs every rule example and, when `corpus` is given, that corpus.
  ///
  /// The report is what `huashu test --format json` writes. `corpus` names one of
  /// ``corpora`` (by name or path). Takes as long as the corpus needs (about a second for a
  /// thousand messages on one thread).
  ///
  /// - Throws: ``ServiceError/notFound(_:)`` when `corpus` is not one of ``corpora``,
  ///   ``ServiceError/failed(_:)`` when it cannot be read.
  public func test(corpus name: String? = nil, jobs: Int = 1) throws(ServiceError) -> TestReport {
    let matcher = snapshot.matcher
    var corpora: [TestReport.Corpus] = []
    if let name {
      guard let corpus = self.corpora.first(where: { $0.name == name || $0.path == name }) else {
        let known = self.corpora.map(\.name).joined(separator: ", ")
        throw .notFound(
          "no corpus '\(name)' on this server"
            + (known.isEmpty ? " (it was started without --corpus)" : "; it has: \(known)"))
      }
      let messages: [(line: Int, message: LabeledMessage)]
      do {
        messages = try CorpusFile.read(corpus.path)
      } catch {
        throw .failed(([error.summary] + error.lines.prefix(5)).joined(separator: "\n"))
      }
      let report = CorpusEvaluation(matcher: matcher).run(messages, worstLimit: 10, jobs: jobs)
      corpora.append(TestReport.Corpus(file: corpus.name, report: report, gate: nil))
    }
    let examples = scratches.withScratch { ExampleCheck(matcher: matcher).run(using: &$0) }
    return TestReport(examples: examples, corpora: corpora)
  }
}
