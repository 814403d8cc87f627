import HuashuCore

/// The messages a command works on: its arguments, or else standard input, one per line.
///
/// Standard input is read lazily, line by line, with ``LineReader`` (a `\r\n` line end counts as
/// `\n`), so each answer can be written before the next line arrives. Invalid UTF-8 is repaired
/// (U+FFFD), never fatal. A line over ``LineReader/defaultMaximumLength`` bytes, and a line of
/// nothing but carriage returns (a damaged line end, not a message), are bad lines: the command
/// answers each with an error and goes on, as `suggest` does.
struct MessageInput: Sequence, IteratorProtocol {
  /// One message, or the problem of a bad input line.
  enum Item: Sendable {
    case message(String)
    /// A bad line of standard input: its 1-based number and what is wrong.
    case bad(line: Int, problem: String)
  }

  private var arguments: [String].Iterator?
  private var lines: LineReader?

  init(arguments: [String]) {
    if arguments.isEmpty {
      lines = LineReader()
    } else {
      self.arguments = arguments.makeIterator()
    }
  }

  mutating func next() -> Item? {
    if arguments != nil { return arguments?.next().map(Item.message) }
    guard let line = lines?.next() else { return nil }
    if line.isOverlong {
      return .bad(line: line.number, problem: LineReader.overlongProblem(length: line.length))
    }
    if !line.bytes.isEmpty && line.bytes.allSatisfy({ $0 == UInt8(ascii: "\r") }) {
      return .bad(line: line.number, problem: Self.carriageReturnsProblem)
    }
    return .message(String(decoding: line.bytes, as: UTF8.self))
  }

  /// The error answer of a line of nothing but carriage returns.
  static let carriageReturnsProblem = "empty line: only carriage returns (\\r), no message"

  /// The name standard input goes by in error answers.
  static let standardInputName = "<stdin>"
}
