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
    /// The scalar whose UTF-8 starts at `i` of a `String`'s valid UTF-8; moves `i` past it.
    @inline(__always)
    static func decodeScalar(_ utf8: UnsafeBufferPointer<UInt8>, at i: inout Int) -> Unicode.Scalar {
        let lead = UInt32(utf8[i])
        var value: UInt32
        if lead < 0x80 {
            value = lead
            i += 1
        } else if lead < 0xE0 {
            value = (lead & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
            i += 2
        } else if lead < 0xF0 {
            value = (lead & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
            i += 3
        } else {
            value = (lead & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6
                | UInt32(utf8[i + 3] & 0x3F)
            i += 4
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// The string's scalars in an array, decoded from its UTF-8 in one pass: `Array(unicodeScalars)`
    /// walks the text twice (once to count it) and steps a view index per scalar, and the
    /// readers turn nearly every line into scalars.
    var scalarArray: [Unicode.Scalar] {
        guard !isEmpty else { return [] }
        var text = self
        return text.withUTF8 { utf8 in
            // Room reserved, then appended to: both are specialised in this module. The standard
            // library's `init(unsafeUninitializedCapacity:)` is not, and looks the array storage's
            // type up in the runtime's metadata cache on every call (about 1 % of a run's CPU).
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(utf8.count)
            // (A String's UTF-8 is valid: every sequence is complete and decodes to a scalar.)
            var i = 0
            while i < utf8.count { scalars.append(Self.decodeScalar(utf8, at: &i)) }
            return scalars
        }
    }

    /// Whether the string has at most `limit` characters, counting no further than one past it:
    /// `count <= limit` without walking a long paragraph to its end.
    func hasAtMost(_ limit: Int) -> Bool {
        // A character is at least one UTF-8 byte.
        if utf8.count <= limit { return true }
        // Scalars that each form a character alone are counted as characters without a
        // grapheme-break test per scalar; the first other scalar sends the count to the walk.
        var count = 0
        for scalar in unicodeScalars {
            guard scalar.formsCharacterAlone else { return hasAtMostCharacters(limit) }
            count += 1
            if count > limit { return false }
        }
        return true
    }

    /// `hasAtMost` walked character by character: the reference the scalar count keeps to.
    func hasAtMostCharacters(_ limit: Int) -> Bool {
        var count = 0
        for _ in self {
            count += 1
            if count > limit { return false }
        }
        return true
    }
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

extension String {
    /// The scalars of the string without the white space (U+FEFF included) that
    /// `trimmingWhitespace()` removes at its ends, or nil where more than `limit` remain:
    /// a reader that only wants short lines looks at no more of a paragraph than that.
    func trimmedScalars(limit: Int) -> [Unicode.Scalar]? {
        let view = unicodeScalars
        let keep: (Unicode.Scalar) -> Bool = { !$0.isWhiteSpaceScalar && $0 != "\u{FEFF}" }
        guard let first = view.firstIndex(where: keep), let last = view.lastIndex(where: keep) else { return [] }
        var result: [Unicode.Scalar] = []
        var index = first
        while true {
            result.append(view[index])
            if result.count > limit { return nil }
            if index == last { return result }
            index = view.index(after: index)
        }
    }
}

extension RandomAccessCollection where Element == Unicode.Scalar, Index == Int {
    /// Where `word` first occurs (an index of the collection), or nil: a plain scan of
    /// scalars, for the short lines and words the readers search.
    func firstOffset(of word: [Unicode.Scalar]) -> Int? {
        guard let head = word.first, word.count <= count else { return nil }
        var start = startIndex
        let lastStart = endIndex - word.count
        while start <= lastStart {
            if self[start] == head {
                var offset = 1
                while offset < word.count && self[start + offset] == word[offset] { offset += 1 }
                if offset == word.count { return start }
            }
            start += 1
        }
        return nil
    }

    /// Whether `word` occurs in the scalars.
    func contains(word: [Unicode.Scalar]) -> Bool { firstOffset(of: word) != nil }

    /// The scalars without white space (U+FEFF included) at their ends.
    func trimmingWhiteSpaceScalars() -> SubSequence {
        let keep: (Unicode.Scalar) -> Bool = { !$0.isWhiteSpaceScalar && $0 != "\u{FEFF}" }
        guard let first = firstIndex(where: keep), let last = lastIndex(where: keep) else { return self[endIndex...] }
        return self[first...last]
    }
}

/// A small set of scalars (punctuation, particles) asked about nearly every scalar of a text:
/// one bit test answers most questions, a scan of a few values the rest — no hashing per scalar.
struct ScalarSet: Sendable, ExpressibleByArrayLiteral {
    private let bits: ScalarBits
    private let values: [UInt32]

    init(_ scalars: some Sequence<Unicode.Scalar>) {
        values = Array(Set(scalars.map(\.value))).sorted()
        bits = ScalarBits(values.compactMap(Unicode.Scalar.init))
    }

    init(arrayLiteral elements: Unicode.Scalar...) { self.init(elements) }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        bits.mayContain(scalar) && values.contains(scalar.value)
    }
}

extension String {
    /// How many scalars of the string pass `test`, given the scalar before each (nil for the first),
    /// counting no further than `limit`: decoded from its UTF-8 in place, without building the
    /// array `scalarArray` builds.
    ///
    /// A paragraph-splitting pass that finds nothing to split in most paragraphs asks this first
    /// and builds the paragraph's scalars only where the answer says it may split.
    @inline(__always)
    func countScalars(upTo limit: Int, where test: (_ previous: Unicode.Scalar?, _ scalar: Unicode.Scalar) -> Bool) -> Int {
        var text = self
        return text.withUTF8 { utf8 in
            var count = 0
            var previous: Unicode.Scalar?
            var i = 0
            while i < utf8.count {
                // (As `scalarArray` decodes: a String's UTF-8 is valid.)
                let scalar = Self.decodeScalar(utf8, at: &i)
                if test(previous, scalar) {
                    count += 1
                    if count >= limit { return count }
                }
                previous = scalar
            }
            return count
        }
    }
}
