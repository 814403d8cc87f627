internal import Foundation

/// Reads the text of a rule, script or phrasebook file, refusing at once what is not one: a
/// path that cannot be opened (with the system's reason, such as a symbolic link loop), a FIFO
/// or device (reading `/dev/zero` would never end), a file over ``maximumBytes``, and text that
/// is not UTF-8 (reported at the line and column of the first bad byte).
public enum YAMLFileReader {
  /// The largest rule, script or phrasebook file read: 8 MiB.
  ///
  /// Thousands of rules or replies take well under a megabyte. Loading costs about 45 times a
  /// file's size in memory and grows faster than its size in time (a 50 MB rule file took
  /// 2.3 GB and 43 s), so a file this large is a mistake, not a rule set.
  public static let maximumBytes = 8 * 1024 * 1024

  /// The text of the file at `path`; nil, with the problem appended to `diagnostics`, when it
  /// cannot be read as a YAML file.
  static func text(ofFileAt path: String, diagnostics: inout [Diagnostic]) -> String? {
    let start = SourceLocation(path: path, line: 1, column: 1)
    func refuse(_ message: String, at location: SourceLocation = start, hint: String) -> String? {
      diagnostics.append(Diagnostic(.error, .unreadableFile, at: location, message, hint: hint))
      return nil
    }
    // Non-blocking, so that opening a FIFO does not wait for a writer; it is refused below.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      return refuse(
        "cannot read the file: \(FileStatus.Failure(errorNumber: errno))",
        hint: "check that it exists and is readable")
    }
    defer { close(descriptor) }
    let status: FileStatus
    do {
      status = try FileStatus(descriptor: descriptor)
    } catch {
      return refuse("cannot read the file: \(error)", hint: "check that it is readable")
    }
    guard status.isRegularFile else {
      return refuse(
        "cannot read the file: not a regular file (\(status.kind))",
        hint: "rule and phrasebook files must be regular files; remove it, or rename it so its "
          + "name does not end in .yaml")
    }
    func tooLarge(_ size: Int) -> String? {
      refuse(
        "the file is \(size) bytes; a rule or phrasebook file may hold at most "
          + "\(maximumBytes / 1_048_576) MB (\(maximumBytes) bytes)",
        hint: "split it into several files, or check it is the right file")
    }
    guard status.size <= maximumBytes else { return tooLarge(status.size) }
    guard let bytes = readAll(descriptor, limit: maximumBytes + 1) else {
      return refuse(
        "cannot read the file: \(FileStatus.Failure(errorNumber: errno))",
        hint: "check that it is readable")
    }
    // It may have grown since `fstat` (the size is then at least this).
    guard bytes.count <= maximumBytes else { return tooLarge(bytes.count) }
    guard let text = String(data: Data(bytes), encoding: .utf8) else {
      let bad = firstInvalidUTF8(in: bytes)
      var location = start
      location.line = bad?.line ?? 1
      location.column = bad?.column ?? 1
      return refuse(
        "the file is not valid UTF-8 text"
          + (bad.map { String(format: ": byte 0x%02X here is not part of a character", $0.byte) }
            ?? ""),
        at: location,
        hint: "save it as UTF-8 (from GB18030 or GBK: iconv -f GB18030 -t UTF-8)")
    }
    return text
  }

  /// At most `limit` bytes of the open file; nil when a read fails.
  private static func readAll(_ descriptor: Int32, limit: Int) -> [UInt8]? {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while bytes.count < limit {
      guard
        let count = try? FileDescriptor(descriptor).read(
          into: &chunk, limit: limit - bytes.count)
      else { return nil }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[..<count])
    }
    return bytes
  }

  /// The line and column (in Unicode scalars, as Yams counts) of the first byte of `bytes`
  /// that is not part of a UTF-8 character, and the byte; nil when they are all valid.
  static func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
    var line = 1
    var column = 1
    var offset = 0
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        offset += encoded.count
        if encoded.count == 1 && encoded.first == UInt8(ascii: "\n") {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .emptyInput:
        return nil
      case .error:
        return (line, column, bytes[offset])
      }
    }
  }
}
