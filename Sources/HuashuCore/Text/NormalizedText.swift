/// A message after normalization, with a map back to the text the buyer wrote.
///
/// Matching runs on ``utf8``; spans found there are turned back into ranges of ``original``
/// with ``originalRange(ofUTF8:)``, so a trace can highlight what the buyer actually typed.
/// A value type; safe to share.
public struct NormalizedText: Sendable {
  /// The text as it was given.
  public let original: String
  /// The normalized text as UTF-8 bytes: the subject every keyword and pattern is matched against.
  public let utf8: [UInt8]
  /// Whether the message was longer than the normalizer's limit and only a prefix was kept.
  public let isTruncated: Bool

  /// Where each scalar of the normalized text comes from in `original`.
  ///
  /// For the `i`th scalar, `sourceBounds[2i]` is the UTF-8 offset where its source scalar (or
  /// run of white space) starts and `sourceBounds[2i + 1]` the offset just past it. Kept per
  /// scalar, not per byte: a third of the writes for Chinese, and read only when a span is
  /// shown.
  private let sourceBounds: [Int32]

  init(original: String, utf8: [UInt8], sourceBounds: [Int32], isTruncated: Bool) {
    self.original = original
    self.utf8 = utf8
    self.sourceBounds = sourceBounds
    self.isTruncated = isTruncated
  }

  /// The normalized text as a string.
  public var text: String { String(decoding: utf8, as: UTF8.self) }

  /// The range of ``original`` that produced the normalized bytes `range`.
  ///
  /// - Parameter range: A range of byte offsets into ``utf8``; it must lie on scalar
  ///   boundaries, as every match found by the matcher does.
  /// - Returns: The corresponding range of the original string. Characters dropped by
  ///   normalization (extra spaces, zero-width marks) inside the range are included.
  public func originalRange(ofUTF8 range: Range<Int>) -> Range<String.Index> {
    let view = original.utf8
    let count = utf8.count
    guard count > 0 else { return original.startIndex..<original.startIndex }
    let lower: Int
    let upper: Int
    if range.lowerBound >= count {
      lower = Int(sourceBounds[sourceBounds.count - 1])
    } else {
      lower = Int(sourceBounds[2 * scalarIndex(ofByte: range.lowerBound)])
    }
    if range.isEmpty {
      upper = lower
    } else {
      upper = Int(sourceBounds[2 * scalarIndex(ofByte: min(range.upperBound, count) - 1) + 1])
    }
    let start = view.index(view.startIndex, offsetBy: lower)
    let end = view.index(view.startIndex, offsetBy: max(lower, upper))
    return start..<end
  }

  /// The index of the scalar that byte `offset` of ``utf8`` belongs to.
  private func scalarIndex(ofByte offset: Int) -> Int {
    scalarCount(ofUTF8: 0..<offset + 1) - 1
  }

  /// The number of Unicode scalars in a byte range of ``utf8``.
  public func scalarCount(ofUTF8 range: Range<Int>) -> Int {
    var count = 0
    for index in range where utf8[index] & 0xC0 != 0x80 { count += 1 }
    return count
  }
}
