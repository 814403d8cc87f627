public import Foundation

/// An open POSIX file descriptor: the one place huashu hands its memory to `read(2)` and
/// `write(2)`, each retried after a signal (and a write after a short write).
public struct FileDescriptor: Hashable, Sendable {
  /// The descriptor number.
  public let rawValue: Int32

  /// Wraps an open descriptor (which it does not close).
  public init(_ rawValue: Int32) {
    self.rawValue = rawValue
  }

  /// Standard input, output and error.
  public static let standardInput = FileDescriptor(STDIN_FILENO)
  public static let standardOutput = FileDescriptor(STDOUT_FILENO)
  public static let standardError = FileDescriptor(STDERR_FILENO)

  /// A failed system call: its `errno`.
  public struct Failure: Error, Hashable, Sendable {
    /// The `errno` value.
    public let number: Int32
  }

  /// Writes all of `bytes`.
  ///
  /// - Throws: ``Failure`` when `write(2)` fails; a write of nothing for a non-empty buffer
  ///   (no progress) fails with `EIO` rather than looping.
  public func writeAll(_ bytes: [UInt8]) throws(Failure) {
    if let failure = bytes.withUnsafeBytes(write) { throw failure }
  }

  /// Writes all of `text`, as UTF-8.
  public func writeAll(_ text: String) throws(Failure) {
    var text = text
    if let failure = text.withUTF8({ write(UnsafeRawBufferPointer($0)) }) { throw failure }
  }

  /// Writes all of `data`.
  public func writeAll(_ data: Data) throws(Failure) {
    if let failure = data.withUnsafeBytes(write) { throw failure }
  }

  /// Writes all of `bytes`; the failure, if one.
  private func write(_ bytes: UnsafeRawBufferPointer) -> Failure? {
    var written = 0
    while written < bytes.count {
      let rest = UnsafeRawBufferPointer(rebasing: bytes[written...])
      let count = systemWrite(rawValue, rest.baseAddress, rest.count)
      if count > 0 {
        written += count
      } else if count < 0 && errno == EINTR {
        continue
      } else {
        return Failure(number: count < 0 ? errno : EIO)
      }
    }
    return nil
  }

  /// Reads what is available (blocking until something is) into the start of `buffer`, at
  /// most `limit` bytes (all of the buffer by default).
  ///
  /// - Returns: How many bytes were read; 0 at the end of the input.
  /// - Throws: ``Failure`` when `read(2)` fails.
  public func read(into buffer: inout [UInt8], limit: Int? = nil) throws(Failure) -> Int {
    let size = min(limit ?? buffer.count, buffer.count)
    while true {
      let count = buffer.withUnsafeMutableBytes { systemRead(rawValue, $0.baseAddress, size) }
      if count >= 0 { return count }
      if errno != EINTR { throw Failure(number: errno) }
    }
  }
}

/// `write(2)` and `read(2)`, out of reach of the methods of the same names above.
private func systemWrite(_ descriptor: Int32, _ base: UnsafeRawPointer?, _ count: Int) -> Int {
  write(descriptor, base, count)
}

private func systemRead(_ descriptor: Int32, _ base: UnsafeMutableRawPointer?, _ count: Int)
  -> Int
{
  read(descriptor, base, count)
}
