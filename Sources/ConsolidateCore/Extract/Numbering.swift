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
        // (the rest is copied once, for `rest`).
        // (Most lines open with no label's first scalar: told without building the opening.)
        guard let first = line.unicodeScalars.first, mayOpenLabel(first) else { return nil }
        var opening: [Unicode.Scalar] = []
        opening.reserveCapacity(prefixLength)
        // (Counted as they are taken: `prefix` on the scalar view walks to its end first.)
        for scalar in line.unicodeScalars {
            guard opening.count < prefixLength else { break }
            opening.append(scalar)
        }
        guard let label = label(opening) else { return nil }
        // `（一）、加强学习`: a stray separator after the number is not part of the words.
        let rest = line.unicodeScalars.dropFirst(label.length).drop(while: { isSeparator($0) })
        return Numbering(level: label.level, label: String(scalars: opening[..<label.length]), ordinal: label.ordinal,
                         rest: String(Substring(rest)))
    }

    /// The numbering a run of scalars opens with, as `leading` reads a line, without building
    /// its strings: its level, its number, and where its words start (after stray separators).
    static func scan(_ scalars: [Unicode.Scalar]) -> (level: Level, ordinal: Int, labelLength: Int, restStart: Int)? {
        guard let first = scalars.first, mayOpenLabel(first), let label = label(Array(scalars.prefix(prefixLength))) else { return nil }
        var restStart = label.length
        while restStart < scalars.count, isSeparator(scalars[restStart]) { restStart += 1 }
        return (label.level, label.ordinal, label.length, restStart)
    }

    /// Whether `line` opens with a numbering: `leading(line) != nil` without building its
    /// strings (the rest of a line is a copy of all of it).
    static func opens(_ line: some StringProtocol) -> Bool { level(line) != nil }

    /// `leading(line)?.level`, without building its strings.
    static func level(_ line: some StringProtocol) -> Level? {
        guard let first = line.unicodeScalars.first, mayOpenLabel(first) else { return nil }
        var opening: [Unicode.Scalar] = []
        opening.reserveCapacity(prefixLength)
        // (Counted as they are taken: `prefix` on the scalar view walks to its end first.)
        for scalar in line.unicodeScalars {
            guard opening.count < prefixLength else { break }
            opening.append(scalar)
        }
        return label(opening)?.level
    }

    /// Whether a label can open with `scalar`: `label` returns nil for any other first scalar.
    ///
    /// Asked before a line's opening is copied into an array, which most lines (no label) never need.
    @inline(__always)
    static func mayOpenLabel(_ scalar: Unicode.Scalar) -> Bool {
        ChineseNumeral.isNumeralScalar(scalar) || scalar == "（" || scalar == "(" || scalar.isASCIIDigitOrFullWidth
            || (0x2460...0x2473).contains(scalar.value)
    }

    /// The label at the start of `scalars` (the first `prefixLength` scalars of a line): its
    /// level, its length in scalars and its number. Scalars, not characters: every mark tested
    /// here is one scalar, and comparing scalars costs an integer comparison where comparing
    /// characters costs a string comparison. Every index below is under `scalars.count`.
    static func label(_ scalars: [Unicode.Scalar]) -> (level: Level, length: Int, ordinal: Int)? {
        guard let first = scalars.first else { return nil }
        func make(_ level: Level, _ length: Int, _ ordinal: Int) -> (level: Level, length: Int, ordinal: Int)? {
            ordinal > 0 ? (level, length, ordinal) : nil
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
    private static let periodWords: ScalarSet = ["季", "月", "年", "级", "类", "批"]

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
