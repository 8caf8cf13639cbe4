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
        // A label is at most five characters and is told from the few after it: only the line's
        // opening is looked at, so that a paragraph of megabytes costs no more than a short one
        // (the rest is copied once, for `rest`). Every index below is under `prefixLength`.
        let characters = Array(line.prefix(prefixLength))
        guard let first = characters.first else { return nil }
        func make(_ level: Level, _ length: Int, _ ordinal: Int) -> Numbering? {
            guard ordinal > 0 else { return nil }
            // `（一）、加强学习`: a stray separator after the number is not part of the words.
            let rest = line.dropFirst(length).drop(while: { $0.isWhitespace || "、.．，,".contains($0) })
            return Numbering(level: level, label: String(characters[..<length]), ordinal: ordinal, rest: String(rest))
        }
        // 一、  十二、  一．
        if ChineseNumeral.isNumeral(first) {
            let run = characters.prefix(while: { ChineseNumeral.isNumeral($0) })
            guard run.count <= 3, run.count < characters.count else { return nil }
            let next = characters[run.count]
            // `一、二季度共发展党员3名`: a list of numerals, not a heading.
            if run.count + 2 < characters.count, ChineseNumeral.isNumeral(characters[run.count + 1]),
               "季月年级类批".contains(characters[run.count + 2]) {
                return nil
            }
            if next == "、" || next == "．" || (next == "." && !isDigit(characters, run.count + 1)) {
                return ChineseNumeral.value(of: run).flatMap { make(.chinese, run.count + 1, $0) }
            }
            return nil
        }
        // （一）  (一)  （1）  (1)
        if first == "（" || first == "(" {
            let inner = characters.dropFirst().prefix(while: { $0 != "）" && $0 != ")" })
            guard !inner.isEmpty, inner.count <= 3, inner.count + 1 < characters.count else { return nil }
            let length = inner.count + 2
            if inner.allSatisfy(ChineseNumeral.isNumeral) {
                return ChineseNumeral.value(of: inner).flatMap { make(.chineseParenthesized, length, $0) }
            }
            if inner.allSatisfy({ $0.isASCIIDigitOrFullWidth }) {
                return Int(String(inner.map(TextFolding.fold))).flatMap { make(.arabicParenthesized, length, $0) }
            }
            return nil
        }
        // 1.  1、  1．  1)  1）  (not 1.5万元, not 2023年)
        if first.isASCIIDigitOrFullWidth {
            let run = characters.prefix(while: { $0.isASCIIDigitOrFullWidth })
            guard run.count <= 2, run.count < characters.count else { return nil }
            let next = characters[run.count]
            let value = Int(String(run.map(TextFolding.fold))) ?? 0
            switch next {
            case "、", "．":
                return make(.arabic, run.count + 1, value)
            case ".":
                return isDigit(characters, run.count + 1) ? nil : make(.arabic, run.count + 1, value)
            case ")", "）":
                return make(.arabicParenthesized, run.count + 1, value)
            default:
                return nil
            }
        }
        // ① … ⑳
        if let scalar = first.unicodeScalars.first, (0x2460...0x2473).contains(scalar.value) {
            return make(.circled, 1, Int(scalar.value) - 0x2460 + 1)
        }
        return nil
    }

    /// How many characters of a line `leading` looks at.
    private static let prefixLength = 12

    private static func isDigit(_ characters: [Character], _ index: Int) -> Bool {
        index < characters.count && characters[index].isASCIIDigitOrFullWidth
    }
}
