/// Finds replies of a phrasebook (team and personal layers, as merged) from what an agent
/// types: a Qianniu code, words, or pinyin initials.
///
/// A reply matches a query, best first, by:
/// 1. ``Match/Kind/code``: its Qianniu code is the query (case-insensitive: `YF1` finds `yf1`);
/// 2. ``Match/Kind/codePrefix``: its code starts with the query (`yf` finds `yf1`, `yf10`);
/// 3. ``Match/Kind/groupInitials``: the query starts the pinyin initials of its group
///    (`hdfk` or `hd` for 货到付款, `zlwt` for 质量问题), the whole group scoring higher;
/// 4. ``Match/Kind/textInitials``: the query, two letters or more, starts the initials of one
///    of the clauses of its text (the text split at punctuation; placeholders read as their
///    fallback): `cxfh` for 重新发货;
/// 5. ``Match/Kind/words``: every space-separated word of the query is in its text or group,
///    both sides normalized with ``Normalizer/standard`` (運費 and ｙｆ find 运费 and yf), a
///    reply with all words in its group scoring higher.
///
/// Matches are ordered by ``Match/score``, then by how often the agent accepted the reply,
/// then by phrasebook order.
///
/// **Pinyin** comes from ICU's `Han-Latin` transform, through Foundation, read once per
/// distinct character when the finder is built, never per query. ICU reads each character
/// alone, one reading each, so polyphones get the reading ICU chose (银行 reads `yin xing`,
/// 重新 `zhong xin`). For a short list of polyphones whose other reading is common in shop talk
/// (行 hang, 长 chang, 重 chong, 便 pian, 调 tiao, 藏 zang, 厦 xia), both initials
/// are accepted: `yh` finds 银行 and `cx` finds 重新, while `yx` and `zx` still do. The other
/// reading is not typed by hand either: it is ICU's reading of a character that sounds that
/// way (航 for hang), see `PinyinInitials.polyphones`. Transforming a word does not help:
/// ICU reads 银行 `yin xing` as it reads 行 alone. Polyphones whose readings share an initial
/// (还 hai/huan, 发, 地 de/di, 差 cha/chai, 了, 得, 着, 都, 和) need nothing.
///
/// Building costs about 0.1 s the first time in a process (ICU compiles its Han-Latin rules),
/// then a few milliseconds; a query, a few microseconds per reply. Immutable; safe to share.
public struct ReplyFinder: Sendable {
  /// The phrasebook searched.
  public let phrasebook: Phrasebook
  /// What is searched of each reply, by position in the phrasebook.
  private let keys: [ReplyKeys]

  /// What a query is compared with, for one reply: built once.
  struct ReplyKeys: Sendable {
    /// The code, normalized (lower case), as UTF-8.
    var code: [UInt8]
    /// The group, normalized, as UTF-8.
    var group: [UInt8]
    /// The text (placeholders as their fallbacks), normalized, as UTF-8.
    var text: [UInt8]
    /// The initials of the group's Han characters.
    var groupInitials: [InitialSet]
    /// The initials of each clause of the text, one after the other.
    var textInitials: [InitialSet]
    /// Where each clause starts in ``textInitials``.
    var clauseStarts: [Int]
  }

  /// Builds the finder over every visible reply of `phrasebook`.
  public init(phrasebook: Phrasebook) {
    self.phrasebook = phrasebook
    let normalizer = Normalizer.standard
    let texts = phrasebook.entries.map { normalizer.normalize(Self.searchableText(of: $0)) }
    let groups = phrasebook.entries.map { normalizer.normalize($0.group) }
    let pinyin = PinyinInitials(characters: (texts + groups).joined())
    keys = phrasebook.entries.indices.map { index in
      let entry = phrasebook.entries[index]
      var clauseStarts: [Int] = []
      var textInitials: [InitialSet] = []
      var inClause = false
      for character in texts[index] {
        if PinyinInitials.isHan(character) {
          if !inClause { clauseStarts.append(textInitials.count) }
          inClause = true
          textInitials.append(pinyin[character])
        } else if !(character.isLetter || character.isNumber) {
          inClause = false
        }
      }
      return ReplyKeys(
        code: Array(normalizer.normalize(entry.code ?? "").utf8),
        group: Array(groups[index].utf8), text: Array(texts[index].utf8),
        groupInitials: groups[index].filter(PinyinInitials.isHan).map { pinyin[$0] },
        textInitials: textInitials, clauseStarts: clauseStarts)
    }
  }

