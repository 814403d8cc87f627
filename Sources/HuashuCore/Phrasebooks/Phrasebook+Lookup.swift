extension Phrasebook {
  /// The visible reply an agent named by its id or by its Qianniu shortcut code.
  ///
  /// The id is tried first (exactly, as ids are written), then the code, ignoring case
  /// (`YJ4` finds the reply coded `yj4`). When several replies share a code, the first in
  /// ``entries`` is returned (team replies come before the agent's own new ones).
  ///
  /// A lookup by code reads every entry; it serves acceptances, not the ranking.
  ///
  /// - Parameter idOrCode: What the agent typed: a reply id such as `bargain.firm`, or a code
  ///   such as `yj4`.
  /// - Returns: The reply, or `nil` when neither an id nor a code matches.
  public func entry(idOrCode: String) -> PhrasebookEntry? {
    if let byID = entry(ReplyID(idOrCode)) { return byID }
    let wanted = idOrCode.lowercased()
    guard !wanted.isEmpty else { return nil }
    return entries.first { $0.code?.lowercased() == wanted }
  }

  /// The message for a name that is neither a reply id nor a code: `no reply with id or code
  /// 'x'`.
  public static func unknownReplyMessage(_ idOrCode: String) -> String {
    "no reply with id or code '\(idOrCode)'"
  }
}
