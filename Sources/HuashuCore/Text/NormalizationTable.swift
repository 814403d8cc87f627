/// The per-scalar mapping the ``Normalizer`` applies, as a flat lookup over the Basic
/// Multilingual Plane.
///
/// The data comes from `NormalizationTable+Generated.swift`, which is derived from ICU (see
/// ``NormalizationTableDerivation``) and checked against it by a test, so no character mapping
/// is typed by hand and none is computed by ICU on the hot path.
///
/// Immutable after `init`; safe to share.
public struct NormalizationTable: Sendable {
  /// The result of looking one scalar up.
  public enum Entry: Equatable, Sendable {
    /// Replace the scalar with this one (which may be the scalar itself).
    case scalar(Unicode.Scalar)
    /// The scalar is white space: it folds into a single space with its neighbours.
    case whitespace
    /// The scalar is invisible formatting (zero-width space, byte-order mark...): drop it.
    case ignorable
  }

  // Codes that are not scalars mark the special entries: surrogates never occur in valid text,
  // so they are free to mean something else.
  private static let whitespaceCode: UInt32 = 0xD800
  private static let ignorableCode: UInt32 = 0xD801
  private static let beyondBMPCode: UInt32 = 0xD802

  /// One two-byte entry per BMP scalar value (128 KB, half of four-byte entries, so more of it
  /// stays in cache); scalars above the BMP map to themselves.
  private let codes: [UInt16]
  /// The targets of the BMP scalars that map to a scalar above the BMP (marked
  /// ``beyondBMPCode`` in ``codes``: a few rare traditional characters).
  private let targetsBeyondBMP: [UInt16: UInt32]

  /// Builds the table from the generated data.
  public init() {
    self.init(
      mappings: GeneratedNormalizationData.mappings,
      whitespace: GeneratedNormalizationData.whitespace,
      ignorable: GeneratedNormalizationData.ignorable)
  }

  /// Builds a table from explicit data.
  ///
  /// - Parameters:
  ///   - mappings: Pairs of scalars: each first scalar maps to the second.
  ///   - whitespace: Scalars that count as white space.
  ///   - ignorable: Scalars to drop.
  public init(mappings: String, whitespace: String, ignorable: String) {
    var codes = [UInt16](unsafeUninitializedCapacity: 0x1_0000) { buffer, count in
      for value in 0..<0x1_0000 { buffer[value] = UInt16(value) }
      count = 0x1_0000
    }
    var beyond: [UInt16: UInt32] = [:]
    var pending: Unicode.Scalar?
    for scalar in mappings.unicodeScalars {
      if let source = pending {
        if let bmp = UInt16(exactly: source.value) {
          if let target = UInt16(exactly: scalar.value) {
            codes[Int(bmp)] = target
          } else {
            codes[Int(bmp)] = UInt16(Self.beyondBMPCode)
            beyond[bmp] = scalar.value
          }
        }
        pending = nil
      } else {
        pending = scalar
      }
    }
    for scalar in whitespace.unicodeScalars where scalar.value < 0x1_0000 {
      codes[Int(scalar.value)] = UInt16(Self.whitespaceCode)
    }
    for scalar in ignorable.unicodeScalars where scalar.value < 0x1_0000 {
      codes[Int(scalar.value)] = UInt16(Self.ignorableCode)
    }
    self.codes = codes
    self.targetsBeyondBMP = beyond
  }

  /// The entry for one scalar.
  @inline(__always)
  public func entry(for scalar: Unicode.Scalar) -> Entry {
    let value = scalar.value
    guard value < 0x1_0000 else { return .scalar(scalar) }
    let code = self.code(for: value)
    switch code {
    case Self.whitespaceCode: return .whitespace
    case Self.ignorableCode: return .ignorable
    default: return .scalar(Unicode.Scalar(code) ?? scalar)
    }
  }

  /// The mapped value of a BMP scalar as a raw code (internal fast path).
  @inline(__always)
  func code(for value: UInt32) -> UInt32 {
    guard value < 0x1_0000 else { return value }
    let code = UInt32(codes[Int(value)])
    return code == Self.beyondBMPCode ? targetsBeyondBMP[UInt16(value)] ?? value : code
  }

  static func isWhitespace(code: UInt32) -> Bool { code == whitespaceCode }
  static func isIgnorable(code: UInt32) -> Bool { code == ignorableCode }
}
