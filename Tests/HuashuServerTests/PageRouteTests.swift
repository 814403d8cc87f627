import Foundation
import HTTPTypes
import HuashuCore
import HuashuServer
import Hummingbird
import HummingbirdTesting
import TestScratch
import Testing

/// The side panel, the editor page, their scripts and styles, and the images of replies.
struct PageRouteTests {
  static let contentTypes = [
    "/": "text/html; charset=utf-8", "/editor": "text/html; charset=utf-8",
    "/assets/panel.js": "text/javascript; charset=utf-8",
    "/assets/editor.js": "text/javascript; charset=utf-8",
    "/assets/huashu.js": "text/javascript; charset=utf-8",
    "/assets/huashu.css": "text/css; charset=utf-8",
  ]

  @Test func pagesScriptsAndStylesAreServedWithTheirTypes() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      for (path, type) in Self.contentTypes {
        let answer = try await client.send(.get, path)
        #expect(answer.status == .ok, "\(path)")
        #expect(answer.header(.contentType) == type, "\(path)")
        #expect(!answer.bytes.isEmpty, "\(path)")
      }
      let panel = try await client.send(.get, "/")
      #expect(panel.text.contains("<!doctype html>"))
      #expect(panel.text.contains(#"src="/assets/panel.js""#))
      #expect(panel.text.contains(#"href="/assets/huashu.css""#))
      let editor = try await client.send(.get, "/editor")
      #expect(editor.text.contains(#"src="/assets/editor.js""#))
    }
  }

  /// The same bytes as the files in `Sources/HuashuServer/Assets`.
  @Test func theBuiltInPagesAreTheAssetFiles() async throws {
    let assets = ServerTestSupport.packageRoot.appendingPathComponent(
      "Sources/HuashuServer/Assets")
    let files = [
      "/": "panel.html", "/editor": "editor.html", "/assets/panel.js": "panel.js",
      "/assets/editor.js": "editor.js", "/assets/huashu.js": "huashu.js",
      "/assets/huashu.css": "huashu.css",
    ]
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      for (path, file) in files {
        let expected = try Data(contentsOf: assets.appendingPathComponent(file))
        #expect(try await client.send(.get, path).bytes == Array(expected), "\(path)")
      }
    }
  }

  @Test func pagesHaveNoInlineScriptNorStyleAttribute() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      for path in ["/", "/editor"] {
        let html = try await client.send(.get, path).text
        let scripts = Self.tags("script", in: html)
        #expect(!scripts.isEmpty, "\(path)")
        for tag in scripts {
          #expect(tag.opening.contains("src="), "\(path): \(tag.opening)")
          let isEmpty = tag.body.allSatisfy { $0.isWhitespace }
          #expect(isEmpty, "\(path): inline script")
        }
        #expect(!html.contains("style="), "\(path)")
        #expect(Self.tags("style", in: html).isEmpty, "\(path)")
        #expect(html.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(path)")
        #expect(!html.contains("javascript:"), "\(path)")
      }
    }
  }

  @Test func noPageLoadsAnythingFromAnotherSite() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      for path in Self.contentTypes.keys {
        let text = try await client.send(.get, path).text
        for reference in [
          #"src="http"#, #"href="http"#, #"src='http"#, #"href='http"#, "url(http",
          #"url("http"#, "//cdn", #"src="//"#, #"href="//"#, "@import",
        ] {
          #expect(!text.contains(reference), "\(path) has \(reference)")
        }
      }
    }
  }

  @Test func anAssetsDirectoryReplacesTheBuiltInPages() async throws {
    let directory = try ServerTestSupport.directory(files: [
      "panel.html": Array("<!doctype html><title>changed</title>".utf8)
    ])
    let app = ServerTestSupport.app(
      try ServerTestSupport.shared(), options: ServerOptions(assetsDirectory: directory.path))
    try await app.test(.router) { client in
      let panel = try await client.send(.get, "/")
      #expect(panel.status == .ok)
      #expect(panel.text == "<!doctype html><title>changed</title>")
      let missing = try await client.send(.get, "/editor")
      #expect(missing.status == .internalServerError)
      #expect(missing.error?.contains("editor.html") == true)
    }
  }

  @Test func anUnknownPageIsNotFound() async throws {
    let app = ServerTestSupport.app(try ServerTestSupport.shared())
    try await app.test(.router) { client in
      for path in ["/admin", "/assets/../Package.swift", "/assets/panel.html", "/Package.swift"] {
        let answer = try await client.send(.get, path)
        #expect(answer.status == .notFound, "\(path)")
      }
    }
  }

  // MARK: - Images

  /// A minimal PNG: the signature and a few bytes.
  static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4]

  /// A personal layer whose size-chart reply sends `images/size-chart.png`, beside a file no
  /// reply names.
  static func personalLayer() throws -> URL {
    try ServerTestSupport.directory(files: [
      "size.yaml": Array(
        """
        group: 尺码
        entries:
          - id: size.size-chart
            intent: size
            code: cm2
            text: '{buyer|亲}，尺码表发您啦'
            images: [images/size-chart.png]

        """.utf8),
      "images/size-chart.png": png,
      "images/secret.png": Array("TOP-SECRET-CONTENT".utf8),
      "secret.txt": Array("TOP-SECRET-CONTENT".utf8),
    ])
  }

  /// One service on the shipped content with ``personalLayer()``, for the image tests.
  static let personalService = Result {
    try ServerTestSupport.service(
      sources: ServerTestSupport.shippedSources(personal: personalLayer().path))
  }

  @Test func theImageOfAReplyIsServed() async throws {
    let app = ServerTestSupport.app(try Self.personalService.get())
    try await app.test(.router) { client in
      let answer = try await client.send(.get, "/images/personal/images/size-chart.png")
      #expect(answer.status == .ok)
      #expect(answer.header(.contentType) == "image/png")
      #expect(answer.bytes == Self.png)
      let suggest = try await client.suggest(#"{"text":"尺码怎么选"}"#).text
      #expect(suggest.contains("images/size-chart.png"))
    }
  }

  @Test(arguments: [
    "/images/personal/images/secret.png", "/images/personal/secret.txt",
    "/images/personal/size.yaml", "/images/personal/../../etc/passwd",
    "/images/personal/images/../secret.txt", "/images/personal/%2E%2E/%2E%2E/etc/passwd",
    "/images/personal//etc/passwd", "/images/team/images/size-chart.png",
    "/images/other/images/size-chart.png", "/images/personal/IMAGES/size-chart.png",
    "/images/personal/images/./size-chart.png",
  ])
  func noOtherFileIsServed(path: String) async throws {
    let app = ServerTestSupport.app(try Self.personalService.get())
    try await app.test(.router) { client in
      let answer = try await client.send(.get, path)
      #expect(answer.status == .notFound, "\(path)")
      #expect(answer.bytes != Self.png)
      #expect(!answer.text.contains("TOP-SECRET"))
      #expect(!answer.text.contains("root:"))
    }
  }
}

