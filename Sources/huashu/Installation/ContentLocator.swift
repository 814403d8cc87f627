import Foundation

/// Finds the default content huashu ships with: the `rules` and `phrasebooks` directories.
///
/// The first existing directory named `name` in:
/// 1. the current directory (`./rules`): a shop's own copy, which it edits;
/// 2. `../share/huashu` beside the executable: an installed copy (the Debian package puts the
///    binary in `/usr/bin` and the content in `/usr/share/huashu`; the release archive has the
///    same layout under any prefix);
/// 3. the source checkout the executable was built in, only when the executable lives inside
///    it (`swift run`, `.build/debug/huashu`);
/// 4. `/usr/share/huashu`, the system-wide copy, for a binary copied elsewhere.
struct ContentLocator {
  /// Where a content directory was found.
  enum Origin: String {
    case currentDirectory = "the current directory"
    case besideExecutable = "installed with huashu"
    case sourceCheckout = "the source checkout huashu was built in"
    case systemWide = "installed system-wide"
  }

  /// A content directory and why it was chosen.
  struct Found: Equatable {
    var path: String
    var origin: Origin
  }

  /// The running executable, symlinks resolved; nil when it cannot be told.
  var executable: URL?
  /// The package root of the checkout this binary was compiled from.
  var packageRoot: URL
  /// The system-wide content directory.
  var systemWide = "/usr/share/huashu"

  /// The locator of the running huashu.
  static let running = ContentLocator(
    executable: runningExecutable(),
    // Sources/huashu/Installation/ContentLocator.swift → the package root.
    packageRoot: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())

  /// The first existing directory named `name` of the running huashu.
  static func find(_ name: String) -> String? { running.locate(name)?.path }

  /// The first existing directory named `name`, and where it was found.
  func locate(_ name: String) -> Found? {
    candidates(name).first { Self.isDirectory($0.path) }
  }

  /// Every place `name` is looked for, in order.
  func candidates(_ name: String) -> [Found] {
    // Relative, so that diagnostics read `rules/bargain.yaml:4:5`.
    var candidates = [Found(path: name, origin: .currentDirectory)]
    if let executable {
      let binDirectory = executable.deletingLastPathComponent()
      candidates.append(
        Found(
          path: binDirectory.appendingPathComponent("../share/huashu/\(name)")
            .standardizedFileURL.path,
          origin: .besideExecutable))
      if executable.path.hasPrefix(packageRoot.path + "/") {
        candidates.append(
          Found(path: packageRoot.appendingPathComponent(name).path, origin: .sourceCheckout))
      }
    }
    candidates.append(
      Found(path: (systemWide as NSString).appendingPathComponent(name), origin: .systemWide))
    return candidates
  }

  /// The path of the running executable: `/proc/self/exe` on Linux, else what Foundation says.
  static func runningExecutable() -> URL? {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return URL(fileURLWithPath: path)
    }
    return Bundle.main.executableURL?.resolvingSymlinksInPath()
  }

  private static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }
}
