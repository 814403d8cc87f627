import Testing

@testable import HuashuCore

/// ``Swift/Array/concurrentMap(threads:makeState:_:)``: the order of the input, whatever the
/// number of threads, and one state per thread.
struct ConcurrentMapTests {
  @Test(arguments: [1, 2, 3, 7, 64])
  func keepsTheInputOrder(threads: Int) {
    let numbers = Array(0..<10_001)
    let squares = numbers.concurrentMap(threads: threads, makeState: {}) { number, _ in
      "\(number * number)"
    }
    #expect(squares == numbers.map { "\($0 * $0)" })
  }

  @Test func givesEachThreadItsOwnState() {
    // Each worker counts what it transformed: over two workers the counts restart once.
    let positions = Array(repeating: 0, count: 10).concurrentMap(threads: 2, makeState: { 0 }) {
      _, seen in
      seen += 1
      return seen
    }
    #expect(positions == [1, 2, 3, 4, 5, 1, 2, 3, 4, 5])
  }

  @Test func mapsNothingToNothing() {
    let empty: [Int] = []
    #expect(empty.concurrentMap(threads: 4, makeState: {}) { number, _ in number }.isEmpty)
  }
}
