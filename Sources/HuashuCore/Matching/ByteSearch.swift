#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Substring search over UTF-8 bytes.
///
/// UTF-8 is self-synchronising, so a byte match of a whole keyword always starts and ends on
/// scalar boundaries: no false match can straddle two characters.
enum ByteSearch {
  /// The first occurrence of `needle` in `haystack` at or after `start`.
  static func firstRange(
    of needle: [UInt8], in haystack: [UInt8], from start: Int = 0
  ) -> Range<Int>? {
    guard !needle.isEmpty, start < haystack.count, needle.count <= haystack.count - start
    else { return nil }
    return haystack.withUnsafeBufferPointer { haystack in
      firstRange(of: needle, in: haystack, from: start)
    }
  }

  private static func firstRange(
    of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int
  ) -> Range<Int>? {
    guard let base = haystack.baseAddress else { return nil }
    // memchr finds candidates for the first byte, memcmp confirms the rest. (glibc's memmem is
    // not exported to Swift without _GNU_SOURCE.) Keywords are short, so this is fast.
    return needle.withUnsafeBufferPointer { pattern -> Range<Int>? in
      guard let patternBase = pattern.baseAddress else { return nil }
      let first = Int32(pattern[0])
      let lastStart = haystack.count - pattern.count
      var position = start
      while position <= lastStart {
        guard
          let found = memchr(base + position, first, lastStart - position + 1)
        else { return nil }
        let offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        if memcmp(base + offset, patternBase, pattern.count) == 0 {
          return offset..<(offset + pattern.count)
        }
        position = offset + 1
      }
      return nil
    }
  }
}
