/// Width and punctuation folding for comparing Chinese text written by many hands.
///
/// Units mix full- and half-width forms freely (`（一）` and `(一)`, `，` and `,`,
/// `１２` and `12`); a person reads either the same way, so matching must too.
/// The text a person reads is never folded: only the keys used to compare it.
public enum TextFolding {
    /// The folded key of `text`: every character folded by ``fold(_:)-(Character)``,
    /// white space (U+3000 included) removed.
    public static func fold(_ text: some StringProtocol) -> String {
        // Scalar by scalar: every folding maps one scalar to one, and a character of several
        // scalars (a letter and its accent) has no folding of its own.
        var result = String.UnicodeScalarView()
        TraditionalChinese.withTable { table in
            for scalar in text.unicodeScalars where !scalar.isWhiteSpaceScalar && scalar != "\u{FEFF}" {
                result.append(foldScalar(scalar, simplifying: table))
            }
        }
        return String(result)
    }

    /// `text` with every character folded but nothing removed, so that character
    /// offsets in the result are offsets in `text`.
    public static func foldKeepingLength(_ text: some StringProtocol) -> [Character] {
        text.map(fold)
    }

    /// One character folded: full-width ASCII to ASCII, ideographic space to a
    /// space, Chinese punctuation that has an ASCII twin to that twin, a traditional
    /// character to its simplified form (`會` to `会`, see ``TraditionalChinese``).
    public static func fold(_ character: Character) -> Character {
        guard let scalar = character.unicodeScalars.first, scalar.value >= 0x2000,
              character.unicodeScalars.count == 1 else {
            return character
        }
        switch scalar.value {
        case 0xFF01...0xFF5E: return Character(Unicode.Scalar(scalar.value - 0xFEE0)!)
        case 0x3000: return " "
        case 0x201C, 0x201D: return "\""  // “ ”
        case 0x2018, 0x2019: return "'"  // ‘ ’
        case 0xFE63: return "-"  // ﹣
        case 0x4E00..<0xA000: return TraditionalChinese.simplified(scalar.value).map(Character.init) ?? character
        default: return character
        }
    }

    /// One scalar folded as ``fold(_:)-(Character)`` folds a character of one scalar.
    static func foldScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard scalar.value >= 0x2000 else { return scalar }
        return TraditionalChinese.withTable { foldScalar(scalar, simplifying: $0) }
    }

    /// `scalars`, each by `foldScalar`, the traditional characters' table reached once for them all.
    static func foldScalars(_ scalars: some Sequence<Unicode.Scalar>) -> [Unicode.Scalar] {
        TraditionalChinese.withTable { table in
            var result: [Unicode.Scalar] = []
            result.reserveCapacity(scalars.underestimatedCount)
            for scalar in scalars { result.append(foldScalar(scalar, simplifying: table)) }
            return result
        }
    }

    /// `foldScalar(scalar)` with the table `TraditionalChinese.withTable` gives.
    @inline(__always)
    static func foldScalar(_ scalar: Unicode.Scalar, simplifying table: UnsafeBufferPointer<UInt16>) -> Unicode.Scalar {
        guard scalar.value >= 0x2000 else { return scalar }
        switch scalar.value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
        case 0x3000: return " "
        case 0x201C, 0x201D: return "\""  // “ ”
        case 0x2018, 0x2019: return "'"  // ‘ ’
        case 0xFE63: return "-"  // ﹣
        case 0x4E00..<0xA000: return TraditionalChinese.simplified(scalar.value, in: table) ?? scalar
        default: return scalar
        }
    }
}
