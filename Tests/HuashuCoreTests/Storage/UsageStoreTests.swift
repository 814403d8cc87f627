import Foundation
import Testing

@testable import HuashuCore

struct UsageStoreTests {
  @Test func countsSurviveReopeningAndHomesAreSeparate() throws {
    let home = try TestSupport.temporaryDirectory(files: [:])
    let otherHome = try TestSupport.temporaryDirectory(files: [:])
    let path = home + "/nested/usage.sqlite"
    do {
      let store = try UsageStore(path: path)
      try store.recordAcceptance(of: "bargain.firm")
      try store.recordAcceptance(of: "bargain.firm")
      try store.recordAcceptance(of: "cod.confirm")
    }
    let reopened = try UsageStore(path: path)
    #expect(try reopened.acceptedCounts() == ["bargain.firm": 2, "cod.confirm": 1])
    let other = try UsageStore(path: otherHome + "/usage.sqlite")
    #expect(try other.acceptedCounts().isEmpty)
  }

  @Test func unwritableLocationIsAnErrorNamingThePath() {
    #expect {
      _ = try UsageStore(path: "/proc/huashu/usage.sqlite")
    } throws: { error in
      (error as? UsageStoreError)?.path == "/proc/huashu/usage.sqlite"
    }
  }
}
