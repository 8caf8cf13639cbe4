/// Values of Chinese numerals as reports write them (`三`, `十二`, `二十`, `两`, `一百零五`).
enum ChineseNumeral {
    /// The digit characters, `两` and `〇` included.
    static let digits: [Character: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
        "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    static let multipliers: [Character: Int] = ["十": 10, "百": 100, "千": 1000, "万": 10000]

    /// Whether `scalar` is a digit or multiplier: a comparison of values, not a hashed lookup,
    /// since the readers ask it of nearly every scalar of a document.
    static func isNumeralScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万": true
        default: false
        }
    }

    /// The value of a run of numeral scalars, or nil when it is not a well-formed numeral or too
    /// large for an `Int`; without a Character or a hashed lookup per scalar.
    static func value(ofScalars scalars: some Collection<Unicode.Scalar>) -> Int? {
        guard !scalars.isEmpty else { return nil }
        var total = 0
        var section = 0
        var digit: Int?
        for scalar in scalars {
            if let d = digitValue(scalar) {
                if let existing = digit, existing != 0 { return nil }
                digit = d
            } else if let m = multiplierValue(scalar) {
                if m == 10000 {
                    guard let withDigit = add(section, digit ?? 0), let scaled = multiply(max(withDigit, 1), m),
                          let sum = add(total, scaled) else { return nil }
                    total = sum
                    section = 0
                } else {
                    guard let scaled = multiply(digit ?? 1, m), let sum = add(section, scaled) else { return nil }
                    section = sum
                }
                digit = nil
            } else {
                return nil
            }
        }
        guard let partial = add(total, section) else { return nil }
        return add(partial, digit ?? 0)
    }

    /// `digits` by scalar.
    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "零", "〇": 0
        case "一": 1
        case "二", "两": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    /// `multipliers` by scalar.
    private static func multiplierValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "十": 10
        case "百": 100
        case "千": 1000
        case "万": 10000
        default: nil
        }
    }

    // (checked arithmetic throughout: the text is the unit's, any length)
    private static func add(_ a: Int, _ b: Int) -> Int? {
        let sum = a.addingReportingOverflow(b)
        return sum.overflow ? nil : sum.partialValue
    }

    private static func multiply(_ a: Int, _ b: Int) -> Int? {
        let product = a.multipliedReportingOverflow(by: b)
        return product.overflow ? nil : product.partialValue
    }
}
