extension Sequence {
    /// The first `count` elements of `sorted(by: areInIncreasingOrder)`, in that order, without sorting
    /// them all: a total's few largest figures out of a province's hundred thousand contributions.
    /// Elements that neither precedes keep their order, as in `sorted(by:)`.
    func firsts(_ count: Int, by areInIncreasingOrder: (Element, Element) throws -> Bool) rethrows -> [Element] {
        guard count > 0 else { return [] }
        var kept: [Element] = []
        kept.reserveCapacity(count)
        for element in self {
            if kept.count == count {
                guard try areInIncreasingOrder(element, kept[count - 1]) else { continue }
                kept.removeLast()
            }
            // After every kept element it does not precede: its place in a stable sort.
            var low = 0, high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if try areInIncreasingOrder(element, kept[middle]) { high = middle } else { low = middle + 1 }
            }
            kept.insert(element, at: low)
        }
        return kept
    }
}
