import Foundation
import TestScratch
import Testing

/// What failed and killed imports leave behind, and how long a large CSV takes.
extension InterchangeHardeningTests {
  /// The id of a process that has exited.
  static func deadProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  static func makeFolder(_ path: String, age: TimeInterval = 0) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try "group: 旧\n".write(toFile: path + "/bargain.yaml", atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: path)
  }

  static func names(in directory: String) -> Set<String> {
    Set((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
  }

  // MARK: 5. Leftovers

  @Test func aFailedImportLeavesNoStagingCopyBehind() throws {
    let place = try Place().seeded()
    let before = try PhrasebookCommandTests.tree(place.phrasebooks)
    // The backup cannot be taken (its folder is a file): the import fails after staging.
    let backups = place.home + "/backups"
    try? FileManager.default.removeItem(atPath: backups)
    try "not a folder".write(toFile: backups, atomically: false, encoding: .utf8)
    let result = try place.run([
      "import", CLI.fixture("interchange/qianniu-gb18030.csv"), "--mode", "replace",
    ])
    #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
    #expect(result.stderr.contains("the import was not written"), "\(result.stderr)")
    #expect(Self.names(in: place.phrasebooks) == ["team"])
    #expect(try PhrasebookCommandTests.tree(place.phrasebooks) == before)
  }

  @Test func staleLeftoversAreSweptAtTheNextImportAndLiveOnesKept() throws {
    let place = try Place().seeded()
    let bundle = place.home + "/team.yaml"
    #expect(try place.run(["export", "-o", bundle]).status == 0)
    let dead = try Self.deadProcessID()
    let live = ProcessInfo.processInfo.processIdentifier
    let backups = place.home + "/backups"
    let stale = [
      place.phrasebooks + "/.team.import-0A1B2C3D-9E8F",  // an older huashu's, two hours old
      place.phrasebooks + "/.team.import-p\(dead)-ABCD1234",  // its process is gone
      place.phrasebooks + "/.team.old-p\(dead)-ABCD1234",
      backups + "/.partial-p\(dead)-ABCD1234",
      backups + "/team-20260101T000000Z-ABCD",  // no manifest, two hours old
    ]
    for path in stale {
      try Self.makeFolder(path, age: path.contains("0A1B") || path.hasSuffix("ABCD") ? 7200 : 0)
    }
    let running = place.phrasebooks + "/.team.import-p\(live)-ABCD1234"
    try Self.makeFolder(running)
    let list = try CLI.run(
      ["phrasebook", "restore", "--list"], currentDirectory: CLI.packageRoot,
      environment: ["HUASHU_HOME": place.home])
    #expect(list.stdout.contains("no backups"), "\(list.stdout)")
    #expect(
      list.stderr.contains("team-20260101T000000Z-ABCD has no backup.json: an incomplete backup"),
      "\(list.stderr)")
    // An import that has nothing to do still sweeps.
    let result = try place.run(["import", bundle])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("nothing to import"))
    for path in stale {
      #expect(!FileManager.default.fileExists(atPath: path), "\(path)")
      #expect(result.stderr.contains("removed \(path)"), "\(result.stderr)")
    }
    #expect(FileManager.default.fileExists(atPath: running))
  }

  // MARK: 4. Speed

  /// 60,000 rows: about 7 s in a debug build; quadratic matching took minutes.
  @Test(.timeLimit(.minutes(2))) func aLargeCSVImportsInLinearTime() throws {
    let place = try Place()
    let groups = ["议价", "物流", "售后", "问候", "退款", "", "包装"]
    var csv = "快捷短语编码,快捷短语,快捷短语分组\r\n"
    for row in 0..<60_000 {
      let code = row % 10 == 9 ? "" : "k\(row)"
      csv += "\(code),亲，这是第\(row)条快捷短语，有问题随时找我们哦~,\(groups[row % groups.count])\r\n"
    }
    let path = place.home + "/large.csv"
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    let start = Date()
    let result = try Self.run(
      ["phrasebook", "import", path, "--dry-run", "--phrasebooks", place.phrasebooks],
      home: place.home, timeout: 40)
    let seconds = Date().timeIntervalSince(start)
    #expect(result?.status == 0, "\(result?.stderr ?? "killed after 40 s")")
    #expect(result?.stdout.contains("added (60000)") == true)
    #expect(seconds < 40)
  }

  /// Runs huashu, killing it after `timeout` seconds (then `nil`).
  static func run(_ arguments: [String], home: String, timeout: TimeInterval) throws
    -> CLI.Result?
  {
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = arguments
    process.currentDirectoryURL = CLI.packageRoot
    process.environment = ProcessInfo.processInfo.environment.merging(["HUASHU_HOME": home]) {
      $1
    }
    let output = Scratch.url("out")
    let errors = Scratch.url("err")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    let deadline = Date(timeIntervalSinceNow: timeout)
    while process.isRunning && Date() < deadline { usleep(50_000) }
    guard !process.isRunning else {
      // SIGKILL: the test runner's children may inherit an ignored SIGTERM.
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      return nil
    }
    return CLI.Result(
      stdout: try String(contentsOf: output, encoding: .utf8),
      stderr: try String(contentsOf: errors, encoding: .utf8), status: process.terminationStatus)
  }
}
