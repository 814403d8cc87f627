internal import Foundation

/// The memory this process has used, as Linux reports it.
enum ProcessMemory {
  /// The process's peak resident memory (VmHWM), in MB; 0 where /proc is missing.
  static func peakMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes / 1024
  }
}
