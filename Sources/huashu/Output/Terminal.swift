import Foundation
import HuashuCore

/// Terminal capabilities.
enum Terminal {
  /// Whether a file descriptor is a terminal (colour and progress only then).
  static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

  /// The styles for what is written to `descriptor`: on only for a terminal.
  static func style(for descriptor: Int32) -> TextStyle {
    TextStyle(enabled: isTerminal(descriptor))
  }
}
