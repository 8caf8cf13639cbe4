/// The year and part of the year a report covers.
///
/// The title decides where it names them (`2023年上半年…`, `…2022年度…`); else the first year
/// the report's opening names (`2022年，在…领导下`, `2020 年`, `截至2023.11`), with the part the
/// opening names (`今年上半年`). A year said as the time of the whole report (`2022年，…`,
/// `在2010年，`, `全年`, `一年来`) or a title that sums up a year (`…年度…`, `…工作总结`) makes
/// the part the whole year.
extension HeaderReader {
    static func period(title: String, body: [String]) -> Period {
        let titled = period(in: title)
        // The opening: the first 40 lines, each to 1,500 scalars, joined by line breaks, to 1,500
        // scalars; folded once, then read as scalars (every word and mark tested is scalars).
        var opening: [Unicode.Scalar] = []
        opening.reserveCapacity(1500)
        TraditionalChinese.withTable { table in
            for (index, line) in body.prefix(40).enumerated() where opening.count < 1500 {
                if index > 0 { opening.append("\n") }
                // (Counted as they are taken: `prefix` on the scalar view walks to its end first.)
                var taken = 0
                for scalar in line.unicodeScalars {
                    guard opening.count < 1500, taken < 1500 else { break }
                    opening.append(TextFolding.foldScalar(scalar, simplifying: table))
                    taken += 1
                }
            }
        }
        var period = titled
        if period.year == nil {
            // A date (`截至2011年12月31日`, `2022年3月28日`) says when the report stands; a bare year
            // may be history (`成立于2004年`). The latest date wins, else the first year.
            let found = years(folded: opening)
            period.year = found.filter(\.isDate).map(\.value).max() ?? found.first?.value ?? year(folded: opening)
        }
        if period.part == nil {
            let said = self.period(folded: Array(opening.prefix(200)))
            if said.part != .year, let part = said.part { period.part = part }
        }
        let firstSentence = opening.prefix(300).prefix(while: { $0 != "。" && $0 != "\n" })
        if period.part == nil, let year = period.year, coversYear(opening: firstSentence, year: year) {
            period.part = .year
        }
        return period
    }

    /// The year and part a text names (`2023年上半年` → 2023 H1; `2023年…总结` → 2023 Y).
    static func period(in whole: String) -> Period {
        // A title or an opening names its period near its start; a paragraph of megabytes
        // standing in for a title is not searched to its end.
        period(folded: TextFolding.foldScalars(whole.unicodeScalars.prefix(400)))
    }

    /// Words naming a part of the year, compiled once (scalars, folded as the text is).
    private static let partWords: [(words: [[Unicode.Scalar]], part: Period.Part)] = partWordList.map { entry in
        (entry.words.map { $0.unicodeScalars.map(TextFolding.foldScalar) }, entry.part)
    }
    private static let partWordList: [(words: [String], part: Period.Part)] = [
        (["上半年", "1-6月", "1至6月", "一至六月", "前半年"], .h1),
        (["下半年", "7-12月", "7至12月", "七至十二月"], .h2),
        (["第一季度", "一季度", "1季度", "1-3月", "1至3月", "一至三月"], .q1),
        (["第二季度", "二季度", "2季度", "4-6月", "4至6月", "四至六月"], .q2),
        (["第三季度", "三季度", "3季度", "7-9月", "7至9月", "七至九月"], .q3),
        (["第四季度", "四季度", "4季度", "10-12月", "10至12月", "十至十二月"], .q4),
        // `2023年半年工作总结`, `年中`: the first half.
        (["半年", "年中"], .h1),
    ]
    /// Words that make a named year the whole year.
    private static let yearWords: [[Unicode.Scalar]] = ["年度", "全年", "年终", "一年来", "总结"].map(\.scalarArray)

    /// `period(in:)` of folded scalars (at most the 400 it reads).
    private static func period(folded: [Unicode.Scalar]) -> Period {
        let year = self.year(folded: folded)
        for (words, part) in partWords where words.contains(where: { folded.contains(word: $0) }) {
            return Period(year: year, part: part)
        }
        if year != nil, yearWords.contains(where: { folded.contains(word: $0) }) { return Period(year: year, part: .year) }
        return Period(year: year, part: nil)
    }

    private static let wholeYearWords: [[Unicode.Scalar]] = ["全年", "一年来", "年终"].map(\.scalarArray)

    /// Whether the opening speaks of a whole year: `2022年，…`, `在2010年，…`, `全年`, `一年来`.
    private static func coversYear(opening: some Sequence<Unicode.Scalar>, year: Int) -> Bool {
        // (The opening is folded: `，` is `,` in it.)
        let folded = opening.filter { !$0.isWhiteSpaceScalar }
        let stated = Array("\(year)年".unicodeScalars)
        if wholeYearWords.contains(where: { folded.contains(word: $0) }) || folded.contains(word: stated + ["度"]) {
            return true
        }
        return folded.contains(word: stated + [","]) || folded.contains(word: stated + ["，"])
    }

    /// The first year a text names: `2023年`, `2023 年`, `二〇二三年`, or a date `2023.11`/`2023-04`.
    static func year(in text: String) -> Int? {
        year(folded: TextFolding.foldScalars(text.unicodeScalars.prefix(2000)))
    }

    /// `year(in:)` of folded scalars.
    private static func year(folded text: [Unicode.Scalar]) -> Int? {
        if let first = years(folded: text).first { return first.value }
        let characters = text.prefix(2000)
        // 二〇二三年
        func digit(_ scalar: Unicode.Scalar) -> Int? {
            switch scalar {
            case "〇", "○", "零": 0
            case "一": 1
            case "二": 2
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
        var j = 0
        while j + 4 < characters.count {
            let run = characters[j..<(j + 4)]
            if characters[j + 4] == "年", run.allSatisfy({ digit($0) != nil }) {
                let value = run.reduce(0) { $0 * 10 + (digit($1) ?? 0) }
                if (1990...2100).contains(value) { return value }
            }
            j += 1
        }
        return nil
    }

    /// The years written in digits in a text, in order, each with whether a month follows it
    /// (`2022年3月`, `2023.11`, `2023-04-25`: a date).
    static func years(in text: String) -> [(value: Int, isDate: Bool)] {
        years(folded: TextFolding.foldScalars(text.unicodeScalars.prefix(2000)))
    }

    /// `years(in:)` of folded scalars.
    private static func years(folded text: [Unicode.Scalar]) -> [(value: Int, isDate: Bool)] {
        let characters = text.prefix(2000)
        var found: [(value: Int, isDate: Bool)] = []
        var i = 0
        while i + 4 < characters.count {
            defer { i += 1 }
            let run = characters[i..<(i + 4)]
            guard run.allSatisfy(\.isASCIIDigitOrFullWidth), i == 0 || !characters[i - 1].isASCIIDigitOrFullWidth
            else { continue }
            let value = run.reduce(0) { $0 * 10 + ($1.digitValue ?? 0) }
            guard (1990...2100).contains(value) else { continue }
            var next = i + 4
            while next < characters.count, characters[next] == " " { next += 1 }
            guard next + 1 < characters.count else { continue }
            let monthFollows = characters[next + 1].isASCIIDigitOrFullWidth
            if characters[next] == "年" {
                found.append((value, monthFollows && characters[(next + 1)...].prefix(3).contains("月")))
            } else if characters[next] == "." || characters[next] == "-" || characters[next] == "/", next == i + 4, monthFollows {
                found.append((value, true))
            }
        }
        return found
    }
}
