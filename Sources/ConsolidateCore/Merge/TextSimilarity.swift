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
        var scalars = Array(text.unicodeScalars)
        for name in names where name.unicodeScalars.count >= 2 {
            scalars = removing(Array(name.unicodeScalars), from: scalars)
        }
        return fold(scalars, mark: Int.max).folded
    }

    /// `fold(text)` with how many scalars of it the first `mark` scalars of `text` fold to: the
    /// folded length of a prefix, without folding the prefix again (folding is scalar by scalar,
    /// so a prefix folds to a prefix of the whole).
    static func fold(_ text: String, markingAt mark: Int) -> (folded: String, marked: Int) {
        fold(Array(text.unicodeScalars), mark: mark)
    }

    private static func fold(_ scalars: [Unicode.Scalar], mark: Int) -> (folded: String, marked: Int) {
        var result = String.UnicodeScalarView()
        result.reserveCapacity(scalars.count)
        var lastWasDigit = false
        // Scalars appended so far (a scalar view counts itself only by walking it).
        var appended = 0
        var marked = mark >= scalars.count ? -1 : 0
        for (offset, original) in scalars.enumerated() {
            if offset == mark { marked = appended }
            var scalar = original
            // The common cases without looking up Unicode properties: CJK ideographs stay (in their
            // simplified form), ASCII letters are lower-cased.
            switch scalar.value {
            case 0x4E00...0x9FFF:
                result.append(TraditionalChinese.simplified(scalar.value) ?? scalar)
                appended += 1
                lastWasDigit = false
                continue
            case 0x61...0x7A:
                result.append(scalar)
                appended += 1
                lastWasDigit = false
                continue
            case 0xFF01...0xFF5E:
                // Full-width ASCII to ASCII (the value stays in range: 0x21...0x7E).
                scalar = Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
            case 0xFEFF:
                continue
            default:
                break
            }
            if scalar.properties.isWhitespace { continue }
            if (0x41...0x5A).contains(scalar.value) {
                result.append(Unicode.Scalar(scalar.value + 0x20) ?? scalar)
                appended += 1
                lastWasDigit = false
                continue
            }
            if scalar.properties.numericType != nil && !scalar.properties.isIdeographic {
                if !lastWasDigit {
                    result.append("#")
                    appended += 1
                }
                lastWasDigit = true
                continue
            }
            lastWasDigit = false
            if scalar.properties.generalCategory.isPunctuationOrSymbol { continue }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            result.append(contentsOf: lower)
            appended += lower.count
        }
        return (String(result), marked < 0 ? appended : marked)
    }

    /// `scalars` without the non-overlapping occurrences of `name`, found left to right.
    static func removing(_ name: [Unicode.Scalar], from scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard let first = name.first, scalars.count >= name.count else { return scalars }
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            if scalars[index] == first, index + name.count <= scalars.count,
               scalars[index..<(index + name.count)].elementsEqual(name) {
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
        var keys: [UInt64] = []
        keys.reserveCapacity(folded.utf8.count / 3 + 1)
        var previous: UInt32?
        for scalar in folded.unicodeScalars {
            if let previous { keys.append(UInt64(previous) << 32 | UInt64(scalar.value)) }
            previous = scalar.value
        }
        if keys.isEmpty { return previous.map { [UInt64($0)] } ?? [] }
        return sortedUnique(keys)
    }

    /// `values` in ascending order with repeats removed, sorted in place (no set, no hashing).
    static func sortedUnique(_ values: [UInt64]) -> [UInt64] {
        var values = values
        values.sort()
        var unique = 0
        for value in values where unique == 0 || values[unique - 1] != value {
            values[unique] = value
            unique += 1
        }
        values.removeLast(values.count - unique)
        return values
    }

    /// The number of keys two ascending arrays share (one merge pass).
    @inlinable
    public static func shared<T: Comparable>(_ a: [T], _ b: [T]) -> Int {
        var (i, j, count) = (0, 0, 0)
        while i < a.count && j < b.count {
            if a[i] == b[j] { count += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return count
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
