extension Double {
  /// The value with exactly `decimals` decimals, without Foundation's locale (`0.80`).
  ///
  /// For tables and text lines, where columns line up.
  public func formatted(decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((self * scale).rounded())
    let whole = scaled / Int(scale)
    let fraction = String(scaled % Int(scale))
    return "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
  }

  /// The value rounded to two decimals and written as Swift writes a `Double` (`0.8`, `0.99`,
  /// `1.0`): the scores in a suggestion's reason.
  public var twoDecimalText: String {
    let hundredths = (self * 100).rounded()
    guard hundredths.magnitude < 1e15 else { return String(hundredths / 100) }
    // Written digit by digit: interpolation costs more than the rest of a suggestion's reason.
    let magnitude = Int(hundredths.magnitude)
    return String(unsafeUninitializedCapacity: 24) { buffer in
      var count = 0
      func put(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
      }
      if hundredths.sign == .minus { put(UInt8(ascii: "-")) }
      var whole = magnitude / 100
      let start = count
      repeat {
        put(UInt8(ascii: "0") + UInt8(whole % 10))
        whole /= 10
      } while whole > 0
      buffer[start..<count].reverse()
      put(UInt8(ascii: "."))
      let fraction = magnitude % 100
      put(UInt8(ascii: "0") + UInt8(fraction / 10))
      if fraction % 10 != 0 { put(UInt8(ascii: "0") + UInt8(fraction % 10)) }
      return count
    }
  }
}
