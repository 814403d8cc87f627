extension String {
  /// The text of `bytes` when they are valid UTF-8, else nil.
  ///
  /// The same answer as `String(validating:as:)`, which is generic and looked its types up at
  /// run time for every line (a lock the `--jobs` threads fought over).
  public init?(validUTF8 bytes: [UInt8]) {
    self.init(validUTF8: bytes[...])
  }

  /// The text of `bytes` when they are valid UTF-8, else nil.
  public init?(validUTF8 bytes: ArraySlice<UInt8>) {
    guard UTF8Validation.isValid(bytes) else { return nil }
    self.init(decoding: bytes, as: UTF8.self)
  }
}

/// Whether bytes are well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms, no
/// surrogates, nothing above U+10FFFF).
enum UTF8Validation {
  static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
    var index = bytes.startIndex
    let end = bytes.endIndex
    while index < end {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      // The allowed range of the second byte, and how many continuation bytes follow it.
      let second: ClosedRange<UInt8>
      let trailing: Int
      switch lead {
      case 0xC2...0xDF: (second, trailing) = (0x80...0xBF, 0)
      case 0xE0: (second, trailing) = (0xA0...0xBF, 1)
      case 0xE1...0xEC, 0xEE...0xEF: (second, trailing) = (0x80...0xBF, 1)
      case 0xED: (second, trailing) = (0x80...0x9F, 1)
      case 0xF0: (second, trailing) = (0x90...0xBF, 2)
      case 0xF1...0xF3: (second, trailing) = (0x80...0xBF, 2)
      case 0xF4: (second, trailing) = (0x80...0x8F, 2)
      default: return false
      }
      guard end - index > 1 + trailing, second.contains(bytes[index + 1]) else { return false }
      for offset in 0..<trailing where bytes[index + 2 + offset] & 0xC0 != 0x80 {
        return false
      }
      index += 2 + trailing
    }
    return true
  }
}
