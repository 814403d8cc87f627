internal import Foundation
internal import Yams

/// The state of loading one YAML file: its node tree, where each node is, and what has been
/// found wrong so far.
///
/// Shared by every loader of a YAML format (rules, phrasebooks, the shop profile), so that they
/// report problems alike.
struct YAMLScope {
  let locator: YAMLLocator
  var diagnostics: [Diagnostic] = []

  init(locator: YAMLLocator, decoder: YAMLDecoder = YAMLDecoder()) {
    self.locator = locator
    self.decoder = decoder
  }

  /// A scope for the node at `codingPath`, sharing this scope's decoder; its diagnostics are
  /// its own.
  func scope(at codingPath: [any CodingKey]) -> YAMLScope {
    YAMLScope(locator: locator.rooted(at: codingPath), decoder: decoder)
  }

  /// Reads and parses the file at `path`.
  ///
  /// On failure returns `nil` and appends the problem (unreadable, not a regular file, over
  /// ``YAMLFileReader/maximumBytes``, not UTF-8, empty, malformed YAML) to `diagnostics`.
  static func open(
    path: String, emptyHint: String, diagnostics: inout [Diagnostic]
  ) -> YAMLScope? {
    guard let text = YAMLFileReader.text(ofFileAt: path, diagnostics: &diagnostics) else {
      return nil
    }
    return parse(text: text, path: path, emptyHint: emptyHint, diagnostics: &diagnostics)
  }

  /// Parses YAML text, as ``open(path:emptyHint:diagnostics:)`` does a file's.
  static func parse(
    text: String, path: String, emptyHint: String, diagnostics: inout [Diagnostic]
  ) -> YAMLScope? {
    do {
      // The basic resolver tags every scalar as a plain string: the Codable types decide what a
      // value must be (numbers still decode). Yams' default resolver runs several regular
      // expressions over every scalar, which was most of the time of loading large rule sets.
      guard let root = try Yams.compose(yaml: text, Resolver.basic) else {
        diagnostics.append(
          Diagnostic(
            .error, .missingField, at: SourceLocation(path: path, line: 1, column: 1),
            "the file is empty", hint: emptyHint))
        return nil
      }
      return YAMLScope(locator: YAMLLocator(root: root, path: path, text: text))
    } catch {
      diagnostics.append(diagnostic(forYAMLError: error, path: path))
      return nil
    }
  }

  private static func diagnostic(forYAMLError error: any Error, path: String) -> Diagnostic {
    var location = SourceLocation(path: path, line: 1, column: 1)
    var problem = String(describing: error)
    if let yamlError = error as? YamlError {
      switch yamlError {
      case .scanner(let context, let message, let mark, _),
        .parser(let context, let message, let mark, _),
        .composer(let context, let message, let mark, _):
        location = SourceLocation(path: path, line: mark.line, column: mark.column)
        problem = message + (context.map { " \($0.text)" } ?? "")
      case .reader(let message, _, _, _):
        problem = message
      default:
        break
      }
    }
    return Diagnostic(
      .error, .malformedYAML, at: location, "malformed YAML: \(problem)",
      hint: "check indentation, colons and quotes here; quote text with single quotes")
  }

  /// One decoder for every node of the file and its sub-scopes.
  ///
  /// Creating a `YAMLDecoder` resolves Yams' default encoding, which costs more than decoding a
  /// small rule.
  private let decoder: YAMLDecoder

  mutating func report(
    _ category: DiagnosticCategory, at path: [any CodingKey], _ message: String,
    hint: String? = nil, severity: Diagnostic.Severity = .error,
    excerpt: Diagnostic.PatternExcerpt? = nil
  ) {
    report(
      category, at: locator.location(of: path), message, hint: hint, severity: severity,
      excerpt: excerpt)
  }

  mutating func report(
    _ category: DiagnosticCategory, at location: SourceLocation, _ message: String,
    hint: String? = nil, severity: Diagnostic.Severity = .error,
    excerpt: Diagnostic.PatternExcerpt? = nil
  ) {
    diagnostics.append(
      Diagnostic(severity, category, at: location, message, hint: hint, excerpt: excerpt))
  }

  /// Decodes the value at `path` if the key is present; reports a type mismatch.
  mutating func decode<T: Decodable>(_ type: T.Type, at path: [any CodingKey]) -> T? {
    guard let node = locator.existingNode(at: path) else { return nil }
    // `key:` with nothing after it, `~` or `null`: treat as absent.
    if case .scalar(let scalar) = node, scalar.style == .plain,
      ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    {
      return nil
    }
    do {
      return try decoder.decode(type, from: node)
    } catch let error as DecodingError {
      reportDecodingError(error, base: path, requested: T.self)
      return nil
    } catch {
      report(.invalidValue, at: path, "cannot read this value: \(error)")
      return nil
    }
  }

  private mutating func reportDecodingError(
    _ error: DecodingError, base: [any CodingKey], requested: Any.Type
  ) {
    let (context, found): (DecodingError.Context, Any.Type?) =
      switch error {
      case .typeMismatch(let type, let context): (context, type)
      case .valueNotFound(let type, let context): (context, type)
      case .keyNotFound(_, let context): (context, nil)
      case .dataCorrupted(let context): (context, nil)
      @unknown default: (DecodingError.Context(codingPath: [], debugDescription: ""), nil)
      }
    // At the top of the decoded value the requested type says best what was expected; deeper
    // down, only the YAML node kind Yams wanted is known.
    let expected =
      context.codingPath.isEmpty
      ? Self.describe(requested) : found.map(Self.describe) ?? "a valid value"
    let path = base + context.codingPath
    let name = path.last.map { $0.intValue == nil ? "`\($0.stringValue)`" : "this item" }
    report(
      .invalidValue, at: path, "\(name ?? "this value") should be \(expected)",
      hint: expected.hasPrefix("a list")
        ? "write a YAML list such as `[便宜, 优惠]`" : "change the value's type")
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type, is String?.Type: "a string"
    case is Double.Type, is Double?.Type: "a number"
    case is Int.Type, is Int?.Type: "a whole number"
    case is Bool.Type, is Bool?.Type: "true or false"
    case is [String].Type, is [String]?.Type: "a list of strings"
    case is Node.Sequence.Type: "a list"
    case is Node.Mapping.Type: "a mapping of keys to values"
    case is Node.Scalar.Type: "a single value (text or a number)"
    default: "a valid value"
    }
  }

  /// Reports every key of the mapping at `path` that `keys` does not know.
  mutating func checkKeys<Keys: CodingKey & CaseIterable & RawRepresentable<String>>(
    at path: [any CodingKey], allowed keys: Keys.Type, what: String
  ) {
    let known = Keys.allCases.map(\.rawValue)
    for (keyNode, _) in locator.entries(at: path) {
      let name = keyNode.string ?? ""
      guard !known.contains(name) else { continue }
      let suggestion = KeySuggestion.nearest(to: name, among: known)
      let hint =
        suggestion.map { "did you mean `\($0)`?" }
        ?? "known keys are \(known.map { "`\($0)`" }.joined(separator: ", "))"
      diagnostics.append(
        Diagnostic(
          .error, .unknownKey, at: locator.location(of: keyNode),
          "unknown key `\(name)` in \(what)", hint: hint))
    }
  }
}
