/// The writing of JSON values, shared by ``JSONBuilder`` and ``CompactJSONEncoder``.
extension JSONBuilder {
  /// Appends `value` as a JSON string: UTF-8, escaping only `"`, `\` and control characters.
  static func appendString(_ value: String, to output: inout ByteBuffer) {
    var value = value
    value.withUTF8 { utf8 in
      // Room for the text as it is and its quotes: most text needs no escape.
      output.reserve(utf8.count + 2)
      output.append(UInt8(ascii: "\""))
      guard needsEscaping(UnsafeRawBufferPointer(utf8)) else {
        output.append(contentsOf: utf8)
        output.append(UInt8(ascii: "\""))
        return
      }
      var clean = 0
      for index in utf8.indices {
        let byte = utf8[index]
        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
          output.append(contentsOf: utf8[clean..<index])
          appendEscape(byte, to: &output)
          clean = index + 1
        }
      }
      output.append(contentsOf: utf8[clean...])
      output.append(UInt8(ascii: "\""))
    }
  }

  /// Whether any byte of `bytes` is a control character, `"` or `\`, tested sixteen at a time
  /// (SIMD) in a text of sixteen bytes or more, else eight at a time.
  ///
  /// The last chunk overlaps the one before; a text shorter than eight bytes is gathered into a
  /// word padded with spaces, in registers: copying it through memory would stall the load
  /// that reads the word back.
  @inline(__always)
  static func needsEscaping(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let count = bytes.count
    // Long texts (replies) sixteen bytes at a time, the rest as below.
    var start = 0
    if count >= 16 {
      let space = SIMD16<UInt8>(repeating: 0x20)
      let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
      let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
      while start + 16 <= count {
        let chunk = bytes.loadUnaligned(fromByteOffset: start, as: SIMD16<UInt8>.self)
        if any((chunk .< space) .| (chunk .== quote) .| (chunk .== backslash)) { return true }
        start += 16
      }
      guard start < count else { return false }
      // The last sixteen bytes, overlapping the chunk before.
      let chunk = bytes.loadUnaligned(fromByteOffset: count - 16, as: SIMD16<UInt8>.self)
      return any((chunk .< space) .| (chunk .== quote) .| (chunk .== backslash))
    }
    guard count >= 8 else {
      var tail: UInt64 = 0x2020_2020_2020_2020
      for index in 0..<count {
        let shift = UInt64(index * 8)
        tail = tail & ~(0xFF << shift) | UInt64(bytes[index]) << shift
      }
      return needsEscaping(tail)
    }
    var offset = 0
    while offset + 8 <= count {
      if needsEscaping(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) {
        return true
      }
      offset += 8
    }
    return offset < count
      && needsEscaping(bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
  }

  /// Whether any of the eight bytes in `word` is a control character, `"` or `\`, tested on
  /// all eight at once (the "has a zero byte" and "has a byte below n" bit tricks).
  @inline(__always)
  static func needsEscaping(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
    // Bytes of 0x80 and above (all of Chinese) are excluded by `~word`.
    let belowSpace = (word &- ones &* 0x20) & ~word & highs != 0
    return belowSpace || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
  }

  private static func appendEscape(_ byte: UInt8, to output: inout ByteBuffer) {
    switch byte {
    case UInt8(ascii: "\""): output.append(#"\""#)
    case UInt8(ascii: "\\"): output.append(#"\\"#)
    case UInt8(ascii: "\n"): output.append(#"\n"#)
    case UInt8(ascii: "\r"): output.append(#"\r"#)
    case UInt8(ascii: "\t"): output.append(#"\t"#)
    default:
      func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
      }
      output.append(#"\u00"#)
      output.append(hexDigit(byte >> 4))
      output.append(hexDigit(byte & 0xF))
    }
  }

  /// Appends an integer in decimal, without going through `String`.
  static func appendInteger(_ value: Int64, to output: inout ByteBuffer) {
    if value < 0 { output.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    // The digits come out last one first: written so, then put in order.
    let start = output.count
    repeat {
      output.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
      magnitude /= 10
    } while magnitude > 0
    output.reverseBytes(from: start)
  }

  /// Appends a finite number as Swift describes it (the shortest text that reads back the same),
  /// a whole number without a fraction; `null` for infinity and NaN.
  static func appendNumber(_ value: Double, to output: inout ByteBuffer) {
    guard value.isFinite else {
      output.append("null")
      return
    }
    if value.rounded() == value && abs(value) < 1e15 {
      appendInteger(Int64(value), to: &output)
      return
    }
    // Most numbers written are scores rounded to thousandths. When `n / 1000` reads back as the
    // value, its decimal digits (trailing zeros dropped) are what `description` would write: no
    // shorter decimal reads back the same, since decimals of so few digits are all distinct
    // doubles. From 0.001 up, `description` writes no exponent, and below 1e12 it has room.
    let thousandths = (value * 1000).rounded()
    if thousandths / 1000 == value, abs(thousandths) < 1e12 {
      let magnitude = Int64(thousandths.magnitude)
      if value < 0 { output.append(UInt8(ascii: "-")) }
      appendInteger(magnitude / 1000, to: &output)
      var fraction = magnitude % 1000
      output.append(UInt8(ascii: "."))
      var divisor: Int64 = 100
      repeat {
        output.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
        fraction %= divisor
        divisor /= 10
      } while fraction > 0
      return
    }
    output.append(utf8: value.description)
  }
}
