/// Turns buyer messages and rule keywords into one canonical form, so that 貨到付款, ＣＯＤ and
/// 货到付款 meet the same rules.
///
/// The steps, all table lookups (see ``NormalizationTable``):
/// - full-width ASCII letters, digits and punctuation become half-width (ＣＯＤ！ → cod!);
/// - traditional Chinese becomes simplified (發錯 → 发错), radicals and compatibility
///   ideographs become ordinary characters;
/// - Latin, Greek and Cyrillic letters become lower case;
/// - runs of white space fold into one ASCII space; leading and trailing space is dropped;
/// - invisible format characters (zero-width space, byte-order mark) are dropped.
///
/// Chinese punctuation other than the full-width ASCII block (。、“”) is kept as it is.
///
/// Immutable; safe to share between threads.
public struct Normalizer: Sendable {
  /// The normalizer with the ICU-derived table.
  ///
  /// Built on first use, then shared.
  public static let standard = Normalizer(table: NormalizationTable())

  /// The default longest message, in normalized UTF-8 bytes, that the matcher looks at.
  public static let defaultUTF8Limit = 4096

  private let table: NormalizationTable

  /// Creates a normalizer over a table.
  public init(table: NormalizationTable) {
    self.table = table
  }

  /// The normalized form of `text`, as a string.
  ///
  /// Use this for keywords.
  public func normalize(_ text: String) -> String {
    normalizedText(text, utf8Limit: Int.max).text
  }

  /// Normalizes `text` and keeps the map back to the original.
  ///
  /// - Parameters:
  ///   - text: The message.
  ///   - utf8Limit: The most normalized bytes to produce; a longer message is cut at a scalar
  ///     boundary and the result says ``NormalizedText/isTruncated``.
  public func normalizedText(
    _ text: String, utf8Limit: Int = Normalizer.defaultUTF8Limit
  ) -> NormalizedText {
    var output: [UInt8] = []
    var starts: [Int32] = []
    var ends: [Int32] = []
    let estimate = min(text.utf8.count, utf8Limit) + 4
    output.reserveCapacity(estimate)
    starts.reserveCapacity(estimate)
    ends.reserveCapacity(estimate)

    var offset = 0
    var pendingSpace: (start: Int, end: Int)?
    var isTruncated = false

    for scalar in text.unicodeScalars {
      let width = UTF8.width(scalar)
      defer { offset += width }
      let code = table.code(for: scalar.value)
      if NormalizationTable.isWhitespace(code: code) {
        if !output.isEmpty {
          pendingSpace = (pendingSpace?.start ?? offset, offset + width)
        }
        continue
      }
      if NormalizationTable.isIgnorable(code: code) { continue }
      let mapped = Unicode.Scalar(code) ?? scalar
      let mappedWidth = UTF8.width(mapped)
      let spaceWidth = pendingSpace == nil ? 0 : 1
      guard output.count + spaceWidth + mappedWidth <= utf8Limit else {
        isTruncated = true
        break
      }
      if let space = pendingSpace {
        output.append(0x20)
        starts.append(Int32(space.start))
        ends.append(Int32(space.end))
        pendingSpace = nil
      }
      Self.appendUTF8(of: mapped, to: &output)
      for _ in 0..<mappedWidth {
        starts.append(Int32(offset))
        ends.append(Int32(offset + width))
      }
    }
    return NormalizedText(
      original: text, utf8: output, sourceStarts: starts, sourceEnds: ends,
      isTruncated: isTruncated)
  }

  @inline(__always)
  private static func appendUTF8(of scalar: Unicode.Scalar, to output: inout [UInt8]) {
    let value = scalar.value
    switch value {
    case 0..<0x80:
      output.append(UInt8(value))
    case 0x80..<0x800:
      output.append(UInt8(0xC0 | (value >> 6)))
      output.append(UInt8(0x80 | (value & 0x3F)))
    case 0x800..<0x1_0000:
      output.append(UInt8(0xE0 | (value >> 12)))
      output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      output.append(UInt8(0x80 | (value & 0x3F)))
    default:
      output.append(UInt8(0xF0 | (value >> 18)))
      output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
      output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      output.append(UInt8(0x80 | (value & 0x3F)))
    }
  }

  /// Normalizes the literal Chinese characters of a regular expression, leaving its syntax
  /// alone.
  ///
  /// Only CJK characters are mapped (traditional to simplified, radicals); ASCII, full-width
  /// punctuation and case are kept, because `（`, `\S` or `[A-Z]` mean something to PCRE2.
  /// Patterns are compiled case-insensitive instead.
  public func normalizePattern(_ pattern: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in pattern.unicodeScalars {
      if scalar.value >= 0x2E80 && !(0xFF00...0xFFEF).contains(scalar.value),
        case .scalar(let mapped) = table.entry(for: scalar)
      {
        result.append(mapped)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }
}
