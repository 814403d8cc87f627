internal import Foundation

/// Derives the normalization data from ICU, the single source of truth for character mappings.
///
/// Used by the test that checks (and, with `HUASHU_RECORD=1`, rewrites)
/// `NormalizationTable+Generated.swift`. Never called on the matching path: ICU transforms cost
/// about 0.1 s per process, the generated table nothing.
///
/// The mapping of one scalar is the composition, in this order:
/// 1. full-width to half-width (`StringTransform.fullwidthToHalfwidth`) for the full-width
///    ASCII block U+FF01–U+FF5E and the ideographic space;
/// 2. compatibility decomposition (NFKC) for the Kangxi and CJK radicals and the CJK
///    compatibility ideographs, which real documents use in place of ordinary characters
///    (⼯ U+2F2F is 工);
/// 3. traditional to simplified Chinese (`StringTransform("Traditional-Simplified")`) for the
///    CJK unified ideographs;
/// 4. lower case.
/// Only scalar-to-scalar results are kept; white space and invisible format characters get
/// their own lists.
public enum NormalizationTableDerivation {
  /// The derived data, in the shape `NormalizationTable.init(mappings:whitespace:ignorable:)`
  /// takes.
  public struct Data: Equatable, Sendable {
    /// Pairs of scalars, source then target.
    public var mappings: [(Unicode.Scalar, Unicode.Scalar)]
    /// White-space scalars.
    public var whitespace: [Unicode.Scalar]
    /// Invisible format scalars.
    public var ignorable: [Unicode.Scalar]

    public static func == (lhs: Data, rhs: Data) -> Bool {
      lhs.mappings.elementsEqual(rhs.mappings, by: { $0 == $1 })
        && lhs.whitespace == rhs.whitespace && lhs.ignorable == rhs.ignorable
    }
  }

  private static let fullwidthRange: ClosedRange<UInt32> = 0xFF01...0xFF5E
  private static let compatibilityRanges: [ClosedRange<UInt32>] = [
    0x2E80...0x2EFF, 0x2F00...0x2FDF, 0xF900...0xFAFF,
  ]
  private static let hanRanges: [ClosedRange<UInt32>] = [
    0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x2E80...0x2FDF,
  ]
  private static let caseRange: ClosedRange<UInt32> = 0x0041...0x052F

  /// Computes the data from ICU.
  public static func derive() -> Data {
    var targets: [UInt32: UInt32] = [:]

    // 1. Full-width forms, one transform call over the whole block.
    let fullwidth = scalars(in: [fullwidthRange])
    for (source, result) in zip(fullwidth, transformEach(fullwidth, .fullwidthToHalfwidth)) {
      if let single = single(result) { targets[source.value] = single.value }
    }
    // 2. Compatibility ideographs and radicals.
    for source in scalars(in: compatibilityRanges) {
      let result = String(source).precomposedStringWithCompatibilityMapping
      if let single = single(result), single != source { targets[source.value] = single.value }
    }
    // 3. Traditional to simplified, applied after step 2 for the compatibility blocks.
    let han = scalars(in: hanRanges).map { Unicode.Scalar(targets[$0.value] ?? $0.value) ?? $0 }
    let hanSources = scalars(in: hanRanges)
    let simplified = transformEach(han, StringTransform("Traditional-Simplified"))
    for ((source, intermediate), result) in zip(zip(hanSources, han), simplified) {
      if let single = single(result), single != intermediate {
        targets[source.value] = single.value
      }
    }
    // 4. Lower case, for Latin, Greek and Cyrillic, and on top of the full-width mapping.
    for source in scalars(in: [caseRange]) + fullwidth {
      let current = Unicode.Scalar(targets[source.value] ?? source.value) ?? source
      if let lower = single(String(current).lowercased()), lower != current {
        targets[source.value] = lower.value
      }
    }
    // 5. The letters whose case folding is an ASCII letter (the Kelvin sign, long s), so that
    //    normalized text holds nothing PCRE2's caseless matching equates with an ASCII letter:
    //    a literal with `k` or `s` can then gate a pattern (see `RegexLiterals`).
    for value in UInt32(0x80)..<0x1_0000 {
      guard let source = Unicode.Scalar(value), targets[value] == nil,
        source.properties.changesWhenCaseFolded,
        let folded = single(String(source).folding(options: .caseInsensitive, locale: nil)),
        folded.isASCII
      else { continue }
      targets[value] = folded.value
    }

    var whitespace: [Unicode.Scalar] = []
    var ignorable: [Unicode.Scalar] = []
    for value in UInt32(0)..<0x1_0000 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      if scalar.properties.isWhitespace {
        whitespace.append(scalar)
        targets[value] = nil
      } else if scalar.properties.generalCategory == .format {
        ignorable.append(scalar)
        targets[value] = nil
      }
    }
    let mappings = targets.keys.sorted().compactMap { key -> (Unicode.Scalar, Unicode.Scalar)? in
      guard let source = Unicode.Scalar(key), let value = targets[key],
        let target = Unicode.Scalar(value), source != target
      else { return nil }
      return (source, target)
    }
    return Data(mappings: mappings, whitespace: whitespace, ignorable: ignorable)
  }

  /// The Swift source of `NormalizationTable+Generated.swift` for `data`.
  public static func swiftSource(for data: Data) -> String {
    func literal(_ scalars: [Unicode.Scalar], perLine: Int) -> String {
      var lines: [String] = []
      var line = ""
      for (offset, scalar) in scalars.enumerated() {
        line += escaped(scalar)
        if (offset + 1) % perLine == 0 {
          lines.append(line)
          line = ""
        }
      }
      if !line.isEmpty { lines.append(line) }
      return "\"\"\"\n" + lines.map { "    \($0)" }.joined(separator: "\\\n") + "\n    \"\"\""
    }
    let pairs = data.mappings.flatMap { [$0.0, $0.1] }
    return """
      // Generated from ICU by NormalizationTableDerivation; do not edit.
      // Regenerate: HUASHU_RECORD=1 swift test --filter NormalizationTableTests

      enum GeneratedNormalizationData {
        /// Pairs of scalars: source, then target (\(data.mappings.count) pairs).
        static let mappings = \(literal(pairs, perLine: 40))

        /// White space.
        static let whitespace = \(literal(data.whitespace, perLine: 40))

        /// Invisible format characters, dropped.
        static let ignorable = \(literal(data.ignorable, perLine: 40))
      }

      """
  }

  private static func escaped(_ scalar: Unicode.Scalar) -> String {
    let value = scalar.value
    let isHan = hanRanges.contains { $0.contains(value) } && !(0x2E80...0x2FDF).contains(value)
    if isHan { return String(scalar) }
    return "\\u{\(String(value, radix: 16, uppercase: true))}"
  }

  private static func scalars(in ranges: [ClosedRange<UInt32>]) -> [Unicode.Scalar] {
    ranges.flatMap { $0.compactMap(Unicode.Scalar.init) }
  }

  /// Transforms every scalar on its own, in one ICU call (newline-separated, so no rule can
  /// see a neighbour).
  private static func transformEach(
    _ scalars: [Unicode.Scalar], _ transform: StringTransform
  ) -> [String] {
    let joined = scalars.map { String($0) }.joined(separator: "\n")
    let result = joined.applyingTransform(transform, reverse: false) ?? joined
    let parts = result.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    return parts.count == scalars.count ? parts : scalars.map { String($0) }
  }

  private static func single(_ string: String) -> Unicode.Scalar? {
    let scalars = string.unicodeScalars
    return scalars.count == 1 ? scalars.first : nil
  }
}
