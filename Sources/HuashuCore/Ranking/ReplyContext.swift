/// What is known about the buyer and the chat when replies are chosen and filled in.
public struct ReplyContext: Sendable {
  /// Template values by variable name: `buyer`, `order_id`, `region`, any key of the input line,
  /// and `shop`, `shipping_fee` from the shop profile.
  public var variables: [String: String]
  /// Situations the ranking can match against reply tags (see ``Situation``).
  public var situations: Set<Situation>
  /// The bargaining round or script step, when known.
  public var step: Int?

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
  }

  /// Creates a context.
  public init(variables: [String: String] = [:], situations: Set<Situation> = [], step: Int? = nil)
  {
    self.variables = variables
    self.situations = situations
    self.step = step
  }

  /// A context for one buyer message: its fields, with the shop's name and, for the buyer's
  /// region, the shipping fee and the matching situation.
  ///
  /// - Parameters:
  ///   - fields: String fields of the input line (`buyer`, `region`, `order_id`, …).
  ///   - profile: The shop profile.
  public static func forMessage(fields: [String: String], profile: ShopProfile) -> ReplyContext {
    var variables = fields
    if let shop = profile.shop, variables["shop"] == nil { variables["shop"] = shop }
    var situations: Set<Situation> = []
    let quote = profile.shippingQuote(for: fields["region"])
    switch quote {
    case .fee:
      variables["shipping_fee"] = quote.feeText
      situations.insert(.feeQuote)
    case .confirmFirst:
      situations.insert(.feeConfirm)
    case .unknown:
      situations.insert(.askRegion)
    }
    if let transferred = fields["transferred"]?.lowercased(),
      ["1", "true", "yes", "是"].contains(transferred)
    {
      situations.insert(.transferred)
    }
    return ReplyContext(variables: variables, situations: situations)
  }
}
