import ArgumentParser
import Foundation

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

/// Encodes one value as one line of JSON, UTF-8 unescaped.
struct JSONLineEncoder {
  private let encoder: JSONEncoder

  init() {
    encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
  }

  func line(_ value: some Encodable) throws -> String {
    String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
