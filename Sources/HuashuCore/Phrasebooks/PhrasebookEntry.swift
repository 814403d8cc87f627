public import Foundation

/// A reply an agent can send, loaded from a phrasebook.
///
/// Immutable; safe to share. A class, so that handing it along the pipeline retains it once
/// rather than each of its arrays and strings.
public final class PhrasebookEntry: Sendable, Identifiable {
  /// Which layer a reply comes from.
  public enum Layer: String, Hashable, Sendable, Codable {
    /// The team phrasebook every agent shares.
    case team
    /// One agent's own layer.
    case personal
  }

  /// The reply id.
  public let id: ReplyID
  /// The intent it answers.
  public let intent: IntentID
  /// The Qianniu shortcut code, if any.
  public let code: String?
  /// The text with its placeholders.
  public let template: ReplyTemplate
  /// The bargaining round or script step it suits, if any.
  public let step: Int?
  /// Its tags.
  public let tags: [String]
  /// Images sent with it: relative paths (against the phrasebook directory) or URLs.
  public let images: [String]
  /// Where each of ``images`` is written (parallel to it; empty when not known).
  public let imageLocations: [SourceLocation]
  /// When it may be suggested; `nil` for always.
  public let validity: ValidityWindow?
  /// The group (situation) of its file.
  public let group: String
  /// The layer it comes from (`personal` for an agent's override of a team reply).
  public let layer: Layer
  /// Where it is written.
  public let location: SourceLocation

  /// Creates an entry.
  public init(
    id: ReplyID, intent: IntentID, code: String?, template: ReplyTemplate, step: Int?,
    tags: [String], images: [String], imageLocations: [SourceLocation] = [],
    validity: ValidityWindow? = nil, group: String, layer: Layer, location: SourceLocation
  ) {
    self.id = id
    self.intent = intent
    self.code = code
    self.template = template
    self.step = step
    self.tags = tags
    self.images = images
    self.imageLocations = imageLocations
    self.validity = validity
    self.group = group
    self.layer = layer
    self.location = location
  }

  /// Where `image` (one of ``images``) is on disk when it is a relative or absolute path,
  /// resolved against `directory`; `nil` for an `http(s)` URL.
  public static func localPath(of image: String, in directory: String) -> String? {
    let lowered = image.lowercased()
    if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return nil }
    if image.hasPrefix("/") { return image }
    return (directory as NSString).appendingPathComponent(image)
  }

  /// Whether it may be suggested at `date`: always, unless it has a window `date` is outside.
  public func isValid(at date: Date) -> Bool {
    validity?.contains(date) ?? true
  }
}
