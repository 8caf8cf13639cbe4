/// Many short lists in one buffer: list `i` is `values[ends[i - 1]..<ends[i]]`.
///
/// A statement's bigram ids or folded wording is a few dozen values. As an array each, every
/// list costs an allocation with its header and the allocator's rounding besides its values,
/// which for two million statements (a province) is hundreds of megabytes; here all of them
/// cost one buffer and an end offset each.
struct FlatLists<Element: BitwiseCopyable & Sendable>: Sendable {
    private(set) var values: [Element] = []
    /// Where each list ends in `values`; list `i` starts where list `i - 1` ends (the first at 0).
    private(set) var ends: [Int] = []

    init() {}

    /// Room for `lists` lists of `values` values in all.
    init(reservingLists lists: Int, values: Int) {
        ends.reserveCapacity(lists)
        self.values.reserveCapacity(values)
    }

    /// The lists of `values` that end at `ends` (ascending, the last at most `values.count`),
    /// copied into buffers of their exact size: a list made by appending keeps its spare room.
    init(values: [Element], ends: [Int]) {
        self.values = Self.exact(values)
        self.ends = Self.exact(ends)
    }

    /// `array` in a buffer of its exact size. An empty one is `[]`: `init(unsafeUninitializedCapacity:)`
    /// with no room sets the count of the one empty array storage every thread shares (a race
    /// ThreadSanitizer reports where lists are made on several cores).
    private static func exact<Value>(_ array: [Value]) -> [Value] {
        guard !array.isEmpty else { return [] }
        return Array(unsafeUninitializedCapacity: array.count) { buffer, count in
            _ = buffer.initialize(from: array)
            count = array.count
        }
    }

    /// How many lists there are.
    var count: Int { ends.count }

    /// List `index`, as a slice of the buffer (for callers outside hot loops).
    subscript(index: Int) -> ArraySlice<Element> {
        values[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Appends one list.
    mutating func append<S: Sequence>(_ list: S) where S.Element == Element {
        values.append(contentsOf: list)
        ends.append(values.count)
    }

    /// Appends the lists of `values` that end at `ends` (as in `init(values:ends:)`), in order.
    mutating func append(values other: [Element], ends otherEnds: [Int]) {
        let base = values.count
        values.append(contentsOf: other)
        ends.append(contentsOf: otherEnds.lazy.map { $0 + base })
    }

    /// The lists through unsafe buffers, for hot loops: no retain, release or bounds check per list.
    func withUnsafeLists<R>(_ body: (UnsafeLists) throws -> R) rethrows -> R {
        try values.withUnsafeBufferPointer { values in
            try ends.withUnsafeBufferPointer { ends in try body(UnsafeLists(values: values, ends: ends)) }
        }
    }

    /// The lists of a `FlatLists` while `withUnsafeLists` runs.
    struct UnsafeLists {
        let values: UnsafeBufferPointer<Element>
        let ends: UnsafeBufferPointer<Int>

        var count: Int { ends.count }

        subscript(index: Int) -> UnsafeBufferPointer<Element> {
            let start = index == 0 ? 0 : ends[index - 1]
            return UnsafeBufferPointer(rebasing: values[start..<ends[index]])
        }
    }
}

extension FlatLists where Element == UInt8 {
    /// Appends one list: the UTF-8 of `scalars`, valid scalar values.
    mutating func appendUTF8(_ scalars: [UInt32]) {
        var list: [UInt8] = []
        list.reserveCapacity(scalars.count * 3)
        for value in scalars {
            switch value {
            case ..<0x80:
                list.append(UInt8(truncatingIfNeeded: value))
            case ..<0x800:
                list.append(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
                list.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
            case ..<0x10000:
                list.append(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
                list.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
                list.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
            default:
                list.append(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
                list.append(UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F))
                list.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
                list.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
            }
        }
        append(list)
    }
}
