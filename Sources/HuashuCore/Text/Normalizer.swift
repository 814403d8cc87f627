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
    if let result = text.utf8.withContiguousStorageIfAvailable({
      normalizedText(utf8: $0, original: text, utf8Limit: utf8Limit)
    }) {
      return result
    }
    var contiguous = text
    contiguous.makeContiguousUTF8()
    return contiguous.utf8.withContiguousStorageIfAvailable {
      normalizedText(utf8: $0, original: text, utf8Limit: utf8Limit)
    } ?? NormalizedText(original: text, utf8: [], sourceBounds: [], isTruncated: false)
  }

  /// The hot path: decodes the (valid) UTF-8 of `original` and writes the normalized bytes
  /// and their source offsets straight into two buffers sized once.
  private func normalizedText(
    utf8 input: UnsafeBufferPointer<UInt8>, original: String, utf8Limit: Int
  ) -> NormalizedText {
    // A scalar maps to one scalar at most twice as wide in UTF-8 (ASCII stays ASCII; two bytes
    // may become four at most), and a run of white space to one byte, so twice the input
    // always suffices.
    let capacity = min(utf8Limit, input.count * 2)
    var isTruncated = false
    var bounds: [Int32] = []
    // Every output scalar comes from at least one input byte.
    let scalarCapacity = min(capacity, input.count)
    let output = [UInt8](unsafeUninitializedCapacity: capacity) { output, outputCount in
      bounds = [Int32](unsafeUninitializedCapacity: scalarCapacity * 2) { bounds, boundsCount in
        var written = 0
        var scalars = 0
        var offset = 0
        var pendingSpaceStart = -1
        var pendingSpaceEnd = 0
        // Written through the base addresses: the checks below keep every write inside the
        // buffers (`capacity` bytes, `scalarCapacity` scalars: one per input byte at most).
        guard let outputBase = output.baseAddress, let boundsBase = bounds.baseAddress else {
          outputCount = 0
          boundsCount = 0
          return
        }
        /// Records where the next output scalar comes from.
        func source(from start: Int, to end: Int) {
          boundsBase[2 * scalars] = Int32(truncatingIfNeeded: start)
          boundsBase[2 * scalars + 1] = Int32(truncatingIfNeeded: end)
          scalars += 1
        }
        func emit(_ byte: UInt8) {
          outputBase[written] = byte
          written += 1
        }
        while offset < input.count {
          let (value, width) = Self.decode(input, at: offset)
          let start = offset
          offset += width
          let code = table.code(for: value)
          if NormalizationTable.isWhitespace(code: code) {
            if written > 0 {
              if pendingSpaceStart < 0 { pendingSpaceStart = start }
              pendingSpaceEnd = offset
            }
            continue
          }
          if NormalizationTable.isIgnorable(code: code) { continue }
          let mapped = Unicode.Scalar(code) != nil ? code : value
          let mappedWidth = Self.utf8Width(of: mapped)
          let spaceWidth = pendingSpaceStart < 0 ? 0 : 1
          // `capacity` is `utf8Limit` or a bound never reached; checking it keeps every
          // write inside the buffers whatever the table holds.
          guard written + spaceWidth + mappedWidth <= capacity else {
            isTruncated = true
            break
          }
          if pendingSpaceStart >= 0 {
            source(from: pendingSpaceStart, to: pendingSpaceEnd)
            emit(0x20)
            pendingSpaceStart = -1
          }
          source(from: start, to: offset)
          switch mappedWidth {
          case 1:
            emit(UInt8(mapped))
          case 2:
            emit(UInt8(0xC0 | (mapped >> 6)))
            emit(UInt8(0x80 | (mapped & 0x3F)))
          case 3:
            emit(UInt8(0xE0 | (mapped >> 12)))
            emit(UInt8(0x80 | ((mapped >> 6) & 0x3F)))
            emit(UInt8(0x80 | (mapped & 0x3F)))
          default:
            emit(UInt8(0xF0 | (mapped >> 18)))
            emit(UInt8(0x80 | ((mapped >> 12) & 0x3F)))
            emit(UInt8(0x80 | ((mapped >> 6) & 0x3F)))
            emit(UInt8(0x80 | (mapped & 0x3F)))
          }
        }
        outputCount = written
        boundsCount = 2 * scalars
      }
    }
    return NormalizedText(
      original: original, utf8: output, sourceBounds: bounds, isTruncated: isTruncated)
  }

  /// The scalar at `offset` of valid UTF-8 and its width in bytes.
  @inline(__always)
  private static func decode(
    _ bytes: UnsafeBufferPointer<UInt8>, at offset: Int
  ) -> (value: UInt32, width: Int) {
    let lead = UInt32(bytes[offset])
    if lead < 0x80 { return (lead, 1) }
    if lead < 0xE0 {
      return ((lead & 0x1F) << 6 | UInt32(bytes[offset + 1] & 0x3F), 2)
    }
    if lead < 0xF0 {
      return (
        (lead & 0x0F) << 12 | UInt32(bytes[offset + 1] & 0x3F) << 6
          | UInt32(bytes[offset + 2] & 0x3F), 3
      )
    }
    return (
      (lead & 0x07) << 18 | UInt32(bytes[offset + 1] & 0x3F) << 12
        | UInt32(bytes[offset + 2] & 0x3F) << 6 | UInt32(bytes[offset + 3] & 0x3F), 4
    )
  }

  @inline(__always)
  private static func utf8Width(of value: UInt32) -> Int {
    switch value {
    case 0..<0x80: 1
    case 0x80..<0x800: 2
    case 0x800..<0x1_0000: 3
    default: 4
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
