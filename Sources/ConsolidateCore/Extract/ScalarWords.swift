/// A vocabulary compiled once for matching at a position of a scalar array: which of its words
/// starts at an index, or ends at one, longest first — without building a String per test.
struct ScalarWords: Sendable {
    private let byFirst: [Unicode.Scalar: [[Unicode.Scalar]]]
    private let byLast: [Unicode.Scalar: [[Unicode.Scalar]]]
    /// The first and last scalars of the words: most scalars of a text open no word, and are
    /// told so without hashing them.
    private let firstBits: ScalarBits
    private let lastBits: ScalarBits

    init(_ words: some Sequence<String>) {
        var byFirst: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        var byLast: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        for word in Set(words) {
            let scalars = Array(word.unicodeScalars)
            guard let first = scalars.first, let last = scalars.last else { continue }
            byFirst[first, default: []].append(scalars)
            byLast[last, default: []].append(scalars)
        }
        let longestFirst: ([Unicode.Scalar], [Unicode.Scalar]) -> Bool = {
            $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) { $0.value < $1.value }
        }
        self.byFirst = byFirst.mapValues { $0.sorted(by: longestFirst) }
        self.byLast = byLast.mapValues { $0.sorted(by: longestFirst) }
        firstBits = ScalarBits(byFirst.keys)
        lastBits = ScalarBits(byLast.keys)
    }

    /// The length of the longest word that starts at `start` in `text`, or nil.
    func prefixLength(_ text: [Unicode.Scalar], at start: Int) -> Int? {
        guard start >= 0, start < text.count, firstBits.mayContain(text[start]),
              let candidates = byFirst[text[start]] else { return nil }
        for word in candidates where start + word.count <= text.count {
            var index = 1
            while index < word.count && text[start + index] == word[index] { index += 1 }
            if index == word.count { return word.count }
        }
        return nil
    }

    /// The length of the longest word that ends just before `end` in `text`, or nil.
    func suffixLength(_ text: [Unicode.Scalar], endingAt end: Int) -> Int? {
        guard end > 0, end <= text.count, lastBits.mayContain(text[end - 1]),
              let candidates = byLast[text[end - 1]] else { return nil }
        for word in candidates where word.count <= end {
            var index = 1
            while index < word.count && text[end - 1 - index] == word[word.count - 1 - index] { index += 1 }
            if index == word.count { return word.count }
        }
        return nil
    }

    /// Every length of a word that starts at `start` in `text`, longest first.
    func lengths(_ text: [Unicode.Scalar], at start: Int) -> [Int] {
        guard start >= 0, start < text.count, firstBits.mayContain(text[start]),
              let candidates = byFirst[text[start]] else { return [] }
        return candidates.compactMap { word in
            guard start + word.count <= text.count else { return nil }
            var index = 1
            while index < word.count && text[start + index] == word[index] { index += 1 }
            return index == word.count ? word.count : nil
        }
    }

    /// Where the first word occurring in `text` starts (in scalars), or nil.
    func firstOffset(in text: [Unicode.Scalar]) -> Int? {
        text.indices.first { prefixLength(text, at: $0) != nil }
    }

    /// Whether one of the words occurs anywhere in `text`.
    func occurs(in text: [Unicode.Scalar]) -> Bool { firstOffset(in: text) != nil }

    /// Whether `text` starts with one of the words.
    func starts(_ text: [Unicode.Scalar]) -> Bool { prefixLength(text, at: 0) != nil }

    /// Whether `text` ends with one of the words.
    func ends(_ text: [Unicode.Scalar]) -> Bool { suffixLength(text, endingAt: text.count) != nil }
}

/// A set of scalars that answers "certainly not in it" by one bit test (bit `value % 1024`):
/// put before a hashed lookup keyed by scalar, which most scalars of a text would miss.
struct ScalarBits: Sendable {
    private var bits = [UInt64](repeating: 0, count: 16)

    init(_ scalars: some Sequence<Unicode.Scalar>) {
        for scalar in scalars { bits[Int((scalar.value >> 6) & 15)] |= 1 << UInt64(scalar.value & 63) }
    }

    /// False only where `scalar` is not in the set.
    func mayContain(_ scalar: Unicode.Scalar) -> Bool {
        bits[Int((scalar.value >> 6) & 15)] & (1 << UInt64(scalar.value & 63)) != 0
    }
}

extension String {
    var scalarArray: [Unicode.Scalar] { Array(unicodeScalars) }
}

extension String {
    /// The text of `scalars`, encoded to UTF-8 in one buffer: appending scalars to a view one
    /// by one checks capacity and re-encodes at each, and the readers build many short strings.
    init(scalars: some Collection<Unicode.Scalar>) {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var end = 0
            for scalar in scalars {
                let value = scalar.value
                switch value {
                case ..<0x80:
                    buffer[end] = UInt8(truncatingIfNeeded: value)
                    end += 1
                case ..<0x800:
                    buffer[end] = UInt8(truncatingIfNeeded: 0xC0 | value >> 6)
                    buffer[end + 1] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
                    end += 2
                case ..<0x1_0000:
                    buffer[end] = UInt8(truncatingIfNeeded: 0xE0 | value >> 12)
                    buffer[end + 1] = UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F)
                    buffer[end + 2] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
                    end += 3
                default:
                    buffer[end] = UInt8(truncatingIfNeeded: 0xF0 | value >> 18)
                    buffer[end + 1] = UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F)
                    buffer[end + 2] = UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F)
                    buffer[end + 3] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
                    end += 4
                }
            }
            return end
        }
    }
}

extension Array where Element == Unicode.Scalar {
    var string: String { String(scalars: self) }
}

extension ArraySlice where Element == Unicode.Scalar {
    var string: String { String(scalars: self) }
}
