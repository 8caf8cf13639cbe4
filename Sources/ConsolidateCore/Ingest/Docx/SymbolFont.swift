/// Characters of the Symbol and Wingdings fonts, which Word stores as private-use code
/// points (U+F0xx) in `w:sym` and in bullet level texts; mapped to the Unicode character
/// a reader sees.
enum SymbolFont {
    /// Whether a run font is one whose characters sit at private-use code points. Asked for every
    /// run with a font: the name is compared on its bytes, ignoring ASCII case, without making a
    /// lowercased copy of it.
    static func isSymbolic(_ font: String) -> Bool {
        let name = font.utf8
        return (name.count == symbolName.count && startsIgnoringCase(name, symbolName))
            || startsIgnoringCase(name, wingdingsName)
    }

    private static let symbolName = Array("symbol".utf8)
    private static let wingdingsName = Array("wingdings".utf8)

    /// Whether `bytes` begin with the lowercase ASCII `prefix`, in either case.
    private static func startsIgnoringCase(_ bytes: String.UTF8View, _ prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        return zip(bytes, prefix).allSatisfy { byte, expected in
            byte == expected || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && byte | 0x20 == expected)
        }
    }

    /// The character for `w:sym w:font=… w:char=…`.
    static func character(font: String?, code: String?) -> String {
        guard let code, let value = UInt32(code, radix: 16) else { return "" }
        let low = value >= 0xF000 && value <= 0xF0FF ? value - 0xF000 : value
        let isWingdings = font?.lowercased().hasPrefix("wingdings") ?? false
        let isSymbol = font.map { $0.lowercased() == "symbol" } ?? true
        if isWingdings, let mapped = wingdings[low] { return mapped }
        if isSymbol, let mapped = symbol[low] { return mapped }
        if value < 0xF000 || value > 0xF8FF, let scalar = Unicode.Scalar(value) { return String(Character(scalar)) }
        if low >= 0x20 && low < 0x7F && !isWingdings, let scalar = Unicode.Scalar(low) { return String(Character(scalar)) }
        return "•"
    }

    /// A bullet level's text with private-use characters mapped through its font.
    static func bullet(_ text: String, font: String?) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if (0xF000...0xF0FF).contains(scalar.value) {
                result += character(font: font, code: String(scalar.value, radix: 16))
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The Symbol font's characters that differ from ASCII (Adobe's Symbol encoding).
    private static let symbol: [UInt32: String] = {
        var table: [UInt32: String] = [
            0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x5C: "∴", 0x5E: "⊥", 0x7E: "∼",
            0xA0: "€", 0xA1: "ϒ", 0xA2: "′", 0xA3: "≤", 0xA4: "⁄", 0xA5: "∞", 0xA6: "ƒ", 0xA7: "♣", 0xA8: "♦",
            0xA9: "♥", 0xAA: "♠", 0xAB: "↔", 0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±",
            0xB2: "″", 0xB3: "≥", 0xB4: "×", 0xB5: "∝", 0xB6: "∂", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡",
            0xBB: "≈", 0xBC: "…", 0xBF: "↵", 0xC0: "ℵ", 0xC1: "ℑ", 0xC2: "ℜ", 0xC3: "℘", 0xC4: "⊗", 0xC5: "⊕",
            0xC6: "∅", 0xC7: "∩", 0xC8: "∪", 0xC9: "⊃", 0xCA: "⊇", 0xCB: "⊄", 0xCC: "⊂", 0xCD: "⊆", 0xCE: "∈",
            0xCF: "∉", 0xD0: "∠", 0xD1: "∇", 0xD2: "®", 0xD3: "©", 0xD4: "™", 0xD5: "∏", 0xD6: "√", 0xD7: "·",
            0xD8: "¬", 0xD9: "∧", 0xDA: "∨", 0xDB: "⇔", 0xDC: "⇐", 0xDD: "⇑", 0xDE: "⇒", 0xDF: "⇓", 0xE0: "◊",
            0xE1: "〈", 0xE2: "®", 0xE3: "©", 0xE4: "™", 0xE5: "∑", 0xF1: "〉", 0xF2: "∫",
        ]
        // Greek letters where ASCII has Latin ones.
        let upper = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ", lower = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ"
        for (offset, letter) in upper.enumerated() { table[0x41 + UInt32(offset)] = String(letter) }
        for (offset, letter) in lower.enumerated() { table[0x61 + UInt32(offset)] = String(letter) }
        return table
    }()

    private static let wingdings: [UInt32: String] = [
        0x46: "☞", 0x4A: "☺", 0x4C: "☹", 0x6C: "●", 0x6D: "❍", 0x6E: "■", 0x6F: "□", 0x70: "◻",
        0x71: "❑", 0x72: "❒", 0x73: "⬧", 0x74: "⧫", 0x75: "◆", 0x76: "❖", 0x77: "⬥", 0x9F: "•",
        0xA1: "○", 0xA7: "▪", 0xA8: "◻", 0xAB: "★", 0xD8: "➢", 0xE0: "➣", 0xE8: "➔", 0xF0: "⇨",
        0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑",
    ]
}
