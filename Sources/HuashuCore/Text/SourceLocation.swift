/// A position in a user-supplied file, such as a rule file.
///
/// Line and column are 1-based; the column counts Unicode scalars, as Yams' `Mark` does.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The path of the file, as it was given to the loader.
  public var path: String
  /// The 1-based line number.
  public var line: Int
  /// The 1-based column, in Unicode scalars.
  public var column: Int

  /// Creates a location.
  public init(path: String, line: Int, column: Int) {
    self.path = path
    self.line = line
    self.column = column
  }

  /// `path:line:column`, the form editors and terminals recognise.
  public var description: String { "\(path):\(line):\(column)" }
}
