import Foundation
import TestScratch
import Testing

@testable import HuashuCore

/// The safety rules under the phrasebook import: which file names a layer may get, what the
/// writer refuses, the CSV formula guard, the content hash check, and durable atomic writes.
struct LayerWritingTests {
  @Test(
    arguments: [
      ("bargain.yaml", nil), ("议价.yaml", nil), ("old.yml", nil), ("=HYPERLINK(-x-).yaml", nil),
      ("", .empty), ("a\u{0}.yaml", .controlCharacter), ("a\nb.yaml", .controlCharacter),
      ("/etc/x.yaml", .absolutePath), ("a\\b.yaml", .backslash), ("../shop.yaml", .parentFolder),
      ("a/../../x.yaml", .parentFolder), ("..", .parentFolder), ("sub/x.yaml", .folder),
      (".hidden.yaml", .hidden), (".yaml", .hidden), ("x.txt", .notYAML), ("X.YAML", .notYAML),
      ("yaml", .notYAML), (String(repeating: "长", count: 90) + ".yaml", .tooLong),
    ] as [(String, BundleFileName.Problem?)])
  func fileNames(_ name: String, expected: BundleFileName.Problem?) {
    #expect(BundleFileName.problem(with: name) == expected)
  }

  @Test func theWriterRefusesAnUnsafeNameBeforeWritingAnything() throws {
    let root = Scratch.url("writer")
    let writer = PhrasebookLayerWriter(
      directory: root.appendingPathComponent("team").path,
      backupsDirectory: root.appendingPathComponent("backups").path, layer: "team")
    let entry = PhrasebookEntryDocument(id: "a.b", intent: "any", text: "好")
    #expect(throws: PhrasebookLayerWriter.ForbiddenFileName.self) {
      try writer.write(
        [
          .init(file: "ok.yaml", group: nil, entries: [entry]),
          .init(file: "../x.yaml", group: nil, entries: [entry]),
        ], now: Date())
    }
    #expect(!FileManager.default.fileExists(atPath: root.path))
  }

  @Test(arguments: [
    ("=1+2", "'=1+2"), ("+86", "'+86"), ("-5元", "'-5元"), ("@sum", "'@sum"), ("\t表", "'\t表"),
    ("\r表", "'\r表"), ("'=x", "''=x"), ("''", "'''"), ("'普通", "'普通"), ("普通", "普通"),
    ("", ""), ("'", "'"),
  ])
  func formulaCellsAreNeutralizedAndComeBack(text: String, exported: String) {
    #expect(QianniuCSV.neutralized(text) == exported)
    #expect(QianniuCSV.unneutralized(exported) == text)
  }

  @Test func aBundleIsIntactOnlyWhileItsFilesHashToItsContentHash() throws {
    let files = [
      PhrasebookBundle.File(
        file: "a.yaml", group: "甲",
        entries: [PhrasebookEntryDocument(id: "a.one", intent: "any", text: "一")])
    ]
    let bundle = PhrasebookBundle(layer: "team", files: files)
    let source = try PhrasebookBundle.readYAML(try bundle.yaml(), path: "a.yaml")
    #expect(source.isIntact)
    let json = try PhrasebookBundle.readJSON(try bundle.json(), path: "a.json")
    #expect(json.isIntact)
    var edited = source
    edited.bundle.files[0].entries[0].text = "二"
    let damage = try #require(edited.damage)
    #expect(damage.expected == bundle.contentHash)
    #expect(damage.actual == PhrasebookBundle.contentHash(of: edited.bundle.files))
    #expect(damage.location == SourceLocation(path: "a.yaml", line: 3, column: 15))
  }

  @Test func atomicWritesReplaceKeepThePermissionsAndSweepAbandonedTemporaries() throws {
    let directory = Scratch.url("atomic")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("state.json").path
    try AtomicFile.write(Data("one".utf8), to: path)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    // A temporary file of a process that is gone, and one of this (live) process.
    let abandoned = directory.appendingPathComponent(".state.json.tmp-p999999999-AAAA").path
    let live = directory.appendingPathComponent(
      ".state.json.tmp-p\(ProcessInfo.processInfo.processIdentifier)-BBBB"
    ).path
    for temporary in [abandoned, live] {
      #expect(FileManager.default.createFile(atPath: temporary, contents: Data("half".utf8)))
    }
    try AtomicFile.write(Data("two".utf8), to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    #expect(
      Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        == ["state.json", (live as NSString).lastPathComponent])
    #expect(throws: AtomicFile.Failure.self) {
      try AtomicFile.write(Data(), to: directory.appendingPathComponent("no/such/file").path)
    }
  }
}
