/// The numbering that opens a line: `一、`, `（一）`, `1.`, `（1）`, `①`.
///
/// Levels follow the convention of Chinese official documents (GB/T 9704):
/// `一、` above `（一）` above `1.` above `（1）`; circled numbers come last.
/// Word's rendered numbering arrives already prefixed to the line, so typed
/// and automatic numbers look the same here.
struct Numbering: Equatable, Sendable {
    enum Level: Int, Comparable, Sendable {
        case chinese = 1, chineseParenthesized, arabic, arabicParenthesized, circled
        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var level: Level
    /// The numbering as written, punctuation included (`（一）`, `1.`).
    var label: String
    /// The number's value (1 for `一`, `1`, `①`).
    var ordinal: Int
    /// The rest of the line, leading white space removed.
    var rest: String

    /// The numbering at the start of `line`, or nil where the line opens otherwise.
    static func leading(_ line: String) -> Numbering? {
        // A label is at most five scalars and is told from the few after it: only the line's
        // opening is looked at, so that a paragraph of megabytes costs no more than a short one
        // (the rest is copied once, for `rest`). Every index below is under `prefixLength`.
        // Scalars, not characters: every mark tested here is one scalar, and comparing scalars
        // costs an integer comparison where comparing characters costs a string comparison.
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(prefixLength)
        for scalar in line.unicodeScalars.prefix(prefixLength) { scalars.append(scalar) }
        guard let first = scalars.first else { return nil }
        func make(_ level: Level, _ length: Int, _ ordinal: Int) -> Numbering? {
            guard ordinal > 0 else { return nil }
            // `（一）、加强学习`: a stray separator after the number is not part of the words.
            let rest = line.unicodeScalars.dropFirst(length).drop(while: { isSeparator($0) })
            return Numbering(level: level, label: String(scalars: scalars[..<length]), ordinal: ordinal,
                             rest: String(rest))
        }
        // 一、  十二、  一．
        if ChineseNumeral.isNumeralScalar(first) {
            let run = scalars.prefix(while: ChineseNumeral.isNumeralScalar)
            guard run.count <= 3, run.count < scalars.count else { return nil }
            let next = scalars[run.count]
            // `一、二季度共发展党员3名`: a list of numerals, not a heading.
            if run.count + 2 < scalars.count, ChineseNumeral.isNumeralScalar(scalars[run.count + 1]),
               periodWords.contains(scalars[run.count + 2]) {
                return nil
            }
            if next == "、" || next == "．" || (next == "." && !isDigit(scalars, run.count + 1)) {
                return ChineseNumeral.value(ofScalars: run).flatMap { make(.chinese, run.count + 1, $0) }
            }
            return nil
        }
        // （一）  (一)  （1）  (1)
        if first == "（" || first == "(" {
            let inner = scalars.dropFirst().prefix(while: { $0 != "）" && $0 != ")" })
            guard !inner.isEmpty, inner.count <= 3, inner.count + 1 < scalars.count else { return nil }
            let length = inner.count + 2
            if inner.allSatisfy(ChineseNumeral.isNumeralScalar) {
                return ChineseNumeral.value(ofScalars: inner).flatMap { make(.chineseParenthesized, length, $0) }
            }
            if inner.allSatisfy(\.isASCIIDigitOrFullWidth) {
                return make(.arabicParenthesized, length, decimal(inner))
            }
            return nil
        }
        // 1.  1、  1．  1)  1）  (not 1.5万元, not 2023年)
        if first.isASCIIDigitOrFullWidth {
            let run = scalars.prefix(while: \.isASCIIDigitOrFullWidth)
            guard run.count <= 2, run.count < scalars.count else { return nil }
            let next = scalars[run.count]
            let value = decimal(run)
            switch next {
            case "、", "．":
                return make(.arabic, run.count + 1, value)
            case ".":
                return isDigit(scalars, run.count + 1) ? nil : make(.arabic, run.count + 1, value)
            case ")", "）":
                return make(.arabicParenthesized, run.count + 1, value)
            default:
                return nil
            }
        }
        // ① … ⑳
        if (0x2460...0x2473).contains(first.value) {
            return make(.circled, 1, Int(first.value) - 0x2460 + 1)
        }
        return nil
    }

    /// What may stand after a numeral where a list of numerals names periods (`一、二季度`).
    private static let periodWords: Set<Unicode.Scalar> = ["季", "月", "年", "级", "类", "批"]

    /// A stray separator or white space between a label and its words.
    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isWhiteSpaceScalar || scalar == "、" || scalar == "." || scalar == "．" || scalar == "，"
            || scalar == ","
    }

    /// The value of at most three digits (ASCII or full width).
    private static func decimal(_ digits: some Collection<Unicode.Scalar>) -> Int {
        digits.reduce(0) { $0 * 10 + ($1.digitValue ?? 0) }
    }

    /// How many characters of a line `leading` looks at.
    private static let prefixLength = 12

    private static func isDigit(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        index < scalars.count && scalars[index].isASCIIDigitOrFullWidth
    }
}
