extension String {
  /// `pieces` one after another, built in one allocation: interpolation and `+` grow the string
  /// piece by piece, which shows when it runs for every suggestion.
  init(concatenating pieces: String...) {
    var total = 0
    for piece in pieces { total += piece.utf8.count }
    self.init(unsafeUninitializedCapacity: total) { buffer in
      var offset = 0
      for var piece in pieces {
        piece.withUTF8 { bytes in
          guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
          (target + offset).update(from: source, count: bytes.count)
          offset += bytes.count
        }
      }
      return offset
    }
  }
}
