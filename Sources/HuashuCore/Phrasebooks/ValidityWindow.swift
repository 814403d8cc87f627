public import Foundation

/// When a time-bound reply may be suggested: from `valid_from` through `valid_until`.
///
/// Each bound is an ISO date (`2026-10-20`) or a full ISO 8601 time with its offset
/// (`2026-10-20T20:00:00+08:00`). A date is read in China time (+08:00): `valid_from` starts at
/// the beginning of that day, `valid_until` lasts through the end of it (until midnight of the
/// next day, exclusive). A full time is used as written and is inclusive at both ends. A
/// missing bound leaves that side open.
public struct ValidityWindow: Hashable, Sendable {
  /// The first instant the reply may be suggested, if bounded.
  public let start: Date?
  /// The end of the window, if bounded.
  public let end: End?

  /// How a window ends.
  public enum End: Hashable, Sendable {
    /// Up to this instant, exclusive (a date: the midnight after it).
    case before(Date)
    /// Up to and including this instant (a full time).
    case through(Date)
  }

  /// The time zone dates without a time are read in: China, +08:00.
  public static let dateTimeZone = TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt

  /// The bounds as written (`valid_from`, `valid_until`), so the window can be written back.
  public let writtenFrom: String?
  /// See ``writtenFrom``.
  public let writtenUntil: String?

  /// Creates a window.
  public init(start: Date?, end: End?, writtenFrom: String? = nil, writtenUntil: String? = nil) {
    self.start = start
    self.end = end
    self.writtenFrom = writtenFrom
    self.writtenUntil = writtenUntil
  }

  /// Whether `date` lies inside the window.
  public func contains(_ date: Date) -> Bool {
    if let start, date < start { return false }
    switch end {
    case .before(let limit): return date < limit
    case .through(let limit): return date <= limit
    case nil: return true
    }
  }

  /// A bound as written in a phrasebook: a date or a full time.
  enum Bound: Hashable {
    case day(start: Date, next: Date)
    case time(Date)

    /// Parses `2026-10-20` (China time) or a full ISO 8601 time with an offset; `nil` for
    /// anything else, including dates that do not exist (`2026-02-30`).
    init?(_ text: String) {
      let text = text.trimmingCharacters(in: .whitespaces)
      if let day = Self.day(text) {
        self = day
      } else if text.count > 10, let time = Self.time(text) {
        self = .time(time)
      } else {
        return nil
      }
    }

    /// The first instant of the bound (`valid_from`).
    var first: Date {
      switch self {
      case .day(let start, _): return start
      case .time(let time): return time
      }
    }

    /// The end of a window that ends with this bound (`valid_until`).
    var end: End {
      switch self {
      case .day(_, let next): return .before(next)
      case .time(let time): return .through(time)
      }
    }

    private static func day(_ text: String) -> Bound? {
      let parts = text.split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
        parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
        let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
      else { return nil }
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = ValidityWindow.dateTimeZone
      let components = DateComponents(year: year, month: month, day: day)
      guard let start = calendar.date(from: components),
        calendar.dateComponents([.year, .month, .day], from: start) == components,
        let next = calendar.date(byAdding: .day, value: 1, to: start)
      else { return nil }
      return .day(start: start, next: next)
    }

    private static func time(_ text: String) -> Date? {
      if let date = try? Date(text, strategy: .iso8601) { return date }
      return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
  }
}
