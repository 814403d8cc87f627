public import Foundation

/// Answers one buyer message as a turn of its chat, end to end after classification: reads the
/// facts in the buyer's words (the region, amounts), fills the reply context from the line's
/// fields and the shop profile, and hands the turn to the ``ConversationCoach``.
///
/// This is what `huashu suggest` does for every message, in the library so that every front end
/// answers the same. Immutable; safe to share between threads (each passes its own state).
public struct TurnEngine: Sendable {
  /// Classifies messages.
  public let matcher: Matcher
  /// Runs the scripts and ranks the replies.
  public let coach: ConversationCoach
  /// The shop's name, shipping table and bargaining defaults.
  public let profile: ShopProfile
  /// Reads places.
  public let places: PlaceReader
  /// Reads amounts of money.
  public let amounts: AmountReader
  /// The profile's shipping zones, normalized once.
  private let shipping: ShippingTable

  /// Creates an engine.
  public init(
    matcher: Matcher, coach: ConversationCoach, profile: ShopProfile,
    places: PlaceReader = .standard, amounts: AmountReader = .standard
  ) {
    self.matcher = matcher
    self.coach = coach
    self.profile = profile
    self.places = places
    self.amounts = amounts
    self.shipping = ShippingTable(profile)
  }

  /// Answers `request`, whose message is already classified, as the next turn of the chat whose
  /// state is `state`.
  public func respond(
    _ request: SuggestRequest, _ classification: Classification, usage: [ReplyID: Int],
    state: consuming ChatState, now: Date
  ) -> ConversationCoach.Answer {
    var positions = SuggestedPositions()
    return respond(
      request, classification, usage: usage, state: consume state, now: now,
      positions: &positions)
  }

  /// ``respond(_:_:usage:state:now:)`` with where the chat's suggested replies are in the
  /// phrasebook, kept between its turns.
  public func respond(
    _ request: SuggestRequest, _ classification: Classification, usage: [ReplyID: Int],
    state: consuming ChatState, now: Date, positions: inout SuggestedPositions
  ) -> ConversationCoach.Answer {
    var fields = request.fields
    fields["chat"] = request.chat
    let message = classification.message
    let text = message.text
    var facts = TurnFacts()
    facts.amounts = amounts.amounts(in: text).map(\.value)
    let place = places.destination(in: text)
    if let written = fields["region"], !written.isEmpty {
      facts.region = written
      facts.regionSource = .field
    } else if let place {
      facts.region = place.feeRegion
      facts.regionSource = .message
      facts.isOutsideFeeTable = place.isOutsideMainland
    } else if let known = state.region {
      facts.region = known
      facts.regionSource = .chat
      facts.isOutsideFeeTable = places.places(in: known).contains(where: \.isOutsideMainland)
    }
    if facts.regionSource != .field, let region = facts.region {
      fields["region"] = region
      state.region = region
    }
    facts.price = Self.number(fields["price"])
    facts.floor = Self.number(fields["floor"]) ?? facts.price.flatMap(profile.floor(forPrice:))
    facts.suppliesInformation =
      place != nil || !facts.amounts.isEmpty || Self.bringsEvidence(message.utf8)
    var context = ReplyContext.forMessage(
      fields: consume fields, profile: profile, shipping: shipping, now: now)
    if facts.isOutsideFeeTable {
      // Hong Kong, Macau, Taiwan, abroad: known, but outside the table: confirm first.
      context.situations.remove(.askRegion)
      context.situations.insert(.feeConfirm)
    }
    return coach.respond(
      to: classification, context: context, facts: facts, usage: usage, state: consume state,
      now: now, positions: &positions)
  }

  /// A number field of the input line (`"price":"168"`, `"floor":158.5`).
  private static func number(_ field: String?) -> Double? {
    guard let field, let value = Double(field.trimmingCharacters(in: .whitespaces)),
      value.isFinite, value >= 0
    else { return nil }
    return value
  }

  /// Words a buyer uses when sending what an agent asks an upset buyer for: a photo, a video,
  /// an order number (the corpus's `[订单x]`, `[图片]` tokens among them), in one automaton.
  private static let evidenceWords = LiteralAutomaton(
    literals: [
      "[图片]", "[视频]", "[订单x]", "图片", "照片", "视频", "截图", "拍了", "拍给你", "发给你了", "发你了",
      "订单号", "单号是",
    ].map { Array($0.utf8) })

  /// Whether the normalized message (its UTF-8) sends evidence: an evidence word or a long
  /// digit run (an order or waybill number).
  static func bringsEvidence(_ utf8: [UInt8]) -> Bool {
    var found = false
    evidenceWords.forEachMatch(in: utf8) { _, _ in found = true }
    if found { return true }
    var run = 0
    for byte in utf8 {
      run = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? run + 1 : 0
      if run >= 10 { return true }
    }
    return false
  }
}

extension Place {
  /// The place as a shop's fee table reads it: the province, with the city after it when the
  /// buyer named one (四川成都), so a zone for the city (the shop's own 武汉) comes before its
  /// province's.
  var feeRegion: String {
    name.hasPrefix(region) || isOutsideMainland ? region : region + name
  }
}
