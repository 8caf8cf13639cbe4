/// Characters of the Symbol and Wingdings fonts, which Word stores as private-use code
/// points (U+F0xx) in `w:sym` and in bullet level texts; mapped to the Unicode character
/// a reader sees.
enum SymbolFont {
    /// The character for `w:sym w:font=… w:char=…`.
    static func character(font: String?, code: String?) -> String {
        guard let code, let value = UInt32(code, radix: 16) else { return "" }
        let low = value >= 0xF000 && value <= 0xF0FF ? value - 0xF000 : value
        let isWingdings = font?.lowercased().hasPrefix("wingdings") ?? false
        if isWingdings, let mapped = wingdings[low] { return mapped }
        if !isWingdings, let mapped = symbol[low] { return mapped }
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

    private static let symbol: [UInt32: String] = [
        0x2D: "−", 0xA3: "≤", 0xA5: "∞", 0xA7: "♣", 0xA8: "♦", 0xA9: "♥", 0xAA: "♠", 0xAB: "↔",
        0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±", 0xB3: "≥", 0xB4: "×",
        0xB5: "∝", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡", 0xBB: "≈", 0xD6: "√", 0xD7: "·",
        0xE0: "◊", 0x61: "α", 0x62: "β", 0x67: "γ", 0x64: "δ", 0x65: "ε", 0x6C: "λ", 0x6D: "μ",
        0x70: "π", 0x73: "σ", 0x77: "ω", 0x44: "Δ", 0x53: "Σ", 0x57: "Ω",
    ]

    private static let wingdings: [UInt32: String] = [
        0x46: "☞", 0x4A: "☺", 0x4C: "☹", 0x6C: "●", 0x6D: "❍", 0x6E: "■", 0x6F: "□", 0x70: "◻",
        0x71: "❑", 0x72: "❒", 0x73: "⬧", 0x74: "⧫", 0x75: "◆", 0x76: "❖", 0x77: "⬥", 0x9F: "•",
        0xA1: "○", 0xA7: "▪", 0xA8: "◻", 0xAB: "★", 0xD8: "➢", 0xE0: "➣", 0xE8: "➔", 0xF0: "⇨",
        0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑",
    ]
}
