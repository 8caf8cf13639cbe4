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

extension Unicode.Scalar {
    /// `properties.isWhitespace` by value: the 25 scalars of Unicode's White_Space property.
    ///
    /// The property lookup goes through the standard library's property tables on every call;
    /// the per-scalar loops of the readers ask this for most scalars of a document.
    var isWhiteSpaceScalar: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is certain to be a character of its own beside any other such scalar:
    /// ASCII and Latin-1 (CR aside, which joins a following LF), general punctuation (`“”…—`),
    /// CJK punctuation before the combining tone marks, Chinese characters and full-width forms.
    ///
    /// No rule of Unicode's grapheme clustering (UAX #29) joins two of these, so a text made of
    /// them has as many characters as scalars, and a cut between two of them never splits a
    /// character: character-level work (counting, trimming) can be done on scalars. Anything
    /// else (combining marks, ZWJ, Hangul jamo, regional indicators, prepended marks) is false.
    var formsCharacterAlone: Bool {
        switch value {
        case 0x0D: false
        case 0x00..<0x300, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xFF01...0xFF5E: true
        default: false
        }
    }
}
