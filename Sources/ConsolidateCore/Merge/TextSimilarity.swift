/// The folded form statements are compared on, and the bigram measures over it.
///
/// Widths, punctuation and white space are folded and digits masked, so two
/// copies of a statement that differ only in a number, a comma's width or a
/// unit's own name compare as equal.
public enum TextSimilarity {
    /// Folds `text` for comparison: widths, traditional characters and white space as
    /// ``TextFolding/fold(_:)-(StringProtocol)`` folds them, letters lower-cased, punctuation
    /// removed, every run of digits masked as `#`, and `names` (a unit's own name) removed.
    ///
    /// One pass over Unicode scalars (no grapheme stepping, no Foundation search): it runs for
    /// every statement of every unit.
    public static func fold(_ text: String, masking names: [String] = []) -> String {
        string(foldedScalars(text, masking: names))
    }

    /// `fold(text, masking: names)` as scalar values, for callers that go on to bigrams or keyword
    /// matching: no `String` is built.
    static func foldedScalars(_ text: String, masking names: [String] = []) -> [UInt32] {
        if names.contains(where: hasTwoScalars) {
            // (Decoded from the UTF-8 in one pass, not through the scalar view's iterator.)
            var scalars = text.scalarArray
            for name in names where hasTwoScalars(name) {
                scalars = removing(name.scalarArray, from: scalars)
            }
            return fold(scalars, capacity: scalars.count, mark: Int.max).folded
        }
        return fold(text.unicodeScalars, capacity: text.utf8.count / 3 + 8, mark: Int.max).folded
    }

    /// Whether `name` has two scalars or more (a name masked in a statement): told from its first two,
    /// not by counting every scalar of it for every statement.
    static func hasTwoScalars(_ name: String) -> Bool {
        var scalars = name.unicodeScalars.makeIterator()
        return scalars.next() != nil && scalars.next() != nil
    }

    /// `fold(text)` with how many scalars of it the first `mark` scalars of `text` fold to: the
    /// folded length of a prefix, without folding the prefix again (folding is scalar by scalar,
    /// so a prefix folds to a prefix of the whole).
    static func fold(_ text: String, markingAt mark: Int) -> (folded: String, marked: Int) {
        let (folded, marked) = fold(text.unicodeScalars, capacity: text.utf8.count / 3 + 8, mark: mark)
        return (string(folded), marked)
    }

    /// `fold(_:markingAt:)` as scalar values.
    static func foldedScalars(_ text: String, markingAt mark: Int) -> (folded: [UInt32], marked: Int) {
        fold(text.unicodeScalars, capacity: text.utf8.count / 3 + 8, mark: mark)
    }

