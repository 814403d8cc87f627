/// A finding about the content of a rule file or phrasebook: where it is, how bad, and what to
/// do about it.
///
/// Loading, linting and testing collect every diagnostic and return them together, so an editor
/// fixes ten problems in one run. The library never prints them; the CLI renders them as
/// `path:line:column: severity: [category] message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  /// How serious a finding is.
  public enum Severity: String, Hashable, Sendable, Codable, Comparable {
    /// The content cannot be used as written.
    case error
    /// The content works but probably not as meant.
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
      lhs == .warning && rhs == .error
    }
  }

  /// A regular expression shown under a diagnostic with a caret at the offending offset.
  public struct PatternExcerpt: Hashable, Sendable {
    /// The pattern as written in the file.
    public var pattern: String
    /// The offset PCRE2 reported, in UTF-8 code units.
    public var utf8Offset: Int
    /// The same offset in `Character`s.
    public var characterOffset: Int
  }

  /// How serious it is.
  public var severity: Severity
  /// What kind of finding it is; stable, for tests and for filtering.
  public var category: DiagnosticCategory
  /// Where it is; `nil` only for findings about a whole directory.
  public var location: SourceLocation?
  /// What is wrong, in one sentence.
  public var message: String
  /// What to do about it, in one sentence.
  public var hint: String?
  /// The pattern to show with a caret, for pattern errors.
  public var excerpt: PatternExcerpt?

  /// Creates a diagnostic.
  public init(
    _ severity: Severity, _ category: DiagnosticCategory, at location: SourceLocation?,
    _ message: String, hint: String? = nil, excerpt: PatternExcerpt? = nil
  ) {
    self.severity = severity
    self.category = category
    self.location = location
    self.message = message
    self.hint = hint
    self.excerpt = excerpt
  }

  /// `path:line:column: severity: [category] message (hint)` on one line.
  public var description: String {
    var text = location.map { "\($0): " } ?? ""
    text += "\(severity.rawValue): [\(category.rawValue)] \(message)"
    if let hint { text += " (\(hint))" }
    return text
  }
}

extension Array where Element == Diagnostic {
  /// Whether any diagnostic is an error.
  public var containsErrors: Bool { contains { $0.severity == .error } }
}
