public import Foundation

/// What is known about the buyer and the chat when replies are chosen and filled in.
public struct ReplyContext: Sendable {
  /// Template values by variable name: `buyer`, `order_id`, `region`, any key of the input line,
  /// and `shop`, `shipping_fee` from the shop profile.
  public var variables: [String: String]
  /// Situations the ranking can match against reply tags (see ``Situation``).
  public var situations: Set<Situation>
  /// The bargaining round or script step, when known.
  public var step: Int?
  /// The time the reply is for.
  ///
  /// Replies whose ``ValidityWindow`` does not contain it are not suggested. `huashu suggest`
  /// sets it from `--now` (through ``ConversationCoach``).
  public var now: Date

  /// Situations derived from the request, matched against reply tags of the same name.
  public enum Situation: String, Hashable, Sendable, CaseIterable {
    /// The shop profile gives a fee for the buyer's region: replies tagged `fee-quote` fit.
    case feeQuote = "fee-quote"
    /// The buyer's region needs the fee confirmed first: replies tagged `fee-confirm` fit.
    case feeConfirm = "fee-confirm"
    /// The buyer's region is not known: replies tagged `ask-region` fit.
    case askRegion = "ask-region"
    /// The chat was transferred from another agent (input field `transferred`): replies
    /// tagged `transferred` fit.
    case transferred
    /// The agent asks for a message to start with, not an answer (input field `proactive`):
    /// replies tagged `proactive` (payment reminders, shipping notices) fit; otherwise they
    /// are left out.
    case proactive
    /// The buyer named a price below the shop's floor: replies tagged `offer-below-floor`
    /// (`{offer}元真的给不了`) fit; without a known floor they would state what nobody checked.
    case offerBelowFloor = "offer-below-floor"

    /// The situation's place in `allCases`.
    var position: Int { Self.positions[self] ?? 0 }

    private static let positions = Dictionary(
      uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    /// The situation's bit in a set of situations packed into a byte.
    var bit: UInt8 { UInt8(1) << UInt8(position) }
  }

  /// The names of the rules that fired (the part of the id after the intent: `free-shipping`
  /// for `bargain.free-shipping`); replies tagged with one of them fit the message's topic.
  public var firedRuleNames: Set<String> = []

  /// Creates a context.
  public init(
    variables: [String: String] = [:], situations: Set<Situation> = [], step: Int? = nil,
    now: Date = Date()
  ) {
    self.variables = variables
    self.situations = situations
    self.step = step
    self.now = now
  }

  /// A context for one buyer message: its fields, with the shop's name and, for the buyer's
  /// region, the shipping fee and the matching situation.
  ///
  /// - Parameters:
  ///   - fields: String fields of the input line (`buyer`, `region`, `order_id`, …).
  ///   - profile: The shop profile.
  ///   - shipping: Its zones, built once (``ShippingTable``); built here when nil.
  ///   - now: The time the reply is for.
  public static func forMessage(
    fields: consuming [String: String], profile: ShopProfile, shipping: ShippingTable? = nil,
    now: Date = Date()
  ) -> ReplyContext {
    // The fields become the variables in place (no copy when the caller hands them over).
    var variables = fields
    let region = variables["region"]
    let isTransferred = isTrue(variables[Situation.transferred.rawValue])
    let isProactive = isTrue(variables[Situation.proactive.rawValue])
    if let shop = profile.shop, variables["shop"] == nil { variables["shop"] = shop }
    var situations: Set<Situation> = []
    if isTransferred { situations.insert(.transferred) }
    if isProactive { situations.insert(.proactive) }
    let quote = (shipping ?? ShippingTable(profile)).quote(for: region)
    switch quote {
    case .fee:
      variables["shipping_fee"] = quote.feeText
      situations.insert(.feeQuote)
    case .confirmFirst:
      situations.insert(.feeConfirm)
    case .unknown:
      situations.insert(.askRegion)
    }
    return ReplyContext(variables: variables, situations: situations, now: now)
  }

  /// The context with the names of the rules that fired in `classification`.
  public func with(_ classification: Classification) -> ReplyContext {
    var context = self
    context.firedRuleNames = Set(classification.firedRuleNames)
    return context
  }

  private static func isTrue(_ value: String?) -> Bool {
    guard let value = value?.lowercased() else { return false }
    return ["1", "true", "yes", "是"].contains(value)
  }
}
