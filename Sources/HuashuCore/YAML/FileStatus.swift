internal import Foundation

/// What a path names, from `stat(2)` (symbolic links followed), with the system's words for
/// why it cannot be read: Foundation's messages for these ("NSCocoaErrorDomain error 256",
/// "You don't have permission" for a FIFO) say nothing useful.
struct FileStatus {
  /// The file's type bits (`S_IFMT` of `st_mode`).
  let type: mode_t
  /// The size in bytes (of a regular file).
  let size: Int

  /// The status of `path`.
  ///
  /// - Throws: ``Failure`` with the reason, such as "too many levels of symbolic links".
  init(path: String) throws {
    var info = stat()
    guard stat(path, &info) == 0 else { throw Failure(errorNumber: errno) }
    self.init(info)
  }

  /// The status of the open file `descriptor`.
  init(descriptor: Int32) throws {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw Failure(errorNumber: errno) }
    self.init(info)
  }

  private init(_ info: stat) {
    type = info.st_mode & S_IFMT
    size = Int(info.st_size)
  }

  var isDirectory: Bool { type == S_IFDIR }
  var isRegularFile: Bool { type == S_IFREG }

  /// The kind of file, for a message: "a directory", "a FIFO".
  var kind: String {
    switch type {
    case S_IFDIR: "a directory"
    case S_IFREG: "a regular file"
    case S_IFIFO: "a FIFO"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    default: "not a regular file"
    }
  }

  /// A failed system call, with its `errno`.
  struct Failure: Error, CustomStringConvertible {
    let errorNumber: Int32

    /// The system's message, lowercased at its start: "no such file or directory".
    var description: String {
      let message = String(cString: strerror(errorNumber))
      return message.prefix(1).lowercased() + message.dropFirst()
    }
  }
}