    /// A string of scalar values (valid scalars, as folding makes them), encoded once.
    static func string(_ scalars: [UInt32]) -> String {
        var bytes = 0
        for value in scalars { bytes += value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4 }
        return String(unsafeUninitializedCapacity: bytes) { buffer in
            var at = 0
            for value in scalars {
                switch value {
                case ..<0x80:
                    buffer[at] = UInt8(truncatingIfNeeded: value); at += 1
                case ..<0x800:
                    buffer[at] = UInt8(truncatingIfNeeded: 0xC0 | value >> 6)
                    buffer[at + 1] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F); at += 2
                case ..<0x10000:
                    buffer[at] = UInt8(truncatingIfNeeded: 0xE0 | value >> 12)
                    buffer[at + 1] = UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F)
                    buffer[at + 2] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F); at += 3
                default:
                    buffer[at] = UInt8(truncatingIfNeeded: 0xF0 | value >> 18)
                    buffer[at + 1] = UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F)
                    buffer[at + 2] = UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F)
                    buffer[at + 3] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F); at += 4
                }
            }
            return at
        }
    }

    /// What folding does with one scalar of the Basic Multilingual Plane, worked out once from the
    /// Unicode properties: the scalar it becomes, or one of the marks below.
    private static let skipKeepingDigitRun: UInt32 = 0xFFFF_FFFF
    private static let digit: UInt32 = 0xFFFF_FFFE
    private static let skip: UInt32 = 0xFFFF_FFFD
    /// Folds to several scalars (a lower-case mapping of more than one): worked out per occurrence.
    private static let several: UInt32 = 0xFFFF_FFFC

    /// Per BMP scalar value, its folding (`several` also for the surrogate values, which are no scalars).
    private static let plane: [UInt32] = (0..<UInt32(0x10000)).map { value in
        guard let scalar = Unicode.Scalar(value) else { return TextSimilarity.several }
        var folded: [UInt32] = []
        switch TextSimilarity.foldOne(scalar, into: &folded) {
        case .skippedKeepingDigitRun: return TextSimilarity.skipKeepingDigitRun
        case .digit: return TextSimilarity.digit
        case .skipped: return TextSimilarity.skip
        case .appended: return folded.count == 1 ? folded[0] : TextSimilarity.several
        }
    }

    private enum Folding { case skippedKeepingDigitRun, digit, skipped, appended }

    /// One scalar folded by the rules of `fold`: what it became (appended to `result` where it stays).
    private static func foldOne(_ original: Unicode.Scalar, into result: inout [UInt32]) -> Folding {
        var scalar = original
        // CJK ideographs stay (in their simplified form), ASCII letters are lower-cased.
        switch scalar.value {
        case 0x4E00...0x9FFF:
            result.append((TraditionalChinese.simplified(scalar.value) ?? scalar).value)
            return .appended
        case 0x61...0x7A:
            result.append(scalar.value)
            return .appended
        case 0xFF01...0xFF5E:
            // Full-width ASCII to ASCII (the value stays in range: 0x21...0x7E).
            scalar = Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
        case 0xFEFF:
            return .skippedKeepingDigitRun
        default:
            break
        }
        if scalar.properties.isWhitespace { return .skippedKeepingDigitRun }
        if (0x41...0x5A).contains(scalar.value) {
            result.append(scalar.value + 0x20)
            return .appended
        }
        if scalar.properties.numericType != nil && !scalar.properties.isIdeographic { return .digit }
        if scalar.properties.generalCategory.isPunctuationOrSymbol { return .skipped }
        for lower in scalar.properties.lowercaseMapping.unicodeScalars { result.append(lower.value) }
        return .appended
    }

    /// Folds `scalars`; `capacity` bounds the folded length (a scalar folds to at most one, but
    /// for the rare multi-scalar lower-case mappings, which simply grow the array).
    private static func fold<Scalars: Sequence>(_ scalars: Scalars, capacity: Int, mark: Int) -> (folded: [UInt32], marked: Int)
    where Scalars.Element == Unicode.Scalar {
        var result: [UInt32] = []
        result.reserveCapacity(capacity)
        var lastWasDigit = false
        // -1: `mark` not reached (at or past the end): the whole folded length.
        var marked = -1
        var offset = 0
        plane.withUnsafeBufferPointer { plane in
            for original in scalars {
                if offset == mark { marked = result.count }
                offset += 1
                let value = original.value
                var action = value < 0x10000 ? plane[Int(value)] : several
                if action == several {
                    switch foldOne(original, into: &result) {
                    case .skippedKeepingDigitRun: continue
                    case .digit: action = digit
                    case .skipped, .appended:
                        lastWasDigit = false
                        continue
                    }
                }
                switch action {
                case skipKeepingDigitRun:
                    continue
                case digit:
                    if !lastWasDigit { result.append(0x23) }
                    lastWasDigit = true
                case skip:
                    lastWasDigit = false
                default:
                    result.append(action)
                    lastWasDigit = false
                }
            }
        }
        return (result, marked < 0 ? result.count : marked)
    }

    /// `scalars` without the non-overlapping occurrences of `name`, found left to right.
    static func removing(_ name: [Unicode.Scalar], from scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard let first = name.first, scalars.count >= name.count else { return scalars }
        // Most statements do not name their unit: found so without building another array.
        func matches(at index: Int) -> Bool {
            scalars[index] == first && index + name.count <= scalars.count && scalars[index..<(index + name.count)].elementsEqual(name)
        }
        guard let found = scalars.indices.first(where: matches) else { return scalars }
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        result.append(contentsOf: scalars[..<found])
        var index = found
        while index < scalars.count {
            if matches(at: index) {
                index += name.count
                continue
            }
            result.append(scalars[index])
            index += 1
        }
        return result
    }

    /// The distinct character bigrams of a folded text, as 64-bit keys in ascending order.
    ///
    /// A sorted array rather than a `Set`: built once per statement, compared by one merge pass
    /// (no hashing, no allocation per comparison), and the same in every process.
    public static func bigrams(_ folded: String) -> [UInt64] {
        bigrams(folded.unicodeScalars.map(\.value))
    }

    /// `bigrams` of folded scalar values.
    static func bigrams(_ folded: [UInt32]) -> [UInt64] {
        guard let first = folded.first else { return [] }
        guard folded.count > 1 else { return [UInt64(first)] }
        var keys = [UInt64](repeating: 0, count: folded.count - 1)
        for index in 1..<folded.count {
            keys[index - 1] = UInt64(folded[index - 1]) << 32 | UInt64(folded[index])
        }
        return sortedUnique(keys)
    }

    /// `values` in ascending order with repeats removed, sorted in place (no set, no hashing).
    ///
    /// A whole report's bigrams (thousands) are sorted by radix, a byte a pass, passes over a byte
    /// every key shares skipped (a bigram of two BMP scalars varies in four of its eight bytes);
    /// a statement's few by the standard library's sort.
    static func sortedUnique(_ values: [UInt64]) -> [UInt64] {
        var values = values
        if values.count >= radixMinimum { radixSort(&values) } else { values.sort() }
        var unique = 0
        for value in values where unique == 0 || values[unique - 1] != value {
            values[unique] = value
            unique += 1
        }
        values.removeLast(values.count - unique)
        return values
    }

    /// From this many keys `sortedUnique` sorts by radix.
    static let radixMinimum = 256

    /// `values` in ascending order: least significant byte first, each pass a stable counting
    /// sort, a pass skipped where every key has the same byte there. The same order as `sort()`.
    static func radixSort(_ values: inout [UInt64]) {
        let count = values.count
        guard count > 1 else { return }
        // All eight bytes' histograms in one pass.
        var histogram = [Int](repeating: 0, count: 8 * 256)
        values.withUnsafeBufferPointer { keys in
            histogram.withUnsafeMutableBufferPointer { counts in
                for key in keys {
                    var rest = key
                    for byte in 0..<8 {
                        counts[byte << 8 | Int(truncatingIfNeeded: rest & 0xFF)] += 1
                        rest >>= 8
                    }
                }
            }
        }
        var scratch = [UInt64](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { values in
            scratch.withUnsafeMutableBufferPointer { scratch in
                histogram.withUnsafeBufferPointer { histogram in
                    var (source, target) = (values, scratch)
                    var offsets = [Int](repeating: 0, count: 256)
                    for byte in 0..<8 {
                        let shift = UInt64(byte * 8)
                        let base = byte << 8
                        // One key's byte stands for all: where every key has it, nothing moves.
                        let sample = Int(truncatingIfNeeded: (source[0] >> shift) & 0xFF)
                        if histogram[base + sample] == count { continue }
                        offsets.withUnsafeMutableBufferPointer { offsets in
                            var total = 0
                            for digit in 0..<256 {
                                offsets[digit] = total
                                total += histogram[base + digit]
                            }
                            for key in source {
                                let digit = Int(truncatingIfNeeded: (key >> shift) & 0xFF)
                                target[offsets[digit]] = key
                                offsets[digit] += 1
                            }
                        }
                        swap(&source, &target)
                    }
                    // The keys ended in the scratch buffer: back into `values`.
                    if source.baseAddress != values.baseAddress {
                        for index in 0..<count { values[index] = source[index] }
                    }
                }
            }
        }
    }

    /// The number of keys two ascending arrays share (one merge pass).
    @inlinable
    public static func shared<T: Comparable>(_ a: [T], _ b: [T]) -> Int {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in shared(a, b) } }
    }

    /// `shared` of two ascending, distinct buffers.
    @inlinable
    public static func shared<T: Comparable>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>) -> Int {
        var (i, j, count) = (0, 0, 0)
        while i < a.count && j < b.count {
            if a[i] == b[j] { count += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return count
    }

    /// `shared(a, b)` where it is at least `least`; nil as soon as the values left cannot make it so
    /// (a pair judged and found apart is mostly walked only until then).
    @inlinable
    public static func shared<T: Comparable>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>, atLeast least: Int) -> Int? {
        guard least <= min(a.count, b.count) else { return nil }
        var (i, j, count) = (0, 0, 0)
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                count += 1; i += 1; j += 1
                continue
            }
            if a[i] < b[j] { i += 1 } else { j += 1 }
            if count + min(a.count - i, b.count - j) < least { return nil }
        }
        return count >= least ? count : nil
    }

    /// `shared(_:_:atLeast:)` of two ascending, distinct arrays.
    public static func shared<T: Comparable>(_ a: [T], _ b: [T], atLeast least: Int) -> Int? {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in shared(a, b, atLeast: least) } }
    }

    /// Dice coefficient of two bigram arrays (ascending, distinct): 2·|A∩B| / (|A|+|B|).
    public static func dice(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        return 2 * Double(shared(a, b)) / Double(a.count + b.count)
    }

    /// The share of the smaller array's bigrams found in the larger: catches a copy that adds a prefix.
    public static func containment(_ a: [UInt64], _ b: [UInt64]) -> Double {
        let small = min(a.count, b.count)
        guard small > 0 else { return 0 }
        return Double(shared(a, b)) / Double(small)
    }
}

extension Unicode.GeneralCategory {
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
