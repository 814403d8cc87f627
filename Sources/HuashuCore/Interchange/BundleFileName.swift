/// The rule for the file names an import may write: a plain name directly inside the layer,
/// as ``PhrasebookLayer`` lays a layer out (`bargain.yaml`, `议价.yaml`; no folders).
///
/// A bundle is a file from someone else; its `file` values are checked with this rule before
/// anything is written, and ``PhrasebookLayerWriter`` checks them again, so `../shop.yaml`,
/// `/etc/x.yaml` or `sub/x.yaml` can never be written outside (or below) the layer.
public enum BundleFileName {
  /// The extensions a layer's files have: the ones the layer reader lists, in lower case.
  public static let extensions = ["yaml", "yml"]

  /// The longest name, in UTF-8 bytes (`NAME_MAX` of Linux file systems).
  public static let maximumBytes = 255

  /// Why a name is refused.
  public enum Problem: Hashable, Sendable, CustomStringConvertible {
    /// The name is empty.
    case empty
    /// A NUL or another control character (a line break, a tab).
    case controlCharacter
    /// An absolute path (`/…`).
    case absolutePath
    /// A `\`, which other systems read as a folder separator.
    case backslash
    /// A `..` folder: the path leaves the layer.
    case parentFolder
    /// A `/`: a folder inside the layer, which the layer does not have.
    case folder
    /// It starts with `.`: hidden, and the writer's own work files are named so.
    case hidden
    /// It does not end in `.yaml` (or `.yml`), so the layer would not read it.
    case notYAML
    /// Longer than a file system allows.
    case tooLong

    public var description: String {
      switch self {
      case .empty: "the file name is empty"
      case .controlCharacter: "the file name holds a NUL or another control character"
      case .absolutePath: "the file name is an absolute path"
      case .backslash: "the file name holds a backslash (\\)"
      case .parentFolder: "the file name leaves the layer (..)"
      case .folder: "the file name holds a folder (/); a layer's files are directly inside it"
      case .hidden: "the file name starts with a dot (a hidden file)"
      case .notYAML: "the file name does not end in .yaml"
      case .tooLong: "the file name is longer than \(BundleFileName.maximumBytes) bytes"
      }
    }
  }

  /// What is wrong with `name` as a layer file name, or `nil` when it is a plain name a layer
  /// can hold.
  public static func problem(with name: String) -> Problem? {
    let scalars = name.unicodeScalars
    guard !scalars.isEmpty else { return .empty }
    if scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      return .controlCharacter
    }
    if scalars.first == "/" { return .absolutePath }
    if scalars.contains("\\") { return .backslash }
    if scalars.contains("/") {
      return name.split(separator: "/").contains("..") ? .parentFolder : .folder
    }
    if scalars.first == "." { return name == ".." ? .parentFolder : .hidden }
    let isYAML = extensions.contains { ext in
      name.hasSuffix("." + ext) && name.unicodeScalars.count > ext.unicodeScalars.count + 1
    }
    guard isYAML else { return .notYAML }
    guard name.utf8.count <= maximumBytes else { return .tooLong }
    return nil
  }
}
