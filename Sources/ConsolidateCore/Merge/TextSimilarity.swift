/// The folded form statements are compared on, and the bigram measures over it.
///
/// Widths, punctuation and white space are folded and digits masked, so two
/// copies of a statement that differ only in a number, a comma's width or a
/// unit's own name compare as equal.
public enum TextSimilarity {
    /// Folds `text` for comparison: widths and white space as ``TextFolding/fold(_:)-(StringProtocol)``
    /// folds them, letters lower-cased, punctuation removed, every run of digits masked as `#`,
    /// and `names` (a unit's own name) removed.
    public static func fold(_ text: String, masking names: [String] = []) -> String {
        var source = text
        // (Foundation's replacement only where the name occurs: most statements do not hold it)
        for name in names where name.count >= 2 && containsBytes(source, name) {
            source = source.replacingOccurrences(of: name, with: "")
        }
        var result = String.UnicodeScalarView()
        var lastWasDigit = false
        for scalar in TextFolding.fold(source).unicodeScalars {
            switch scalarClass(scalar) {
            case .kept:
                result.append(scalar)
                lastWasDigit = false
            case .digit:
                if !lastWasDigit { result.append("#") }
                lastWasDigit = true
            case .dropped:
                lastWasDigit = false
            case .lowercased:
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                lastWasDigit = false
            }
        }
        return String(result)
    }

    /// What ``fold(_:masking:)`` does with a scalar.
    private enum ScalarClass: UInt8 {
        /// Appended as it is (a CJK ideograph, a lower-case letter).
        case kept
        /// Masked: one `#` for a run of them (a digit, a numeric sign that is no ideograph).
        case digit
        /// Left out (punctuation and symbols).
        case dropped
        /// Appended in lower case.
        case lowercased
    }

    /// The class of every scalar of the Basic Multilingual Plane, from its Unicode properties,
    /// worked out once: the fold of every statement then costs a table lookup per scalar.
    private static let basicPlaneClasses: [ScalarClass] = (0..<0x10000).map { value in
        Unicode.Scalar(UInt32(value)).map(classify) ?? .kept
    }

    private static func scalarClass(_ scalar: Unicode.Scalar) -> ScalarClass {
        scalar.value < 0x10000 ? basicPlaneClasses[Int(scalar.value)] : classify(scalar)
    }

    private static func classify(_ scalar: Unicode.Scalar) -> ScalarClass {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x61...0x7A: return .kept
        case 0x41...0x5A: return .lowercased
        default: break
        }
        if scalar.properties.numericType != nil && !scalar.properties.isIdeographic { return .digit }
        if scalar.properties.generalCategory.isPunctuationOrSymbol { return .dropped }
        return scalar.properties.lowercaseMapping == String(scalar) ? .kept : .lowercased
    }

    /// Whether `needle`'s UTF-8 bytes occur in `haystack`'s (a name is found whole or not at all).
    static func containsBytes(_ haystack: String, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        let bytes = Array(haystack.utf8)
        guard bytes.count >= pattern.count else { return false }
        var index = 0
        while index <= bytes.count - pattern.count {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }

    /// The set of character bigrams of a folded text, as 64-bit keys.
    public static func bigrams(_ folded: String) -> Set<UInt64> {
        let scalars = Array(folded.unicodeScalars)
        guard scalars.count >= 2 else {
            return scalars.isEmpty ? [] : [UInt64(scalars[0].value)]
        }
        var set = Set<UInt64>()
        set.reserveCapacity(scalars.count)
        for index in 0..<(scalars.count - 1) {
            set.insert(UInt64(scalars[index].value) << 32 | UInt64(scalars[index + 1].value))
        }
        return set
    }

    /// Dice coefficient of two bigram sets: 2·|A∩B| / (|A|+|B|).
    public static func dice(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        let shared = a.count < b.count ? a.intersection(b).count : b.intersection(a).count
        return 2 * Double(shared) / Double(a.count + b.count)
    }

    /// The share of the smaller set's bigrams found in the larger: catches a copy that adds a prefix.
    public static func containment(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        guard !small.isEmpty else { return 0 }
        return Double(small.intersection(large).count) / Double(small.count)
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
