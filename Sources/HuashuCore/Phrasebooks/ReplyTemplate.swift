/// A reply text with `{variable}` and `{variable|fallback}` placeholders, parsed once.
///
/// `{{` and `}}` stand for literal braces. A placeholder's name is ASCII letters, digits and
/// `_`; its fallback is any text without braces.
public struct ReplyTemplate: Hashable, Sendable {
  /// One piece of a template.
  public enum Segment: Hashable, Sendable {
    /// Text written as is.
    case literal(String)
    /// A placeholder.
    case variable(name: String, fallback: String?)
  }

  /// The template as written.
  public let source: String
  /// The parsed pieces, in order.
  public let segments: [Segment]

  /// Parses `source`.
  ///
  /// - Throws: ``ReplyTemplateError`` with the character offset of the problem.
  public init(_ source: String) throws(ReplyTemplateError) {
    self.source = source
    var segments: [Segment] = []
    var literal = ""
    var index = source.startIndex
    func offset(_ position: String.Index) -> Int {
      source.distance(from: source.startIndex, to: position)
    }
    while index < source.endIndex {
      let character = source[index]
      let next = source.index(after: index)
      if character == "{" && next < source.endIndex && source[next] == "{" {
        literal.append("{")
        index = source.index(after: next)
        continue
      }
      if character == "}" {
        guard next < source.endIndex, source[next] == "}" else {
          throw ReplyTemplateError(
            source: source, characterOffset: offset(index),
            problem: "`}` without a matching `{` (write `}}` for a literal brace)")
        }
        literal.append("}")
        index = source.index(after: next)
        continue
      }
      guard character == "{" else {
        literal.append(character)
        index = next
        continue
      }
      guard let close = source[next...].firstIndex(of: "}") else {
        throw ReplyTemplateError(
          source: source, characterOffset: offset(index),
          problem: "`{` is never closed (write `{{` for a literal brace)")
      }
      let body = source[next..<close]
      let parts = body.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(parts[0]).trimmingSpaces()
      guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isNameScalar), !body.contains("{")
      else {
        throw ReplyTemplateError(
          source: source, characterOffset: offset(index),
          problem: "`{\(body)}` is not a variable: use a name such as `{buyer}` or `{buyer|亲}`")
      }
      if !literal.isEmpty {
        segments.append(.literal(literal))
        literal = ""
      }
      segments.append(.variable(name: name, fallback: parts.count > 1 ? String(parts[1]) : nil))
      index = source.index(after: close)
    }
    if !literal.isEmpty { segments.append(.literal(literal)) }
    self.segments = segments
  }

  /// The names of the template's variables, in order of first use.
  public var variableNames: [String] {
    var seen: Set<String> = []
    return segments.compactMap { segment in
      guard case .variable(let name, _) = segment, seen.insert(name).inserted else { return nil }
      return name
    }
  }

  /// Fills the template.
  ///
  /// A variable with a value gets it; one without a value gets its fallback; one with neither is
  /// shown as `【name】` and listed in ``RenderedReply/missingVariables``, so the agent sees
  /// what to fill in and never sends raw braces.
  public func render(_ values: [String: String]) -> RenderedReply {
    if segments.count == 1, case .literal(let literal) = segments[0] {
      return RenderedReply(text: literal, missingVariables: [])
    }
    var text = ""
    // About the template's length: the text grows in place rather than by reallocations.
    text.reserveCapacity(source.utf8.count + 32)
    var missing: [String] = []
    for segment in segments {
      switch segment {
      case .literal(let literal):
        text += literal
      case .variable(let name, let fallback):
        if let value = values[name], !value.isEmpty {
          text += value
        } else if let fallback {
          text += fallback
        } else {
          text += "【\(name)】"
          if !missing.contains(name) { missing.append(name) }
        }
      }
    }
    return RenderedReply(text: text, missingVariables: missing)
  }

  private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
  }
}

/// A filled-in reply.
public struct RenderedReply: Hashable, Sendable {
  /// The text, ready to send when ``missingVariables`` is empty.
  public let text: String
  /// Variables that had no value and no fallback, in order; shown as `【name】` in ``text``.
  public let missingVariables: [String]
}

/// A reply template that cannot be parsed.
public struct ReplyTemplateError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The template.
  public var source: String
  /// Where the problem is, in `Character`s from the start.
  public var characterOffset: Int
  /// What is wrong.
  public var problem: String

  public var description: String { "\(problem) at character \(characterOffset)" }
}

extension StringProtocol {
  func trimmingSpaces() -> String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
