extension Amount {
  /// An amount of yuan as buyers and templates write it: `150`, `12.5`, `0.05` (whole numbers
  /// without a decimal point, others to the fen).
  public static func text(_ yuan: Double) -> String {
    if yuan.rounded() == yuan, abs(yuan) < 1e15 { return String(Int(yuan)) }
    return String((yuan * 100).rounded() / 100)
  }
}
