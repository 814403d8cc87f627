internal import Foundation

/// Reads standard input as raw lines of bytes, as they arrive.
///
/// Unlike `readLine()`, it keeps invalid UTF-8 visible (so a binary line can be reported rather
/// than silently repaired) and never holds more than `maximumLength` bytes of one line: the rest
/// of an over-long line is skipped and the line is marked.
public struct LineReader: Sequence, IteratorProtocol {
  /// One input line.
  public struct Line: Sendable {
    /// 1-based line number.
    public var number: Int
    /// The line's bytes without the newline (and without a trailing `\r`), at most
    /// `maximumLength` of them.
    public var bytes: [UInt8]
    /// Whether the line was longer than the limit.
    public var isOverlong: Bool
    /// The line's full length in bytes.
    public var length: Int

    /// Creates a line (as read, or made up for a benchmark).
    public init(number: Int, bytes: [UInt8], isOverlong: Bool = false, length: Int? = nil) {
      self.number = number
      self.bytes = bytes
      self.isOverlong = isOverlong
      self.length = length ?? bytes.count
    }
  }

  /// The default longest line kept: 64 KiB, far more than any chat message.
  public static let defaultMaximumLength = 64 * 1024

  /// The error answer of a line over the limit, the same in every command that reads lines.
  public static func overlongProblem(length: Int) -> String {
    "line is \(length) bytes, over the \(defaultMaximumLength)-byte limit"
  }

  private let descriptor: Int32
  private let maximumLength: Int
  private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
  private var start = 0
  private var end = 0
  private var isAtEnd = false
  private var lineNumber = 0
  /// Called before each read that may wait for input: where buffered output is flushed.
  ///
  /// `false` ends the input there (the output cannot be written, so reading on is pointless).
  private let beforeWaiting: () -> Bool

  /// Reads `descriptor` (standard input by default).
  ///
  /// - Parameter beforeWaiting: Called before each read that may wait; `false` ends the input.
  public init(
    descriptor: Int32 = 0, maximumLength: Int = LineReader.defaultMaximumLength,
    beforeWaiting: @escaping () -> Bool = { true }
  ) {
    self.descriptor = descriptor
    self.maximumLength = maximumLength
    self.beforeWaiting = beforeWaiting
  }

  public mutating func next() -> Line? {
    var bytes: [UInt8] = []
    var length = 0
    var sawAnything = false
    while true {
      if start == end {
        guard !isAtEnd, refill() else {
          guard sawAnything else { return nil }
          return finish(bytes, length: length)
        }
      }
      sawAnything = true
      let newline = buffer[start..<end].firstIndex(of: 0x0A)
      let stop = newline ?? end
      let chunk = stop - start
      if bytes.count < maximumLength {
        bytes.append(
          contentsOf: buffer[start..<Swift.min(stop, start + maximumLength - bytes.count)])
      }
      length += chunk
      start = newline.map { $0 + 1 } ?? end
      if newline != nil { return finish(bytes, length: length) }
    }
  }

  private mutating func finish(_ bytes: [UInt8], length: Int) -> Line {
    lineNumber += 1
    var bytes = bytes
    var length = length
    if bytes.last == 0x0D && length <= maximumLength {
      bytes.removeLast()
      length -= 1
    }
    return Line(
      number: lineNumber, bytes: bytes, isOverlong: length > maximumLength, length: length)
  }

  /// Reads what is available (blocking until something is); `false` at end of input, or when
  /// `beforeWaiting` ends it.
  private mutating func refill() -> Bool {
    start = 0
    end = 0
    guard beforeWaiting() else {
      isAtEnd = true
      return false
    }
    // A failed read ends the input, as its end does.
    let count = (try? FileDescriptor(descriptor).read(into: &buffer)) ?? 0
    guard count > 0 else {
      isAtEnd = true
      return false
    }
    end = count
    return true
  }
}
