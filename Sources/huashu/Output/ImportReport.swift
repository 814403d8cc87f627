import Foundation
import HuashuCore

/// What `huashu phrasebook import` found, as the diff it prints.
struct ImportReport {
  let plan: PhrasebookImport.Plan
  let source: String
  let layer: String
  let directory: String
  let mode: String

  var text: String {
    var lines = ["import \(source) into the \(layer) layer (\(directory)), \(mode):"]
    // `count` is the number of entries, which differs from the number of lines when an entry
    // takes several (a change lists its fields under its id).
    func section(_ title: String, _ items: [String], count: Int? = nil) {
      lines.append("  \(title) (\(count ?? items.count))\(items.isEmpty ? "" : ":")")
      lines += items.map { "    " + $0 }
    }
    func describe(_ change: PhrasebookImport.Change) -> [String] {
      [change.id + ":"]
        + change.fields.map { "  \($0.field): \(quoted($0.old)) → \(quoted($0.new))" }
    }
    section("added", plan.added)
    section("changed", plan.changed.flatMap(describe), count: plan.changed.count)
    section("removed", plan.removed)
    section(
      "conflicts: edited on both sides since the export", plan.conflicts.flatMap(describe),
      count: plan.conflicts.count)
    if !plan.keptLocalEdits.isEmpty {
      section("kept: edited in this layer since the export", plan.keptLocalEdits)
    }
    if !plan.unassigned.isEmpty {
      section("imported without an intent (intent: unassigned; assign one)", plan.unassigned)
    }
    section("invalid", plan.invalid.map(\.description))
    if !plan.warnings.isEmpty {
      section("warnings", plan.warnings.map(\.description))
    }
    let files = plan.fileChanges
    section(
      "files written",
      files.added.map { "added: \($0)" } + files.changed.map { "changed: \($0)" }
        + files.removed.map { "removed: \($0)" })
    return lines.joined(separator: "\n")
  }

  private func quoted(_ value: String) -> String {
    let flat = value.replacingOccurrences(of: "\n", with: "\\n")
    return flat.isEmpty ? "(none)" : "\"\(flat)\""
  }
}
