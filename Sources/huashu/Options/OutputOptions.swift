import ArgumentParser
import Foundation
import HuashuCore

/// The output formats of commands that answer per message.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  /// Readable in a terminal.
  case text
  /// One JSON object per input line; Chinese text is written as UTF-8, never `\u` escaped.
  case json
}

/// `--format`, shared by the commands that answer per message.
struct OutputOptions: ParsableArguments {
  @Option(help: "Output format: text (readable) or json (one object per line).")
  var format: OutputFormat = .text
}

/// Encodes one value as one line of JSON, UTF-8 unescaped, keys in declaration order.
struct JSONLineEncoder {
  private let encoder = CompactJSONEncoder()

  func line(_ value: some Encodable) throws -> String { try encoder.encode(value) }
}

/// `--jobs`, for the commands that answer independent lines.
struct JobOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Threads to classify on.",
      discussion: """
        With more than one, lines are read and answered in batches of up to 512 (output order \
        is kept); with 1, the default, each line is answered as soon as it is read.
        """))
  var jobs = 1

  /// How many lines make a batch when `jobs > 1`.
  static let batchSize = SuggestSession.batchSize

  func validate() throws {
    guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be 1 to 256") }
  }
}
