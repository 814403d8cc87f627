/// ANSI styles for text reports, applied only when `enabled` (a front end enables them when it
/// writes to a terminal).
public struct TextStyle: Sendable {
  /// Whether the styles are applied.
  public let enabled: Bool

  /// Creates styles, applied only when `enabled`.
  public init(enabled: Bool) {
    self.enabled = enabled
  }

  public func bold(_ text: String) -> String { wrap(text, "1") }
  public func red(_ text: String) -> String { wrap(text, "31") }
  public func yellow(_ text: String) -> String { wrap(text, "33") }
  public func green(_ text: String) -> String { wrap(text, "32") }
  public func dim(_ text: String) -> String { wrap(text, "2") }
  /// A matched span in a message.
  public func highlight(_ text: String) -> String {
    enabled ? "\u{1B}[1;4;36m\(text)\u{1B}[0m" : text
  }

  private func wrap(_ text: String, _ code: String) -> String {
    enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  /// Display width in terminal columns: East Asian wide and full-width characters take two.
  public static func displayWidth(_ text: Substring) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
      width + (isWide(scalar) ? 2 : (scalar.properties.generalCategory == .nonspacingMark ? 0 : 1))
    }
  }

  private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      true
    default:
      false
    }
  }
}
