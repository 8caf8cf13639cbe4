/// Many short ascending lists of distinct non-negative ids in one buffer, each id held as its gap
/// from the one before in 16 bits where the gap fits (nearly always), else in three 16-bit words.
///
/// The grouper holds every statement's bigram ids at once, and at a province's scale that list
/// is its highest mark. Ids of one statement's bigrams are spread over hundreds of thousands, but
/// a statement has a few dozen of them: the gaps between its ascending ids fit in 16 bits, half of
/// what an `Int32` per id costs. A list is read by decoding it into a caller's buffer.
struct GapLists: Sendable {
    /// The gaps, list after list. A gap below `escape` is one word; a larger one is `escape`
    /// followed by its high and low 16 bits.
    private(set) var words: [UInt16] = []
    /// Where each list ends in `words`; list `i` starts where list `i - 1` ends (the first at 0).
    private(set) var ends: [Int] = []
    /// The most ids any list holds: the room a buffer to decode into needs.
    private(set) var longest = 0

    static let escape: UInt16 = 0xFFFF

    init() {}

    /// Room for `lists` lists of `words` words in all.
    init(reservingLists lists: Int, words: Int) {
        ends.reserveCapacity(lists)
        self.words.reserveCapacity(words)
    }

    /// How many lists there are.
    var count: Int { ends.count }

    /// The gaps of `ids` (ascending, distinct, not negative) appended to `words`.
    static func encode<C: Collection>(_ ids: C, into words: inout [UInt16]) where C.Element == Int32 {
        var previous: Int32 = 0
        for id in ids {
            let gap = UInt32(bitPattern: id - previous)
            previous = id
            if gap < UInt32(escape) {
                words.append(UInt16(truncatingIfNeeded: gap))
            } else {
                words.append(escape)
                words.append(UInt16(truncatingIfNeeded: gap >> 16))
                words.append(UInt16(truncatingIfNeeded: gap))
            }
        }
    }

    /// Appends lists already encoded: `other` holds their words, `otherEnds` where each ends in it,
    /// `otherLongest` the most ids any of them holds.
    mutating func append(words other: [UInt16], ends otherEnds: [Int], longest otherLongest: Int) {
        let base = words.count
        words.append(contentsOf: other)
        ends.append(contentsOf: otherEnds.lazy.map { $0 + base })
        longest = max(longest, otherLongest)
    }

    /// The lists through unsafe buffers, for hot loops.
    func withUnsafeLists<R>(_ body: (UnsafeLists) throws -> R) rethrows -> R {
        try words.withUnsafeBufferPointer { words in
            try ends.withUnsafeBufferPointer { ends in try body(UnsafeLists(words: words, ends: ends, longest: longest)) }
        }
    }

    /// The lists of a `GapLists` while `withUnsafeLists` runs.
    struct UnsafeLists {
        let words: UnsafeBufferPointer<UInt16>
        let ends: UnsafeBufferPointer<Int>
        let longest: Int

        var count: Int { ends.count }

        /// List `index` decoded into `buffer` (room for `longest` ids); returns the ids written.
        func decode(_ index: Int, into buffer: UnsafeMutableBufferPointer<Int32>) -> UnsafeBufferPointer<Int32> {
            var at = index == 0 ? 0 : ends[index - 1]
            let end = ends[index]
            var written = 0
            var previous: UInt32 = 0
            while at < end {
                var gap = UInt32(words[at])
                at += 1
                if gap == UInt32(GapLists.escape) {
                    gap = UInt32(words[at]) << 16 | UInt32(words[at + 1])
                    at += 2
                }
                previous &+= gap
                buffer[written] = Int32(bitPattern: previous)
                written += 1
            }
            return UnsafeBufferPointer(rebasing: buffer[..<written])
        }
    }
}
