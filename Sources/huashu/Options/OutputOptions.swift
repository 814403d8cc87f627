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
