public import Foundation
internal import Glibc

/// Writes files so that a crash, a power cut or a full disk never leaves a half-written one:
/// the data goes to a temporary file in the same directory, which is flushed to the disk
/// (`fsync`), renamed over the target, and then the directory is flushed so the rename itself
/// survives a power cut.
///
/// Temporary files are named `.<name>.tmp-p<pid>-<random>`: one left by a process that was
/// killed is removed by the next write to the same target once ``isAbandoned(_:now:)`` says so.
public enum AtomicFile {
  /// How old a work file or directory must be to be removed even while its process id is in use.
  ///
  /// The id may have been reused, or belong to a process on another machine sharing the
  /// directory. No write huashu does takes anywhere near this long.
  public static let abandonedAfter: TimeInterval = 3600

  /// Replaces the file at `path` with `data`, atomically and durably.
  ///
  /// An existing target keeps its permissions.
  ///
  /// - Throws: ``AtomicFile/Failure`` with the step that failed; the target is then unchanged
  ///   and the temporary file removed.
  public static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let prefix = ".\(url.lastPathComponent).tmp-"
    sweep(in: directory, prefix: prefix, now: Date())
    let temporary = (directory as NSString).appendingPathComponent(ownedName(prefix: prefix))
    var mode: mode_t?
    var status = stat()
    if stat(path, &status) == 0 { mode = status.st_mode & 0o7777 }
    do {
      try create(temporary, with: data, mode: mode)
      try check(rename(temporary, path), "rename to", path)
    } catch {
      unlink(temporary)
      throw error
    }
    try syncDirectory(directory)
  }

  /// Creates the file `path`, which must not exist (a symbolic link there is not followed),
  /// writes `data` and flushes it to the disk.
  ///
  /// The file gets `mode`, or else the usual permissions (0666 less the umask).
  static func create(_ path: String, with data: Data, mode: mode_t? = nil) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
    try check(descriptor, "create", path)
    defer { close(descriptor) }
    if let mode { try check(fchmod(descriptor, mode), "set the permissions of", path) }
    do {
      try FileDescriptor(descriptor).writeAll(data)
    } catch {
      throw Failure(
        path: path, step: "write", code: error.number,
        message: String(cString: strerror(error.number)))
    }
    try check(fsync(descriptor), "flush", path)
  }

  /// Flushes a directory's entries (new names, renames, removals) to the disk.
  static func syncDirectory(_ path: String) throws {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    try check(descriptor, "open the directory", path)
    defer { close(descriptor) }
    // Some file systems cannot flush a directory (EINVAL); their renames are durable anyway.
    if fsync(descriptor) != 0 && errno != EINVAL && errno != EROFS {
      try check(-1, "flush the directory", path)
    }
  }

  /// A name for a work file or directory of this process: `prefix` followed by
  /// `p<pid>-<random>`.
  public static func ownedName(prefix: String) -> String {
    "\(prefix)p\(getpid())-\(UUID().uuidString.prefix(8))"
  }

  /// Whether the work file or directory at `path`, named by ``ownedName(prefix:)``, was left
  /// by a process that is gone, or is older than ``abandonedAfter`` (whatever its name).
  ///
  /// The process check only sees this machine: on a directory shared with another machine
  /// a live process there may look gone here. What it owns is then removed under it, which
  /// makes its import fail before anything was replaced, never half-replace a layer.
  public static func isAbandoned(_ path: String, now: Date) -> Bool {
    var status = stat()
    guard lstat(path, &status) == 0 else { return false }
    let modified = Date(timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec))
    if now.timeIntervalSince(modified) > abandonedAfter { return true }
    let name = (path as NSString).lastPathComponent
    guard let marker = name.range(of: "p", options: .backwards),
      let pid = Int32(name[marker.upperBound...].prefix { $0.isNumber }),
      name[marker.upperBound...].dropFirst(String(pid).count).first == "-", pid > 0
    else { return false }
    return kill(pid, 0) != 0 && errno == ESRCH
  }

  /// Removes the abandoned work files and directories named `prefix…` in `directory`.
  ///
  /// Returns their names. Ones that cannot be removed are left for the next time.
  @discardableResult
  public static func sweep(in directory: String, prefix: String, now: Date) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { name in
      let path = (directory as NSString).appendingPathComponent(name)
      guard name.hasPrefix(prefix), isAbandoned(path, now: now) else { return false }
      return (try? FileManager.default.removeItem(atPath: path)) != nil
    }.sorted()
  }

  private static func check(_ result: Int32, _ step: String, _ path: String) throws {
    guard result < 0 else { return }
    let code = errno
    throw Failure(path: path, step: step, code: code, message: String(cString: strerror(code)))
  }

  /// A step of a durable write that failed.
  public struct Failure: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// The file or directory.
    public var path: String
    /// What was being done (`create`, `write`, `flush`, `rename to`).
    public var step: String
    /// The `errno` value.
    public var code: Int32
    /// The system's message for it.
    public var message: String

    public var description: String { "cannot \(step) \(path): \(message)" }
    public var errorDescription: String? { description }
  }
}
