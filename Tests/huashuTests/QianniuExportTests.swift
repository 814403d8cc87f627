import Foundation
import Testing

/// `huashu phrasebook export --format qianniu-csv`: a CSV an agent can paste into Qianniu
/// (placeholders rendered), and `--raw` for the round trip into huashu.
struct QianniuExportTests {
  typealias Place = PhrasebookCommandTests.Place

  /// Exports the shipped team layer (rendered unless `raw`).
  static func exportShipped(raw: Bool) throws -> CLI.Result {
    let home = try SuggestCommandTests.home()
    return try CLI.run(
      ["phrasebook", "export", "--format", "qianniu-csv"] + (raw ? ["--raw"] : []),
      currentDirectory: CLI.packageRoot, environment: ["HUASHU_HOME": home])
  }

  /// The lines after the header of a CSV export (a row per line: the shipped texts are
  /// single-line).
  static func rows(_ csv: String) -> [String] {
    csv.split(separator: "\r\n").dropFirst().map { String($0) }
  }

  @Test func theShippedPhrasebookRendersWithoutBraces() throws {
    let raw = try Self.exportShipped(raw: true)
    #expect(raw.status == 0, "\(raw.stderr)")
    // The shipped texts have no literal braces ({{ }}), so any brace left would be a
    // placeholder.
    #expect(!raw.stdout.contains("{{") && !raw.stdout.contains("}}"))
    let rendered = try Self.exportShipped(raw: false)
    #expect(rendered.status == 0, "\(rendered.stderr)")
    #expect(rendered.stdout.hasPrefix("\u{FEFF}快捷短语编码,快捷短语,快捷短语分组\r\n"))
    for line in Self.rows(rendered.stdout) {
      #expect(!line.contains("{") && !line.contains("}"), "\(line)")
    }
    #expect(rendered.stdout.contains("亲，"))
    #expect(rendered.stdout.contains("好物小铺"))  // {shop} from shop.yaml
    #expect(!rendered.stdout.contains("【"))  // no unfilled-variable markers either
    // Fewer rows: the replies with a bare {shipping_fee} or {region} are left out.
    #expect(Self.rows(rendered.stdout).count < Self.rows(raw.stdout).count)
  }

  @Test func leftOutRepliesAreListedWithTheirFileAndLine() throws {
    let rendered = try Self.exportShipped(raw: false)
    let leftOut = rendered.stderr.split(separator: "\n").filter {
      $0.contains("left out of the Qianniu CSV:")
    }
    #expect(!leftOut.isEmpty, "\(rendered.stderr)")
    #expect(rendered.stderr.contains("'shipping_fee.quote' left out"), "\(rendered.stderr)")
    #expect(rendered.stderr.contains("{shipping_fee} has no value and no fallback"))
    #expect(rendered.stderr.contains("\(leftOut.count) replies left out of the Qianniu CSV"))
    // Each line names the file and the line where the entry starts.
    for line in leftOut {
      let parts = line.split(separator: ":", maxSplits: 3)
      let id = try #require(line.split(separator: "'").dropFirst().first)
      let path = String(parts[0])
      let number = try #require(Int(parts[1]))
      let resolved = path.hasPrefix("/") ? path : CLI.packageRoot.path + "/" + path
      let lines = try String(contentsOfFile: resolved, encoding: .utf8)
        .split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines[number - 1].contains("id: \(id)"), "\(line)")
    }
    // The rendered rows no longer carry the left-out replies' texts.
    #expect(!rendered.stdout.contains("超重的部分按实际重量计算"))
  }

  @Test func picturesAreWarnedAboutAndLiteralBracesKept() throws {
    let place = try Place()
    try FileManager.default.createDirectory(
      atPath: place.team, withIntermediateDirectories: true)
    try """
    group: 尺码
    entries:
      - id: size.chart
        intent: size
        code: cm1
        text: '{buyer|亲}，尺码表见图，{{偏小一码}}~'
        images: [images/size-chart.png]
      - id: size.shop
        intent: size
        text: 欢迎光临{shop|本店}
    """.write(toFile: place.team + "/size.yaml", atomically: true, encoding: .utf8)
    try "shop: 测试小店\n".write(
      toFile: place.phrasebooks + "/shop.yaml", atomically: true, encoding: .utf8)
    let result = try place.run(["export", "--format", "qianniu-csv"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("cm1,亲，尺码表见图，{偏小一码}~,尺码\r\n"), "\(result.stdout)")
    #expect(result.stdout.contains(",欢迎光临测试小店,尺码\r\n"), "\(result.stdout)")
    #expect(
      result.stderr.contains(
        "team/size.yaml:3:5: warning: reply 'size.chart' is exported without its picture"),
      "\(result.stderr)")
    #expect(result.stderr.contains("add images/size-chart.png to the quick phrase in Qianniu"))
    #expect(!result.stderr.contains("left out"))
  }

  @Test func rawKeepsThePlaceholdersAndWarnsOfNothing() throws {
    let raw = try Self.exportShipped(raw: true)
    #expect(raw.status == 0)
    #expect(raw.stdout.contains("{buyer|亲}"))
    #expect(raw.stdout.contains("{shipping_fee}"))
    #expect(!raw.stderr.contains("warning"))
    let bundle = try CLI.run(
      ["phrasebook", "export", "--format", "yaml", "--raw"], currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": try SuggestCommandTests.home()])
    #expect(bundle.status == 64 && bundle.stderr.contains("--raw applies to"), "\(bundle.stderr)")
  }

  @Test func helpSaysWhichCSVToUseWhen() throws {
    let help = try CLI.run(["phrasebook", "export", "--help"])
    let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(flat.contains("--raw"))
    #expect(flat.contains("for pasting into Qianniu"))
    #expect(flat.contains("importing back into huashu"))
  }
}
