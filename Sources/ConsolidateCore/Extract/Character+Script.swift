/// Script classes of characters the readers test often.
extension Character {
    /// `0`–`9` in ASCII or full width.
    var isASCIIDigitOrFullWidth: Bool {
        guard let scalar = unicodeScalars.first, unicodeScalars.count == 1 else { return false }
        return (0x30...0x39).contains(scalar.value) || (0xFF10...0xFF19).contains(scalar.value)
    }

    /// A Chinese character (CJK unified ideographs).
    var isHan: Bool {
        guard let scalar = unicodeScalars.first else { return false }
        return (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }

    var isASCIILetter: Bool {
        guard let scalar = unicodeScalars.first, unicodeScalars.count == 1 else { return false }
        return (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }
}

/// The same classes for one scalar: the per-line readers work on scalar arrays, where a test
/// costs a comparison of integers rather than of grapheme clusters.
extension Unicode.Scalar {
    /// `0`–`9` in ASCII or full width.
    var isASCIIDigitOrFullWidth: Bool {
        (0x30...0x39).contains(value) || (0xFF10...0xFF19).contains(value)
    }

    /// A Chinese character (CJK unified ideographs).
    var isHan: Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
    }

    var isASCIILetter: Bool {
        (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }

    /// The digit's value (`3` for `3` or `３`), or nil.
    var digitValue: Int? {
        switch value {
        case 0x30...0x39: Int(value - 0x30)
        case 0xFF10...0xFF19: Int(value - 0xFF10)
        default: nil
        }
    }
}
