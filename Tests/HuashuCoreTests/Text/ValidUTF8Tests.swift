import Testing

@testable import HuashuCore

struct ValidUTF8Tests {
  /// Agrees with the standard library's validating initializer on valid text and on every kind
  /// of broken byte sequence.
  @Test func agreesWithTheStandardLibrary() {
    var random = SyntheticWorkload.Generator(seed: 5)
    let pieces: [[UInt8]] = [
      Array("亲，在吗".utf8), Array("ok".utf8), Array("😊".utf8), [0x80], [0xC0, 0xAF],
      [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xBD], [0xFF],
      [0xEF, 0xBF, 0xBD],
    ]
    for _ in 0..<5_000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0...6, using: &random) {
        bytes += pieces[Int.random(in: 0..<pieces.count, using: &random)]
      }
      #expect(String(validUTF8: bytes) == String(validating: bytes, as: UTF8.self), "\(bytes)")
    }
  }
}
