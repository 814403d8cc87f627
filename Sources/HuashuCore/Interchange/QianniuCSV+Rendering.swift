internal import Foundation

// Qianniu's quick-phrase import format: no official description of the CSV columns was found
// (searched "千牛 快捷短语 导入 csv 格式" in public docs and pages). The one public source is a
// third-party Qianniu SDK (SaiNiuApi on showdoc.com.cn, "新增快捷短语话术"), whose calls add a
// phrase as a group, a code, the text and an optional picture URL already uploaded to Alibaba's
// image host (img.alicdn.com). So a phrase can carry a picture, but only as an uploaded URL set
// through the app: there is no image column to fill from a local path, and the rendered export
// keeps the three columns of ``QianniuCSV/header`` and lists the replies whose pictures the
// agent must add by hand.

extension QianniuCSV {
  /// A rendered export: the quick phrases an agent can paste into Qianniu, with every
  /// placeholder filled, and the replies that need the agent's attention.
  public struct Rendering: Hashable, Sendable {
    /// The rows after the header (code, text, group), cells neutralized as in
    /// ``QianniuCSV/export(_:)``.
    public var rows: [[String]]
    /// Replies left out: they cannot be written without a value the export does not have.
    public var leftOut: [LeftOutReply]
    /// Exported replies that also send pictures, which Qianniu's CSV cannot carry.
    public var imageReplies: [ImageReply]

    /// The CSV text: a byte-order mark, the header and ``rows``.
    public var text: String { "\u{FEFF}" + CSVTable.text(of: [QianniuCSV.header] + rows) }
  }

  /// Where a reply is written.
  public struct ReplyPlace: Hashable, Sendable, CustomStringConvertible {
    /// The reply id.
    public var id: String
    /// The name of the layer file holding it.
    public var file: String
    /// Its 1-based position among the file's entries.
    public var entryNumber: Int
    /// Where the entry starts, when known.
    public var location: SourceLocation?

    /// `path:line:column` when the location is known, else `file entry N`.
    public var description: String {
      location?.description ?? "\(file) entry \(entryNumber)"
    }
  }

  /// A reply the rendered export leaves out, and why.
  public struct LeftOutReply: Hashable, Sendable {
    /// Why a reply cannot be rendered.
    public enum Reason: Hashable, Sendable, CustomStringConvertible {
      /// Variables with no value and no fallback, in order of use.
      case missingValues([String])
      /// The text does not parse as a template.
      case invalidTemplate(ReplyTemplateError)
      /// The entry has no text, or only placeholders that rendered to nothing.
      case emptyText

      public var description: String {
        switch self {
        case .missingValues(let names):
          names.map { "{\($0)}" }.joined(separator: ", ")
            + " \(names.count == 1 ? "has" : "have") no value and no fallback"
        case .invalidTemplate(let error): "the text is not a valid template: \(error)"
        case .emptyText: "the reply has no text"
        }
      }
    }

    /// The reply.
    public var place: ReplyPlace
    /// Why it is left out.
    public var reason: Reason
  }

  /// An exported reply with pictures, which the agent adds in Qianniu by hand.
  public struct ImageReply: Hashable, Sendable {
    /// The reply.
    public var place: ReplyPlace
    /// Its images as written in the phrasebook: relative paths or URLs.
    public var images: [String]
  }

  /// The values a rendered export fills from the shop profile: `shop` (the shop's name).
  ///
  /// The shipping fee is not among them: the profile's fee depends on the buyer's region,
  /// which a quick phrase cannot know, so `{shipping_fee|…}` gets its fallback and a reply
  /// with a bare `{shipping_fee}` is left out.
  public static func exportValues(from profile: ShopProfile) -> [String: String] {
    var values: [String: String] = [:]
    if let shop = profile.shop, !shop.isEmpty { values["shop"] = shop }
    return values
  }

  /// The quick phrases of a layer's files, rendered for pasting into Qianniu.
  ///
  /// Each placeholder gets its value from `values` (see ``exportValues(from:)``), else its
  /// fallback (`{buyer|亲}` → `亲`); `{{` and `}}` become single braces. A reply with a
  /// variable that has neither, or whose text does not parse, is left out and listed. Linear in
  /// the total length of the texts.
  ///
  /// - Parameters:
  ///   - files: The layer's files.
  ///   - values: Template values known for every buyer.
  ///   - locations: Where each reply is written, by id (see ``entryLocations(of:inLayer:)``).
  public static func rendered(
    _ files: [PhrasebookBundle.File], values: [String: String],
    locations: [String: SourceLocation] = [:]
  ) -> Rendering {
    var rendering = Rendering(rows: [], leftOut: [], imageReplies: [])
    for file in files {
      for (index, entry) in file.entries.enumerated() {
        let id = entry.id ?? ""
        let place = ReplyPlace(
          id: id, file: file.file, entryNumber: index + 1, location: locations[id])
        var text = ""
        if let reason = render(entry.text ?? "", values: values, into: &text) {
          rendering.leftOut.append(LeftOutReply(place: place, reason: reason))
          continue
        }
        rendering.rows.append([entry.code ?? "", text, file.group ?? ""].map(neutralized))
        if let images = entry.images, !images.isEmpty {
          rendering.imageReplies.append(ImageReply(place: place, images: images))
        }
      }
    }
    return rendering
  }

  /// Renders `source` into `text`; returns why it cannot be, or `nil`.
  private static func render(
    _ source: String, values: [String: String], into text: inout String
  ) -> LeftOutReply.Reason? {
    let template: ReplyTemplate
    do {
      template = try ReplyTemplate(source)
    } catch {
      return .invalidTemplate(error)
    }
    let reply = template.render(values)
    guard reply.missingVariables.isEmpty else { return .missingValues(reply.missingVariables) }
    guard reply.text.contains(where: { !$0.isWhitespace }) else { return .emptyText }
    text = reply.text
    return nil
  }

  /// Where each entry of `files` starts in the layer directory `directory`, by reply id.
  ///
  /// Reads each file again; a file that cannot be read or parsed now adds no locations.
  public static func entryLocations(
    of files: [PhrasebookBundle.File], inLayer directory: String
  ) -> [String: SourceLocation] {
    var locations: [String: SourceLocation] = [:]
    for file in files {
      var ignored: [Diagnostic] = []
      let path = (directory as NSString).appendingPathComponent(file.file)
      guard let scope = YAMLScope.open(path: path, emptyHint: "", diagnostics: &ignored) else {
        continue
      }
      for (index, entry) in file.entries.enumerated() {
        guard let id = entry.id, locations[id] == nil,
          let node = scope.locator.existingNode(at: [PathKey("entries"), PathKey(intValue: index)])
        else { continue }
        locations[id] = scope.locator.location(of: node)
      }
    }
    return locations
  }
}
