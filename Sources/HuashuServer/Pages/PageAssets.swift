internal import Foundation

/// The pages huashu serves, their scripts and styles: built into the binary (so a copied
/// binary serves them with nothing beside it), or read from a directory at each request while
/// someone changes them (`--assets`).
struct PageAssets: Sendable {
  /// One file of the pages.
  struct Asset: Sendable {
    /// Its file name in `Sources/HuashuServer/Assets`.
    let fileName: String
    let contentType: String
    /// The copy built into huashu.
    let embedded: [UInt8]
  }

  /// Every asset by the path it is served at.
  static let byPath: [String: Asset] = [
    "/": Asset(
      fileName: "panel.html", contentType: "text/html; charset=utf-8",
      embedded: PackageResources.panel_html),
    "/editor": Asset(
      fileName: "editor.html", contentType: "text/html; charset=utf-8",
      embedded: PackageResources.editor_html),
    "/assets/panel.js": Asset(
      fileName: "panel.js", contentType: "text/javascript; charset=utf-8",
      embedded: PackageResources.panel_js),
    "/assets/editor.js": Asset(
      fileName: "editor.js", contentType: "text/javascript; charset=utf-8",
      embedded: PackageResources.editor_js),
    "/assets/huashu.js": Asset(
      fileName: "huashu.js", contentType: "text/javascript; charset=utf-8",
      embedded: PackageResources.huashu_js),
    "/assets/huashu.css": Asset(
      fileName: "huashu.css", contentType: "text/css; charset=utf-8",
      embedded: PackageResources.huashu_css),
  ]

  /// Where to read them from instead of the built-in copies.
  let directory: String?

  /// The bytes of `asset`.
  func contents(of asset: Asset) throws -> [UInt8] {
    guard let directory else { return asset.embedded }
    let path = (directory as NSString).appendingPathComponent(asset.fileName)
    return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }
}
