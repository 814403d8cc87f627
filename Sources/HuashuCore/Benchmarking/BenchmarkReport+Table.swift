extension BenchmarkReport {
  /// The report as the table `huashu bench` prints: one row per rule set, then the suggest
  /// line.
  public var table: String {
    let report = self
    func cell(_ text: String, _ width: Int) -> String {
      String(repeating: " ", count: max(0, width - text.count)) + text
    }
    var lines = [
      cell("rules", 6) + cell("compile s", 10) + cell("msg/s", 10) + cell("MB/s", 7)
        + cell("p50 µs", 8) + cell("p99 µs", 8) + cell("naive msg/s", 12) + cell("ratio", 8)
        + cell("exact/gated/always", 20) + cell("fired/msg", 10) + cell("peak MB", 9)
        + cell("jobs×", 7)
    ]
    for row in report.rows {
      lines.append(
        cell("\(row.rules)", 6) + cell(row.compileSeconds.formatted(decimals: 3), 10)
          + cell("\(Int(row.prefiltered.messagesPerSecond))", 10)
          + cell(row.prefiltered.megabytesPerSecond.formatted(decimals: 1), 7)
          + cell(row.prefiltered.p50Microseconds.formatted(decimals: 1), 8)
          + cell(row.prefiltered.p99Microseconds.formatted(decimals: 1), 8)
          + cell("\(Int(row.naive.messagesPerSecond))", 12)
          + cell(row.speedup.formatted(decimals: 1) + "×", 8)
          + cell(row.patterns.map(String.init).joined(separator: "/"), 20)
          + cell(row.prefiltered.firedPerMessage.formatted(decimals: 1), 10)
          + cell(row.peakMemoryMB.formatted(decimals: 1), 9)
          + cell(row.jobsSpeedup.formatted(decimals: 2), 7))
    }
    if let suggest = report.suggest {
      lines.append(
        "suggest end to end (\(suggest.lines) JSON lines, shipped content, JSON output): "
          + "\(Int(suggest.linesPerSecond)) lines/s, "
          + "\(suggest.outputMegabytesPerSecond.formatted(decimals: 1)) MB/s written; "
          + "\(Int(suggest.jobsLinesPerSecond)) lines/s with \(suggest.jobs) jobs")
    }
    if let find = report.find {
      lines.append(
        "find (\(find.replies) replies, \(find.queries) queries): built in "
          + "\((find.firstBuildSeconds * 1000).formatted(decimals: 1)) ms first, "
          + "\((find.buildSeconds * 1000).formatted(decimals: 1)) ms after; "
          + "\(Int(find.queriesPerSecond)) queries/s")
    }
    return lines.joined(separator: "\n")
  }
}