extension PageRouteTests {
  /// A personal layer whose replies send images named as shops name them: in Chinese, with a
  /// space, and by absolute path.
  static func namedImagesLayer() throws -> (layer: URL, absolute: String) {
    let elsewhere = try ServerTestSupport.directory(files: ["pics/chart.png": png])
    let absolute = elsewhere.appendingPathComponent("pics/chart.png").path
    let layer = try ServerTestSupport.directory(files: [
      "size.yaml": Array(
        """
        group: 尺码
        entries:
          - id: size.size-chart
            intent: size
            code: cm2
            text: '{buyer|亲}，尺码表发您啦'
            images: [图片/尺码表.png, images/size chart.png, '\(absolute)']

        """.utf8),
      "图片/尺码表.png": png,
      "images/size chart.png": png,
    ])
    return (layer, absolute)
  }

  /// The panel asks for an image at `/images/LAYER/` + each path component URI-encoded (and
  /// an absolute path without its leading slash): that address serves the image.
  @Test func imagesAreServedAtTheAddressThePanelAsksFor() async throws {
    let (layer, absolute) = try Self.namedImagesLayer()
    let service = try ServerTestSupport.service(
      sources: ServerTestSupport.shippedSources(personal: layer.path))
    let app = ServerTestSupport.app(service)
    try await app.test(.router) { client in
      for image in ["图片/尺码表.png", "images/size chart.png"] {
        let answer = try await client.send(.get, "/images/personal/\(Self.panelPath(image))")
        #expect(answer.status == .ok, "\(image)")
        #expect(answer.bytes == Self.png, "\(image)")
      }
      let answer = try await client.send(.get, "/images/personal/\(Self.panelPath(absolute))")
      #expect(answer.status == .ok, "\(absolute)")
    }
  }

  /// The path panel.js's `imageURL` puts after `/images/LAYER/`.
  static func panelPath(_ image: String) -> String {
    image.drop { $0 == "/" }.split(separator: "/", omittingEmptySubsequences: false)
      .map {
        $0.addingPercentEncoding(
          withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_.!~*'()"))) ?? ""
      }
      .joined(separator: "/")
  }
}

extension PageRouteTests {
  /// Every `<name …>…</name>` element of `html`: its opening tag and its body.
  static func tags(_ name: String, in html: String) -> [(opening: String, body: String)] {
    var found: [(String, String)] = []
    var rest = html[...]
    while let start = rest.range(of: "<\(name)", options: .caseInsensitive) {
      guard let openEnd = rest[start.upperBound...].firstIndex(of: ">") else { break }
      let opening = String(rest[start.lowerBound...openEnd])
      let afterOpening = rest.index(after: openEnd)
      guard let close = rest[afterOpening...].range(of: "</\(name)>", options: .caseInsensitive)
      else {
        found.append((opening, String(rest[afterOpening...])))
        break
      }
      found.append((opening, String(rest[afterOpening..<close.lowerBound])))
      rest = rest[close.upperBound...]
    }
    return found
  }
}
