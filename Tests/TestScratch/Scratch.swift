public import Foundation

/// One directory per test process for the files tests write, removed when the process exits,
/// so running the tests does not leave files behind in the system's temporary directory.
public enum Scratch {
  /// The process's scratch directory, made on first use.
  public static let root: URL = {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("huashu-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: Scratch.root) }
    return root
  }()

  /// A new, not yet existing path inside the scratch directory, named `prefix-UUID`.
  public static func url(_ prefix: String, extension: String = "") -> URL {
    let name = "\(prefix)-\(UUID().uuidString)" + (`extension`.isEmpty ? "" : ".\(`extension`)")
    return root.appendingPathComponent(name)
  }
}
