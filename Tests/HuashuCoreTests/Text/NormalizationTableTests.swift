import Foundation
import Testing

@testable import HuashuCore

private let seed = TestSupport.packageRoot.deletingLastPathComponent()
  .appendingPathComponent("shared/seeds/004_c85c579539df099d.txt")

struct NormalizationTableTests {
  /// The committed table must be exactly what ICU derives today; `HUASHU_RECORD=1` rewrites it
  /// (and fails, so a new table is never accepted silently).
  @Test func generatedTableMatchesICU() throws {
    let derived = NormalizationTableDerivation.derive()
    let source = NormalizationTableDerivation.swiftSource(for: derived)
    let path = TestSupport.packageRoot
      .appendingPathComponent("Sources/HuashuCore/Text/NormalizationTable+Generated.swift")
    let committed = try String(contentsOf: path, encoding: .utf8)
    if TestSupport.isRecording && committed != source {
      try source.write(to: path, atomically: true, encoding: .utf8)
      Issue.record("re-recorded \(path.lastPathComponent); rebuild and run the tests again")
      return
    }
    #expect(committed == source, "run HUASHU_RECORD=1 swift test --filter NormalizationTableTests")
  }

  /// Every traditional character of the de-escalation seed is simplified as ICU simplifies it
  /// standing alone. (ICU also has a few phrase rules, such as 彷彿 → 仿佛, whose first
  /// character is left alone by itself; those cannot be expressed per character.)
  @Test(.enabled(if: FileManager.default.fileExists(atPath: seed.path)))
  func coversEveryTraditionalCharacterOfTheDeEscalationSeed() throws {
    let text = try String(contentsOf: seed, encoding: .utf8)
    let han = Set(text.unicodeScalars.filter { (0x3400...0x9FFF).contains($0.value) })
    let table = NormalizationTable()
    var changed = 0
    var missed: [Character] = []
    for scalar in han {
      let alone = try #require(
        String(scalar).applyingTransform(StringTransform("Traditional-Simplified"), reverse: false))
      guard alone != String(scalar) else { continue }
      changed += 1
      if table.entry(for: scalar) != .scalar(alone.unicodeScalars.first ?? scalar) {
        missed.append(Character(scalar))
      }
    }
    #expect(changed > 400, "the seed should hold hundreds of traditional characters")
    #expect(missed.isEmpty, "not simplified: \(String(missed))")
  }
}
