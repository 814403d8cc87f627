import Foundation

/// What `huashu --version` prints: the version, then the content the commands use by default
/// and the agent's home.
///
/// ```
/// huashu 0.1.0
/// rules: /usr/share/huashu/rules (installed with huashu)
/// phrasebooks: /usr/share/huashu/phrasebooks (installed with huashu)
/// home: /home/xiaomei/.huashu (the default; set HUASHU_HOME to move it)
/// ```
enum VersionReport {
  /// huashu's version, written here only: `scripts/package` reads it from `huashu --version`.
  static let version = "0.1.0"

  /// The report of the running huashu.
  static func text(locator: ContentLocator = .running) -> String {
    var lines = ["huashu \(version)"]
    for name in ["rules", "phrasebooks"] {
      if let found = locator.locate(name) {
        lines.append("\(name): \(absolute(found.path)) (\(found.origin.rawValue))")
      } else {
        lines.append("\(name): none found (pass --\(name) DIR)")
      }
    }
    let origin =
      PhrasebookOptions.homeFromEnvironment == nil
      ? "the default; set HUASHU_HOME to move it" : "from HUASHU_HOME"
    lines.append("home: \(PhrasebookOptions.home) (\(origin))")
    return lines.joined(separator: "\n")
  }

  private static func absolute(_ path: String) -> String {
    guard !path.hasPrefix("/") else { return path }
    return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL.path
  }
}
