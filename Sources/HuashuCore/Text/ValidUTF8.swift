internal import Foundation

extension String {
  /// The text of `bytes` when they are valid UTF-8, else nil.
  ///
  /// The same answer as `String(validating:as:)`, which is generic and looked its types up at
  /// run time for every line (a lock the `--jobs` threads fought over): decoding repairs only
  /// invalid bytes, so the bytes are valid exactly when the decoded text reads back the same.
  public init?(validUTF8 bytes: [UInt8]) {
    guard let text = bytes.withUnsafeBufferPointer(String.init(validUTF8:)) else { return nil }
    self = text
  }

  /// The text of `bytes` when they are valid UTF-8, else nil; see ``init(validUTF8:)-([UInt8])``.
  public init?(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
    var text = String(decoding: bytes, as: UTF8.self)
    // Compared as memory: the generic `elementsEqual` costs tens of instructions a byte.
    let isSame = text.withUTF8 { decoded in
      guard decoded.count == bytes.count else { return false }
      guard let left = decoded.baseAddress, let right = bytes.baseAddress else {
        return decoded.isEmpty
      }
      return memcmp(left, right, decoded.count) == 0
    }
    guard isSame else { return nil }
    self = text
  }
}
