internal import Foundation

/// Loads what ranks replies: the team phrasebook (`team/*.yaml`) with the agent's personal layer
/// on top, and the shop profile (`shop.yaml`) beside the team files.
///
/// The one place the three are put together; every front end loads them here.
public struct PhrasebookSetLoader: Sendable {
  /// The phrasebook and shop profile as loaded, with every diagnostic of both.
  public struct Result: Sendable {
    /// The team entries with the personal layer on top.
    public var phrasebook: Phrasebook
    /// The shop profile; the defaults when `shop.yaml` is absent or has errors.
    public var profile: ShopProfile
    /// The diagnostics of the phrasebook files and of `shop.yaml`.
    public var diagnostics: [Diagnostic]
    /// What only `lint` reports (the shipping table's coverage).
    public var lintFindings: [Diagnostic]
    /// Where each layer's relative image paths are resolved.
    public var imageDirectories: [PhrasebookEntry.Layer: String]

    /// The phrasebook loader's result with the shop profile's diagnostics and lint findings
    /// added (what `lint` checks).
    public var loaderResult: PhrasebookLoader.Result {
      PhrasebookLoader.Result(
        phrasebook: phrasebook, diagnostics: diagnostics + lintFindings,
        imageDirectories: imageDirectories)
    }
  }

  /// The intents replies may name.
  public let knownIntents: Set<IntentID>

  /// Creates a loader for replies to `knownIntents`.
  public init(knownIntents: Set<IntentID>) {
    self.knownIntents = knownIntents
  }

  /// Loads `directory/team`, `personalDirectory` and `directory/shop.yaml` (when present).
  ///
  /// The diagnostics are returned, not judged.
  ///
  /// - Throws: ``DirectoryReadError`` when the team directory cannot be listed.
  public func load(directory: String, personalDirectory: String) throws -> Result {
    let loaded = try PhrasebookLoader(knownIntents: knownIntents).load(
      teamDirectory: (directory as NSString).appendingPathComponent("team"),
      personalDirectory: personalDirectory)
    let shopPath = (directory as NSString).appendingPathComponent("shop.yaml")
    let shop =
      FileManager.default.fileExists(atPath: shopPath)
      ? ShopProfileLoader().load(path: shopPath) : nil
    return Self.result(loaded, shop: shop)
  }

  /// Loads the layers and the shop profile a team store holds, as ``load(directory:personalDirectory:)``
  /// loads a directory.
  public func load(_ stored: StoredPhrasebooks) -> Result {
    Self.result(
      PhrasebookLoader(knownIntents: knownIntents).load(stored),
      shop: stored.shop.map { ShopProfileLoader().load($0) })
  }

  private static func result(_ loaded: PhrasebookLoader.Result, shop: ShopProfileLoader.Result?)
    -> Result
  {
    var result = Result(
      phrasebook: loaded.phrasebook, profile: ShopProfile(), diagnostics: loaded.diagnostics,
      lintFindings: [], imageDirectories: loaded.imageDirectories)
    if let shop {
      result.diagnostics += shop.diagnostics
      result.lintFindings += shop.coverage
      if !shop.diagnostics.containsErrors { result.profile = shop.profile }
    }
    return result
  }
}
