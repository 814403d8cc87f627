extension String {
  /// The text of `bytes` when they are valid UTF-8, else nil.
  ///
  /// The same answer as `String(validating:as:)`, which is generic and looked its types up at
  /// run time for every line (a lock the `--jobs` threads fought over): decoding repairs only
  /// invalid bytes, so the bytes are valid exactly when the decoded text reads back the same.
  public init?(validUTF8 bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    guard text.utf8.elementsEqual(bytes) else { return nil }
    self = text
  }
}
