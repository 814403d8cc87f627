internal import Foundation

/// Lists the YAML files directly inside a directory, in file-name order: the one listing both
/// rule and phrasebook directories use.
enum YAMLFileListing {
  /// The file extensions read as YAML.
  static let fileExtensions: Set<String> = ["yaml", "yml"]

  /// The paths of the `*.yaml` / `*.yml` files in `directory`.
  ///
  /// - Throws: ``DirectoryReadError`` when the directory cannot be listed: it does not exist,
  ///   is a symbolic link loop, is not a directory (a file, a FIFO, a device), or is not
  ///   readable.
  static func files(in directory: String, holding content: DirectoryReadError.Content) throws
    -> [String]
  {
    // The reason in the system's words; Foundation would say "NSCocoaErrorDomain error 256"
    // for a symbolic link loop and for anything that is not a directory.
    let status: FileStatus
    do {
      status = try FileStatus(path: directory)
    } catch {
      throw DirectoryReadError(path: directory, content: content, reason: "\(error)")
    }
    guard status.isDirectory else {
      throw DirectoryReadError(
        path: directory, content: content, reason: "not a directory (\(status.kind))")
    }
    do {
      return try FileManager.default.contentsOfDirectory(atPath: directory)
        .filter { fileExtensions.contains(($0 as NSString).pathExtension) }
        .sorted()
        .map { (directory as NSString).appendingPathComponent($0) }
    } catch {
      throw DirectoryReadError(
        path: directory, content: content, reason: error.localizedDescription)
    }
  }
}

/// A rules or phrasebook directory that cannot be listed.
public struct DirectoryReadError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What the directory should hold.
  public enum Content: String, Hashable, Sendable {
    case rules
    case phrasebook
  }

  /// The directory.
  public var path: String
  /// What it should hold.
  public var content: Content
  /// Why it cannot be read.
  public var reason: String

  public var description: String {
    "\(path): cannot read the \(content.rawValue) directory: \(reason)"
  }
}
