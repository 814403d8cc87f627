// swift-tools-version:6.0
import PackageDescription

let upcomingFeatures: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "huashu",
  products: [
    .executable(name: "huashu", targets: ["huashu"]),
    .library(name: "HuashuCore", targets: ["HuashuCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CPCRE2",
      pkgConfig: "libpcre2-8",
      providers: [.apt(["libpcre2-dev"])]
    ),
    // renameat2(RENAME_EXCHANGE), for swapping a phrasebook directory in one step.
    .target(name: "CSystemShims"),
    .target(
      name: "HuashuCore",
      dependencies: [
        "CPCRE2", "CSystemShims", "Yams", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "HeapModule", package: "swift-collections"),
      ],
      swiftSettings: upcomingFeatures
    ),
    // The HTTP server (`huashu serve`): routes, middleware and the pages it serves; the library
    // does the work.
    .target(
      name: "HuashuServer",
      dependencies: [
        "HuashuCore",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ],
      resources: [
        .embedInCode("Assets/panel.html"), .embedInCode("Assets/panel.js"),
        .embedInCode("Assets/editor.html"), .embedInCode("Assets/editor.js"),
        .embedInCode("Assets/huashu.css"), .embedInCode("Assets/huashu.js"),
      ],
      swiftSettings: upcomingFeatures
    ),
    // The team store on PostgreSQL (`--store postgres://…`): phrasebooks, usage, chats and
    // backups shared by many servers; the library decides what is stored and when.
    .target(
      name: "HuashuStore",
      dependencies: [
        "HuashuCore",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcomingFeatures
    ),
    .executableTarget(
      name: "huashu",
      dependencies: [
        "HuashuCore", "HuashuServer", "HuashuStore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: upcomingFeatures
    ),
    // One scratch directory per test process, shared by both test targets.
    .target(name: "TestScratch", path: "Tests/TestScratch", swiftSettings: upcomingFeatures),
    .testTarget(
      name: "HuashuCoreTests",
      dependencies: ["HuashuCore", "TestScratch"],
      resources: [.copy("Fixtures")],
      swiftSettings: upcomingFeatures
    ),
    .testTarget(
      name: "HuashuServerTests",
      dependencies: [
        "HuashuServer", "HuashuCore", "TestScratch",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      swiftSettings: upcomingFeatures
    ),
    .testTarget(
      name: "huashuTests",
      // HuashuCore for its SHA-256 (the digests of long golden outputs).
      dependencies: ["huashu", "HuashuCore", "TestScratch"],
      // Read from the source tree by path (`CLI.fixture`), as a user's files would be.
      exclude: ["Fixtures", "Golden"],
      swiftSettings: upcomingFeatures
    ),
  ],
  swiftLanguageModes: [.v6]
)
