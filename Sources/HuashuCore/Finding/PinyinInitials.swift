internal import Foundation

/// The set of pinyin initials (first letters, `a`–`z`) one character may be typed with, as a
/// bit mask: bit 0 is `a`, bit 25 is `z`.
///
/// Empty for a character with no reading (punctuation, digits, emoji).
struct InitialSet: Hashable, Sendable {
  /// The bits of the letters.
  var bits: UInt32

  /// No initial.
  static let none = InitialSet(bits: 0)

  /// The set of one lower-case ASCII letter; empty for any other byte.
  init(letter: UInt8) {
    bits = (0x61...0x7A).contains(letter) ? 1 << UInt32(letter - 0x61) : 0
  }

  private init(bits: UInt32) {
    self.bits = bits
  }

  /// Whether it holds the lower-case ASCII letter `letter`.
  func contains(_ letter: UInt8) -> Bool {
    (0x61...0x7A).contains(letter) && bits & (1 << UInt32(letter - 0x61)) != 0
  }

  /// Both sets' letters.
  func union(_ other: InitialSet) -> InitialSet { InitialSet(bits: bits | other.bits) }
}

/// The pinyin initials of Chinese characters, read from ICU's `Han-Latin` transform.
///
/// ICU gives one reading per character, without context: 银行 reads `yin xing`, 重新 `zhong
/// xin`, 便宜 `bian yi`. For the few polyphones in ``polyphones``, whose other reading is
/// common in shop talk, the initial of that reading is accepted too; that reading is not typed
/// here but read from ICU as well, on a character ICU reads that way (航 for the `hang` of 行).
///
/// Transforming is slow the first time in a process (ICU compiles its Han-Latin rules: about
/// 0.1 s), then about 20 µs a character; ``init(characters:)`` transforms each distinct
/// character once.
struct PinyinInitials: Sendable {
  /// Polyphones, each with a character ICU reads as the polyphone's other common reading.
  ///
  /// Only polyphones whose two readings' initials differ are listed. ICU reads the first of
  /// each pair as in the comment's first word.
  static let polyphones: [(character: Character, otherReading: Character)] = [
    ("行", "航"),  // xing 不行 / hang 银行
    ("长", "常"),  // zhang 成长 / chang 长度, 多长
    ("重", "虫"),  // zhong 重量 / chong 重新, 重发
    ("便", "片"),  // bian 方便 / pian 便宜
    ("调", "条"),  // diao 调换 / tiao 调整
    ("藏", "脏"),  // cang 收藏 / zang 西藏
    ("厦", "夏"),  // sha 大厦 / xia 厦门
  ]

  /// The transform: Han to pinyin, tone marks dropped.
  static let transform = StringTransform("Han-Latin; Latin-ASCII")

  private let initials: [Character: InitialSet]

  /// Reads the initials of every Han character among `characters` (others are ignored).
  init(characters: some Sequence<Character>) {
    let han = Set(characters.filter(Self.isHan))
    var initials: [Character: InitialSet] = [:]
    initials.reserveCapacity(han.count)
    for character in han {
      initials[character] = Self.icuInitial(of: character)
    }
    for (character, other) in Self.polyphones {
      guard let known = initials[character] else { continue }
      initials[character] = known.union(Self.icuInitial(of: other))
    }
    self.initials = initials
  }

  /// The initials `character` may be typed with; empty when it is not a Han character read by
  /// ``init(characters:)``.
  subscript(character: Character) -> InitialSet { initials[character] ?? .none }

  /// What ICU reads `character` as, tone marks dropped (`nil` when it gives nothing).
  static func reading(of character: Character) -> String? {
    String(character).applyingTransform(transform, reverse: false)?
      .trimmingCharacters(in: .whitespaces)
  }

  /// The initial of ICU's reading of `character`.
  static func icuInitial(of character: Character) -> InitialSet {
    guard let first = reading(of: character)?.utf8.first else { return .none }
    return InitialSet(letter: first | 0x20)
  }

  /// Whether `character` is one Han ideograph (the blocks ICU's Han-Latin reads).
  static func isHan(_ character: Character) -> Bool {
    guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first
    else { return false }
    switch scalar.value {
    case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
    default: return false
    }
  }
}
