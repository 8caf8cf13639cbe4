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
        for name in names where name.count >= 2 {
            source = source.replacingOccurrences(of: name, with: "")
        }
        var result = ""
        result.reserveCapacity(source.utf8.count)
        var lastWasDigit = false
        for scalar in TextFolding.fold(source).unicodeScalars {
            // The common cases without looking up Unicode properties: CJK ideographs stay,
            // ASCII letters are lower-cased (what the general rule below does to them too).
            switch scalar.value {
            case 0x4E00...0x9FFF, 0x61...0x7A:
                result.unicodeScalars.append(scalar)
                lastWasDigit = false
                continue
            case 0x41...0x5A:
                result.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20)!)
                lastWasDigit = false
                continue
            default:
                break
            }
            if scalar.properties.numericType != nil && !scalar.properties.isIdeographic {
                if !lastWasDigit { result.append("#") }
                lastWasDigit = true
                continue
            }
            lastWasDigit = false
            if scalar.properties.generalCategory.isPunctuationOrSymbol { continue }
            result.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return result
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
