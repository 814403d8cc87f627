internal import Yams

/// Finds the nodes of a composed YAML document by coding path, for their positions.
///
/// `YAMLDecoder` reports problems as coding paths; this turns such a path (or one built by the
/// loader) back into the line and column of the node in the file.
struct YAMLLocator {
  let root: Node
  let path: String
  /// The file's lines, to place positions inside a scalar.
  let lines: [Substring]

  init(root: Node, path: String, text: String) {
    self.root = root
    self.path = path
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  }

  private init(root: Node, path: String, lines: [Substring]) {
    self.root = root
    self.path = path
    self.lines = lines
  }

  /// A locator whose paths start at the node at `codingPath`.
  ///
  /// Marks stay those of the file. Walking from a rule's own node instead of the file's root
  /// keeps loading linear in the number of rules.
  func rooted(at codingPath: [any CodingKey]) -> YAMLLocator {
    YAMLLocator(root: node(at: codingPath), path: path, lines: lines)
  }

  /// The node at `codingPath`, or the deepest ancestor that exists.
  func node(at codingPath: [any CodingKey]) -> Node {
    var current = root
    for key in codingPath {
      guard let child = child(of: current, for: key) else { break }
      current = child
    }
    return current
  }

  /// The node at exactly `codingPath`, or `nil` when some step does not exist.
  func existingNode(at codingPath: [any CodingKey]) -> Node? {
    var current = root
    for key in codingPath {
      guard let child = child(of: current, for: key) else { return nil }
      current = child
    }
    return current
  }

  /// The location of the node at `codingPath` (or of its deepest existing ancestor).
  func location(of codingPath: [any CodingKey]) -> SourceLocation {
    location(of: node(at: codingPath))
  }

  /// The location of `node`.
  func location(of node: Node) -> SourceLocation {
    let mark = node.mark
    return SourceLocation(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
  }

  /// The location of the character at `prefix.unicodeScalars.count` inside the one-line scalar
  /// at `codingPath`, when the file spells the scalar's `prefix` literally (no escapes);
  /// otherwise the scalar's own location.
  func location(inScalarAt codingPath: [any CodingKey], after prefix: String) -> SourceLocation {
    let start = location(of: codingPath)
    guard case .scalar(let scalar) = node(at: codingPath), lines.indices.contains(start.line - 1)
    else { return start }
    let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
    let line = lines[start.line - 1].unicodeScalars
    let skip = start.column - 1 + (quoted ? 1 : 0)
    guard skip <= line.count else { return start }
    let rest = line.dropFirst(skip)
    guard rest.starts(with: prefix.unicodeScalars) else { return start }
    var result = start
    result.column = skip + prefix.unicodeScalars.count + 1
    return result
  }

  /// The key nodes and value nodes of the mapping at `codingPath`, in file order.
  func entries(at codingPath: [any CodingKey]) -> [(key: Node, value: Node)] {
    guard case .mapping(let mapping) = existingNode(at: codingPath) else { return [] }
    return mapping.map { ($0.key, $0.value) }
  }

  private func child(of node: Node, for key: any CodingKey) -> Node? {
    switch node {
    case .mapping(let mapping):
      return mapping.first { $0.key.string == key.stringValue }?.value
    case .sequence(let sequence):
      guard let index = key.intValue, sequence.indices.contains(index) else { return nil }
      return sequence[index]
    default:
      return nil
    }
  }
}

/// A coding key built by the loader to address nodes.
struct PathKey: CodingKey {
  var stringValue: String
  var intValue: Int?

  init(stringValue: String) {
    self.stringValue = stringValue
    self.intValue = nil
  }

  init(intValue: Int) {
    self.stringValue = "[\(intValue)]"
    self.intValue = intValue
  }

  init(_ string: String) { self.init(stringValue: string) }
  init(_ index: Int) { self.init(intValue: index) }
}
