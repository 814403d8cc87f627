extension Sequence {
  /// The elements in arrays of at most `size`, read lazily one batch at a time.
  public func batches(of size: Int) -> UnfoldSequence<[Element], Iterator> {
    sequence(state: makeIterator()) { iterator in
      var batch: [Element] = []
      while batch.count < size, let next = iterator.next() { batch.append(next) }
      return batch.isEmpty ? nil : batch
    }
  }
}
