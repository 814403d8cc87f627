internal import Foundation
internal import HuashuCore
internal import Hummingbird

/// The side panel (`/`), the editor page (`/editor`), their scripts and styles, and the
/// images of replies (`/images/team/…`, `/images/personal/…`).
struct PageRoutes<Context: RequestContext>: Sendable {
  let service: SuggestService
  let assets: PageAssets

  func add(to router: Router<Context>) {
    for (path, asset) in PageAssets.byPath {
      router.get(RouterPath(path)) { _, _ in
        let bytes: [UInt8]
        do {
          bytes = try assets.contents(of: asset)
        } catch {
          throw APIError(
            status: .internalServerError,
            message: "cannot read \(asset.fileName) from --assets: \(error.localizedDescription)")
        }
        return Response(
          status: .ok,
          headers: [.contentType: asset.contentType, .cacheControl: "no-cache"],
          body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
      }
    }
    router.get("/images/:layer/**") { _, context in
      // The panel asks for the image's name with each segment percent-encoded (Chinese names,
      // spaces), and without the leading `/` of an absolute path.
      let segments = context.parameters.getCatchAll().map {
        $0.removingPercentEncoding ?? String($0)
      }
      return try image(
        layer: context.parameters.get("layer") ?? "", path: segments.joined(separator: "/"))
    }
  }

  /// A reply's image.
  ///
  /// Only files that a reply of that layer names are served, so no request can reach any
  /// other file on the machine.
  private func image(layer name: String, path image: String) throws -> Response {
    let content = service.snapshot.content
    guard let layer = PhrasebookEntry.Layer(rawValue: name),
      let directory = content.imageDirectories[layer],
      let named = Self.namedImage(image, layer: layer, in: content.phrasebook),
      let path = PhrasebookEntry.localPath(of: named, in: directory),
      let data = FileManager.default.contents(atPath: path)
    else {
      throw APIError(status: .notFound, message: "no reply of the \(name) layer sends '\(image)'")
    }
    return Response(
      status: .ok,
      headers: [.contentType: Self.contentType(of: path), .cacheControl: "no-cache"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// The image name a reply of `layer` sends that `path` asks for: the same name, or an
  /// absolute one without its leading `/`.
  static func namedImage(_ path: String, layer: PhrasebookEntry.Layer, in phrasebook: Phrasebook)
    -> String?
  {
    for entry in phrasebook.entries where entry.layer == layer {
      if let name = entry.images.first(where: { $0 == path || $0 == "/" + path }) { return name }
    }
    return nil
  }

  /// The content type of an image file, by its extension.
  static func contentType(of path: String) -> String {
    switch (path as NSString).pathExtension.lowercased() {
    case "png": "image/png"
    case "jpg", "jpeg": "image/jpeg"
    case "gif": "image/gif"
    case "webp": "image/webp"
    default: "application/octet-stream"
    }
  }
}
