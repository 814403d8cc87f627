public import Foundation

/// Writes files so that a crash or a full disk never leaves a half-written one: the data goes to
/// a temporary file in the same directory, is flushed, and then renamed over the target.
public enum AtomicFile {
  /// Replaces the file at `path` with `data`, atomically.
  ///
  /// - Throws: The file system's error; the target is then unchanged.
  public static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    // Foundation's .atomic writes a temporary file beside the target and renames it.
    try data.write(to: url, options: .atomic)
  }
}
