internal import Glibc

/// The text of a file whose encoding is not known: UTF-8 with or without a byte-order mark,
/// else GB18030 (what Chinese spreadsheet programs save), and which one it was.
public struct DecodedText: Hashable, Sendable {
  /// The encodings a file is read as.
  public enum Encoding: String, Hashable, Sendable {
    case utf8WithBOM = "UTF-8 with BOM"
    case utf8 = "UTF-8"
    case gb18030 = "GB18030"
  }

  /// The text, without a byte-order mark.
  public let text: String
  /// The encoding it was read as.
  public let encoding: Encoding

  /// Why bytes are not text.
  public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
    /// A NUL byte: a binary file (offset of the first).
    case binary(offset: Int)
    /// Neither UTF-8 nor GB18030.
    case undecodable

    public var description: String {
      switch self {
      case .binary(let offset):
        "this is a binary file, not text (a NUL byte at offset \(offset))"
      case .undecodable:
        "the text is neither UTF-8 nor GB18030; save it as UTF-8"
      }
    }
  }

  /// Decodes `bytes`: UTF-8 (a leading BOM is dropped) when they are valid UTF-8, else
  /// GB18030.
  public init(bytes: [UInt8]) throws(Failure) {
    if let nul = bytes.firstIndex(of: 0) { throw .binary(offset: nul) }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
        throw .undecodable
      }
      self.text = text
      self.encoding = .utf8WithBOM
    } else if let text = String(validating: bytes, as: UTF8.self) {
      self.text = text
      self.encoding = .utf8
    } else if let converted = IconvConverter(from: "GB18030", to: "UTF-8")?.convert(bytes),
      let text = String(validating: converted, as: UTF8.self)
    {
      self.text = text
      self.encoding = .gb18030
    } else {
      throw .undecodable
    }
  }
}

/// An iconv(3) conversion descriptor, owned: opened once, closed once.
final class IconvConverter {
  private let descriptor: iconv_t

  /// A converter between two encodings glibc knows, or nil.
  init?(from source: String, to target: String) {
    let descriptor = iconv_open(target, source)
    guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
    self.descriptor = descriptor
  }

  deinit { iconv_close(descriptor) }

  /// The converted bytes, or nil when the input is not valid in the source encoding.
  func convert(_ bytes: [UInt8]) -> [UInt8]? {
    var input = bytes
    var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
    let written: Int? = input.withUnsafeMutableBufferPointer { inputBuffer in
      output.withUnsafeMutableBufferPointer { outputBuffer in
        var inputPointer = UnsafeMutableRawPointer(inputBuffer.baseAddress)?
          .assumingMemoryBound(to: CChar.self)
        var inputLeft = inputBuffer.count
        var outputPointer = UnsafeMutableRawPointer(outputBuffer.baseAddress)?
          .assumingMemoryBound(to: CChar.self)
        var outputLeft = outputBuffer.count
        iconv(descriptor, nil, nil, nil, nil)  // reset the shift state
        let result = iconv(descriptor, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
        guard result != -1, inputLeft == 0 else { return nil }
        return outputBuffer.count - outputLeft
      }
    }
    guard let written else { return nil }
    return Array(output.prefix(written))
  }
}
