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

  private static let whitespaceCode: UInt32 = 0xFFFF_FFFF
  private static let ignorableCode: UInt32 = 0xFFFF_FFFE

  /// One entry per BMP scalar value; scalars above the BMP map to themselves.
  private let codes: [UInt32]

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
    var codes = [UInt32](unsafeUninitializedCapacity: 0x1_0000) { buffer, count in
      for value in 0..<0x1_0000 { buffer[value] = UInt32(value) }
      count = 0x1_0000
    }
    var pending: Unicode.Scalar?
    for scalar in mappings.unicodeScalars {
      if let source = pending {
        if source.value < 0x1_0000 { codes[Int(source.value)] = scalar.value }
        pending = nil
      } else {
        pending = scalar
      }
    }
    for scalar in whitespace.unicodeScalars where scalar.value < 0x1_0000 {
      codes[Int(scalar.value)] = Self.whitespaceCode
    }
    for scalar in ignorable.unicodeScalars where scalar.value < 0x1_0000 {
      codes[Int(scalar.value)] = Self.ignorableCode
    }
    self.codes = codes
  }

  /// The entry for one scalar.
  @inline(__always)
  public func entry(for scalar: Unicode.Scalar) -> Entry {
    let value = scalar.value
    guard value < 0x1_0000 else { return .scalar(scalar) }
    let code = codes[Int(value)]
    switch code {
    case Self.whitespaceCode: return .whitespace
    case Self.ignorableCode: return .ignorable
    default: return .scalar(Unicode.Scalar(code) ?? scalar)
    }
  }

  /// The mapped value of a BMP scalar as a raw code (internal fast path).
  @inline(__always)
  func code(for value: UInt32) -> UInt32 {
    value < 0x1_0000 ? codes[Int(value)] : value
  }

  static func isWhitespace(code: UInt32) -> Bool { code == whitespaceCode }
  static func isIgnorable(code: UInt32) -> Bool { code == ignorableCode }
}
