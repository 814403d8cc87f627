/// Many short lists stored in one array, so that reading an element costs no reference count
/// (a `[[T]]` retains an inner array on every access).
struct FlatLists<Element: Sendable>: Sendable {
  /// List `i` is `elements[starts[i] ..< starts[i + 1]]`.
  private let starts: [Int32]
  private let elements: [Element]

  init(_ lists: [[Element]]) {
    var starts: [Int32] = [0]
    starts.reserveCapacity(lists.count + 1)
    var elements: [Element] = []
    for list in lists {
      elements.append(contentsOf: list)
      starts.append(Int32(elements.count))
    }
    self.starts = starts
    self.elements = elements
  }

  /// The number of lists.
  var count: Int { starts.count - 1 }

  /// Element `item` of list `list`.
  @inline(__always)
  subscript(list: Int, item: Int) -> Element { elements[Int(starts[list]) + item] }

  /// The positions of list `list`'s elements, for ``element(at:)``.
  @inline(__always)
  func positions(of list: Int) -> Range<Int> { Int(starts[list])..<Int(starts[list + 1]) }

  /// The element at a position from ``positions(of:)``.
  @inline(__always)
  func element(at position: Int) -> Element { elements[position] }
}
