/// Renders one level's counter in a Word number format (`w:numFmt`).
///
/// The Chinese formats are the ones the reports use: `chineseCounting` (一 … 十 十一 … 二十),
/// `chineseCountingThousand` (with 百 and 千), `chineseLegalSimplified` (壹贰叁),
/// `ideographDigital` (digit by digit, 10 → 一〇). Formats the reader does not know are
/// rendered as decimal, which is what Word falls back to as well.
enum NumberFormat {
    static func render(_ value: Int, format: String) -> String {
        switch format {
        case "decimal", "ordinal", "cardinalText", "ordinalText":
            return String(value)
        case "decimalZero":
            return value >= 0 && value < 10 ? "0" + String(value) : String(value)
        case "chineseCounting", "japaneseCounting", "taiwaneseCounting",
             "chineseCountingThousand", "taiwaneseCountingThousand", "japaneseDigitalTenThousand":
            return counting(value, digits: smallDigits, units: smallUnits, zero: "零")
        case "chineseLegalSimplified":
            return counting(value, digits: legalSimplifiedDigits, units: legalSimplifiedUnits, zero: "零",
                            keepLeadingOne: true)
        case "ideographLegalTraditional", "japaneseLegal":
            return counting(value, digits: legalTraditionalDigits, units: legalTraditionalUnits, zero: "零",
                            keepLeadingOne: true)
        case "ideographDigital", "taiwaneseDigital":
            return String(String(value).map { character -> Character in
                guard let digit = character.wholeNumberValue else { return character }
                return digit == 0 ? "〇" : smallDigits[digit]
            })
        case "ideographTraditional":
            return cycle(value, through: Array("甲乙丙丁戊己庚辛壬癸"))
        case "ideographZodiac":
            return cycle(value, through: Array("子丑寅卯辰巳午未申酉戌亥"))
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle":
            return enclosedCircle(value)
        case "decimalEnclosedParen":
            return (1...20).contains(value) ? String(scalar(0x2474 + value - 1)) : "(" + String(value) + ")"
        case "decimalEnclosedFullstop":
            return (1...20).contains(value) ? String(scalar(0x2488 + value - 1)) : String(value) + "."
        case "decimalFullWidth", "decimalFullWidth2":
            return String(String(value).unicodeScalars.map { scalar -> Character in
                guard ("0"..."9").contains(scalar) else { return Character(scalar) }
                return Character(Unicode.Scalar(scalar.value - 0x30 + 0xFF10)!)
            })
        case "decimalHalfWidth":
            return String(value)
        case "lowerLetter":
            return letters(value, base: 0x61)
        case "upperLetter":
            return letters(value, base: 0x41)
        case "lowerRoman":
            return roman(value).lowercased()
        case "upperRoman":
            return roman(value)
        case "none":
            return ""
        default:
            return String(value)
        }
    }

    private static let smallDigits: [Character] = Array("〇一二三四五六七八九")
    private static let smallUnits: [Character] = Array("十百千")
    private static let legalSimplifiedDigits: [Character] = Array("零壹贰叁肆伍陆柒捌玖")
    private static let legalSimplifiedUnits: [Character] = Array("拾佰仟")
    private static let legalTraditionalDigits: [Character] = Array("零壹貳參肆伍陸柒捌玖")
    private static let legalTraditionalUnits: [Character] = Array("拾佰仟")

    /// Chinese counting below ten thousand: 十一, 二十, 一百零五, 一千零一. A leading 一 before 十
    /// is dropped (十一, not 一十一) except in the legal forms, where 壹拾壹 is the custom.
    private static func counting(_ value: Int, digits: [Character], units: [Character], zero: Character,
                                 keepLeadingOne: Bool = false) -> String {
        guard value > 0 else { return value == 0 ? String(digits[0]) : String(value) }
        guard value < 10_000 else { return String(value) }
        let decimal = [value / 1000, value / 100 % 10, value / 10 % 10, value % 10]
        var result = ""
        var pendingZero = false
        for (position, digit) in decimal.enumerated() {
            let power = 3 - position
            if digit == 0 {
                if !result.isEmpty { pendingZero = true }
                continue
            }
            if pendingZero { result.append(zero); pendingZero = false }
            if power == 1 && digit == 1 && result.isEmpty && !keepLeadingOne {
                result.append(units[0])
                continue
            }
            result.append(digits[digit])
            if power > 0 { result.append(units[power - 1]) }
        }
        return result
    }

    private static func cycle(_ value: Int, through symbols: [Character]) -> String {
        guard value > 0 else { return String(value) }
        return String(symbols[(value - 1) % symbols.count])
    }

    /// ① … ⑳, then ㉑ … ㉟ and ㊱ … ㊿; beyond fifty Word writes plain digits.
    private static func enclosedCircle(_ value: Int) -> String {
        switch value {
        case 1...20: return String(scalar(0x2460 + value - 1))
        case 21...35: return String(scalar(0x3251 + value - 21))
        case 36...50: return String(scalar(0x32B1 + value - 36))
        default: return String(value)
        }
    }

    /// a … z, then aa … zz, aaa …: Word repeats the letter rather than counting in base 26.
    private static func letters(_ value: Int, base: UInt32) -> String {
        guard value > 0, value <= 26 * 30 else { return String(value) }
        let letter = Character(Unicode.Scalar(base + UInt32((value - 1) % 26))!)
        return String(repeating: letter, count: (value - 1) / 26 + 1)
    }

    private static func roman(_ value: Int) -> String {
        guard value > 0, value < 4000 else { return String(value) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var remaining = value
        var result = ""
        for (amount, numeral) in table {
            while remaining >= amount { result += numeral; remaining -= amount }
        }
        return result
    }

    private static func scalar(_ value: Int) -> Character {
        Character(Unicode.Scalar(UInt32(value))!)
    }
}