  /// The replies matching `query`, best first.
  ///
  /// - Parameters:
  ///   - query: A code, initials or words, as the agent typed them.
  ///   - usage: How often the agent accepted each reply (from ``UsageStore``): more often
  ///     ranks higher among matches of the same score.
  ///   - limit: The most matches returned.
  /// - Returns: At most `limit` matches; empty when nothing matches or the query is blank.
  public func find(_ query: String, usage: [ReplyID: Int] = [:], limit: Int = 10) -> [Match] {
    let query = Query(query)
    guard !query.bytes.isEmpty, limit > 0 else { return [] }
    var found: [(position: Int, kind: Match.Kind, score: Int, accepted: Int)] = []
    for position in keys.indices {
      guard let (kind, score) = match(query, keys[position]) else { continue }
      let accepted = usage.isEmpty ? 0 : usage[phrasebook.entries[position].id] ?? 0
      found.append((position, kind, score, accepted))
    }
    found.sort {
      ($0.score, $0.accepted, -$0.position) > ($1.score, $1.accepted, -$1.position)
    }
    return found.prefix(limit).map {
      Match(
        entry: phrasebook.entries[$0.position], kind: $0.kind, score: $0.score,
        accepted: $0.accepted)
    }
  }

  /// A query, normalized once.
  private struct Query {
    /// The normalized query as UTF-8.
    var bytes: [UInt8]
    /// Whether it could be a code: ASCII letters and digits only.
    var isCodeLike: Bool
    /// Whether it could be initials: ASCII letters only.
    var isInitials: Bool
    /// Its space-separated words.
    var words: [[UInt8]]

    init(_ text: String) {
      bytes = Array(Normalizer.standard.normalize(text).utf8)
      isInitials = bytes.allSatisfy { (0x61...0x7A).contains($0) }
      isCodeLike = bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
      words = bytes.split(separator: 0x20).map(Array.init)
    }
  }

  /// How `query` matches a reply, if it does: its best kind of match and the score.
  private func match(_ query: Query, _ reply: ReplyKeys) -> (Match.Kind, Int)? {
    if query.isCodeLike && !reply.code.isEmpty {
      if reply.code == query.bytes { return (.code, Match.Kind.code.baseScore) }
      if reply.code.starts(with: query.bytes) {
        return (.codePrefix, Match.Kind.codePrefix.baseScore)
      }
    }
    if query.isInitials {
      if Self.initials(reply.groupInitials, from: 0, start: query.bytes) {
        let whole = reply.groupInitials.count == query.bytes.count
        return (.groupInitials, Match.Kind.groupInitials.baseScore + (whole ? 5 : 0))
      }
      if query.bytes.count >= 2,
        reply.clauseStarts.contains(where: {
          Self.initials(reply.textInitials, from: $0, start: query.bytes)
        })
      {
        return (.textInitials, Match.Kind.textInitials.baseScore)
      }
    }
    guard !query.words.isEmpty else { return nil }
    var allInGroup = true
    for word in query.words {
      if ByteSearch.firstRange(of: word, in: reply.group) != nil { continue }
      allInGroup = false
      if ByteSearch.firstRange(of: word, in: reply.text) == nil { return nil }
    }
    return (.words, Match.Kind.words.baseScore + (allInGroup ? 5 : 0))
  }

  /// Whether the initials from `start` begin with the letters of `query`.
  private static func initials(
    _ initials: [InitialSet], from start: Int, start query: [UInt8]
  ) -> Bool {
    guard !query.isEmpty, initials.count - start >= query.count else { return false }
    for (offset, letter) in query.enumerated() where !initials[start + offset].contains(letter) {
      return false
    }
    return true
  }

  /// The text searched and shown: literals as written, placeholders as their fallbacks (a
  /// space when they have none, which ends a clause).
  static func searchableText(of entry: PhrasebookEntry) -> String {
    entry.template.segments.reduce(into: "") { text, segment in
      switch segment {
      case .literal(let literal): text += literal
      case .variable(_, let fallback): text += fallback.map { $0.isEmpty ? " " : $0 } ?? " "
      }
    }
  }
}
