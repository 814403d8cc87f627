import Foundation
import HuashuCore

extension HuashuCommand.Bench {
  /// Writes the workload for the C baselines in `bench/`: per rule set, every keyword and
  /// pattern as huashu matches them (normalized), and the messages normalized.
  ///
  /// `rules-N.tsv` has one line per keyword (`K`, tab, the normalized keyword) and per pattern
  /// (`R`, tab, the pattern as compiled: case-insensitive, UTF, Unicode properties);
  /// `messages.txt` one normalized message per line. The C programs then time matching alone,
  /// without normalization.
  func export(
    to directory: String, texts: PackedMessages, ruleSets: [(label: String, ruleSet: RuleSet)]
  ) throws {
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    for (label, ruleSet) in ruleSets {
      var lines: [String] = []
      for rule in ruleSet.allRules {
        for keyword in rule.any + rule.all + rule.none where !keyword.utf8.isEmpty {
          lines.append("K\t" + String(decoding: keyword.utf8, as: UTF8.self))
        }
        for pattern in rule.patterns { lines.append("R\t" + pattern.regex.pattern) }
      }
      try write(lines, to: directory + "/rules-\(label).tsv")
    }
    let normalizer = Normalizer.standard
    try write(texts.map { normalizer.normalizedText($0).text }, to: directory + "/messages.txt")
  }

  private func write(_ lines: [String], to path: String) throws {
    do {
      try AtomicFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: path)
    } catch {
      throw CommandFailure.badInput("cannot write \(path): \(error.localizedDescription)")
    }
  }
}
