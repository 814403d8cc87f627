import HuashuCore

/// Renders diagnostics for a terminal.
///
/// The form is `path:line:column: severity: [category] message`, with the fix on the next line
/// and a caret under a bad pattern. Colour only on a terminal.
struct DiagnosticPrinter {
  let writer: LineWriter
  let style: TextStyle

  static let standardError = DiagnosticPrinter(
    writer: .standardError, style: Terminal.style(for: 2))

  func print(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics { writer.write(render(diagnostic)) }
  }

  func render(_ diagnostic: Diagnostic) -> String {
    let severity =
      diagnostic.severity == .error
      ? style.red("error") : style.yellow("warning")
    var lines = [
      style.bold(diagnostic.location.map { "\($0): " } ?? "")
        + "\(severity): [\(diagnostic.category.rawValue)] \(diagnostic.message)"
    ]
    if let excerpt = diagnostic.excerpt {
      let prefix = excerpt.pattern.prefix(excerpt.characterOffset)
      lines.append("    \(excerpt.pattern)")
      lines.append(
        "    " + String(repeating: " ", count: TextStyle.displayWidth(prefix))
          + style.green("^") + " pattern offset \(excerpt.utf8Offset) (character "
          + "\(excerpt.characterOffset))")
    }
    if let hint = diagnostic.hint { lines.append("    fix: \(hint)") }
    return lines.joined(separator: "\n")
  }
}
