/// The messages a command works on: its arguments, or else standard input, one per line.
///
/// Standard input is read lazily, line by line, so each answer can be written before the next
/// line arrives. Invalid UTF-8 is repaired (U+FFFD), never fatal; a trailing `\r` is dropped.
struct MessageInput: Sequence, IteratorProtocol {
  private var arguments: [String].Iterator?

  init(arguments: [String]) {
    self.arguments = arguments.isEmpty ? nil : arguments.makeIterator()
  }

  mutating func next() -> String? {
    if arguments != nil { return arguments?.next() }
    guard var line = readLine(strippingNewline: true) else { return nil }
    if line.hasSuffix("\r") { line.removeLast() }
    return line
  }
}
