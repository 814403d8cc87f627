import Foundation
import TestScratch
import Testing

/// Where huashu finds its default content (issue 26), and what `huashu --version` says of it:
/// the current directory, then `../share/huashu` beside the executable, then the checkout only
/// for a binary that lives in it.
struct InstallationTests {
  /// The first line of `--version`: `huashu X.Y.Z`.
  @Test func versionComesFirst() throws {
    let result = try CLI.run(["--version"])
    #expect(result.status == 0, "\(result.stderr)")
    let first = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
    #expect(first.wholeMatch(of: /huashu \d+\.\d+\.\d+/) != nil, "\(result.stdout)")
  }

  @Test func theBuiltBinaryUsesItsCheckoutFromAnyDirectory() throws {
    let elsewhere = try Self.directory("elsewhere")
    let result = try CLI.run(
      ["--version"], currentDirectory: elsewhere, environment: ["HUASHU_HOME": "/srv/agent-home"])
    let root = CLI.packageRoot.path
    #expect(
      Self.lines(result).contains(
        "rules: \(root)/rules (the source checkout huashu was built in)"), "\(result.stdout)")
    #expect(
      Self.lines(result).contains(
        "phrasebooks: \(root)/phrasebooks (the source checkout huashu was built in)"),
      "\(result.stdout)")
    #expect(Self.lines(result).contains("home: /srv/agent-home (from HUASHU_HOME)"))

    let explained = try CLI.run(["explain", "老板能便宜点吗"], currentDirectory: elsewhere)
    #expect(explained.stdout.contains("\(root)/rules/bargain.yaml:"), "\(explained.stdout)")
  }

  @Test func theCurrentDirectoryComesFirst() throws {
    let shop = try Self.directory("shop")
    try FileManager.default.createDirectory(
      at: shop.appendingPathComponent("rules"), withIntermediateDirectories: true)
    let result = try CLI.run(["--version"], currentDirectory: shop)
    #expect(
      Self.lines(result).contains("rules: \(shop.path)/rules (the current directory)"),
      "\(result.stdout)")
    // No ./phrasebooks there: the checkout's.
    #expect(
      Self.lines(result).contains {
        $0.hasPrefix("phrasebooks: \(CLI.packageRoot.path)/phrasebooks ")
      }, "\(result.stdout)")
  }

  /// An installed layout, PREFIX/bin/huashu beside PREFIX/share/huashu; the same binary
  /// without the share folder does not reach back into the checkout it was built in.
  @Test func aBinaryOutsideTheCheckoutUsesTheContentInstalledBesideIt() throws {
    let prefix = try Self.directory("prefix")
    let binary = try Self.place(CLI.executable, in: prefix.appendingPathComponent("bin"))
    let content = prefix.appendingPathComponent("share/huashu")
    try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
    for name in ["rules", "phrasebooks"] {
      try FileManager.default.copyItem(
        at: CLI.packageRoot.appendingPathComponent(name),
        to: content.appendingPathComponent(name))
    }
    let elsewhere = try Self.directory("elsewhere")
    let version = try CLI.run(["--version"], currentDirectory: elsewhere, executable: binary)
    #expect(
      Self.lines(version).contains("rules: \(content.path)/rules (installed with huashu)"),
      "\(version.stdout)\(version.stderr)")
    let explained = try CLI.run(
      ["explain", "老板能便宜点吗"], currentDirectory: elsewhere, executable: binary)
    #expect(explained.status == 0, "\(explained.stderr)")
    #expect(explained.stdout.contains("\(content.path)/rules/bargain.yaml:"), "\(explained.stdout)")

    try FileManager.default.removeItem(at: content)
    let bare = try CLI.run(["--version"], currentDirectory: elsewhere, executable: binary)
    #expect(!bare.stdout.contains(CLI.packageRoot.path), "\(bare.stdout)")
    let systemWide = FileManager.default.fileExists(atPath: "/usr/share/huashu/rules")
    #expect(
      Self.lines(bare).contains(
        systemWide
          ? "rules: /usr/share/huashu/rules (installed system-wide)"
          : "rules: none found (pass --rules DIR)"), "\(bare.stdout)")
    if !systemWide {
      let failed = try CLI.run(
        ["explain", "老板能便宜点吗"], currentDirectory: elsewhere, executable: binary)
      #expect(failed.status == 2)
      #expect(failed.stderr.contains("no rules directory found"), "\(failed.stderr)")
    }
  }

  static func lines(_ result: CLI.Result) -> [String] {
    result.stdout.split(separator: "\n").map(String.init)
  }

  /// A new empty directory in the scratch folder, symlinks resolved (as /proc/self/exe and the
  /// current directory report it).
  static func directory(_ name: String) throws -> URL {
    let url = Scratch.url(name)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.resolvingSymlinksInPath()
  }

  /// `binary` in `directory`: a hard link where the file system allows, else a copy.
  static func place(_ binary: URL, in directory: URL) throws -> URL {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let placed = directory.appendingPathComponent("huashu")
    do {
      try FileManager.default.linkItem(at: binary, to: placed)
    } catch {
      try FileManager.default.copyItem(at: binary, to: placed)
    }
    return placed
  }
}
