/// Reads a report's title, unit and period from its first lines.
///
/// The title is the report's own title line (`XX局2023年上半年党建工作汇报`);
/// the unit is the name the title opens with or, where the title names none,
/// the organisation that is the subject of the opening paragraph (not the
/// superior "under whose guidance" it worked); the period comes from the
/// title, else from the opening.
struct HeaderReader: Sendable {
    /// What the header says, and where the title line is.
    struct Header: Sendable, Equatable {
        var title: String
        var titleIndex: Int?
        var unit: String
        var period: Period
    }

    /// Endings of organisation names, longest first so `组织部` wins over `部`.
    static let organisationEndings: [String] = [
        "街道办事处", "委员会", "办公室", "组织部", "宣传部", "统战部", "党工委", "党总支", "党支部",
        "工委", "党委", "党组", "总支", "支部", "中心", "街道", "公司", "集团", "学校", "学院", "大学",
        "中学", "小学", "医院", "局", "委", "办", "厅", "处", "镇", "乡", "村", "社区", "所", "站", "院", "馆",
    ]
    private static let titleWords = ["汇报", "总结", "报告", "情况", "材料", "打算", "计划"]
    /// Words that may follow a subject organisation in the opening (`XX局坚持…`).
    private static let subjectFollowers = [
        "通过", "坚持", "始终", "认真", "紧紧", "紧扣", "以", "在", "深入", "按照", "围绕", "全面", "积极",
        "把", "持续", "不断", "着力", "高度", "聚焦", "牢牢", "严格", "切实", "扎实", "立足", "进一步",
        "党组", "党委", "党支部", "全体",
    ]

    func read(_ lines: [NormalizedLine], unitHint: String?) -> Header {
        let titleIndex = Self.titleIndex(lines)
        let title = titleIndex.map { lines[$0].text } ?? ""
        let openingEnd = lines.firstIndex(where: { Numbering.leading($0.text)?.level == .chinese }) ?? min(lines.count, 3)
        let openingStart = (titleIndex ?? -1) + 1
        let opening = openingStart < openingEnd ? lines[openingStart..<openingEnd].map(\.text).joined() : ""

        var unit = unitHint?.trimmingWhitespace() ?? ""
        if unit.isEmpty { unit = Self.unit(inTitle: title) ?? Self.unit(inTitle: Self.droppingPeriod(title)) ?? "" }
        if unit.isEmpty, let index = titleIndex, index > 0 { unit = Self.unit(inTitle: lines[index - 1].text + "2000年") ?? "" }
        if unit.isEmpty { unit = Self.subject(ofOpening: opening) ?? "" }

        var period = Self.period(in: title)
        if period.year == nil { period.year = Self.period(in: String(opening.prefix(120))).year }
        return Header(title: title, titleIndex: titleIndex, unit: unit, period: period)
    }

    /// The title line: the first of the first lines that is short, unnumbered and not a sentence.
    static func titleIndex(_ lines: [NormalizedLine]) -> Int? {
        let candidates = lines.prefix(4).enumerated().filter { _, line in
            line.text.count >= 4 && line.text.count <= 60 && Numbering.leading(line.text) == nil
                && !line.text.hasSuffix("。") && !line.text.hasSuffix("：") && !line.text.hasSuffix(":")
        }
        if let worded = candidates.first(where: { _, line in titleWords.contains(where: line.text.contains) }) {
            return worded.offset
        }
        return candidates.first?.offset
    }

    /// The organisation a title opens with, before its period or subject words.
    static func unit(inTitle title: String) -> String? {
        let characters = Array(title.hasPrefix("关于") ? String(title.dropFirst(2)) : title)
        var best: String?
        for end in 2..<max(2, min(characters.count, 26)) {
            let prefix = String(characters[..<end])
            guard organisationEndings.contains(where: prefix.hasSuffix) else { continue }
            let rest = String(characters[end...])
            let followsPeriod = rest.first.map({ $0.isASCIIDigitOrFullWidth }) == true
                || ["上半年", "下半年", "第一季度", "第二季度", "第三季度", "第四季度", "年度", "全年", "关于", "党建",
                    "机关党建", "基层党建", "工作总结", "工作汇报", "工作情况", "二〇", "二○", "20"].contains(where: rest.hasPrefix)
            if followsPeriod { best = prefix; break }
        }
        return best
    }

    /// A title without the period it opens with (`2023年上半年XX局党建工作总结` → `XX局党建工作总结`).
    static func droppingPeriod(_ title: String) -> String {
        var characters = Substring(title)
        if characters.hasPrefix("关于") { characters = characters.dropFirst(2) }
        let digits = characters.prefix(while: { $0.isASCIIDigitOrFullWidth })
        guard digits.count == 4, characters.dropFirst(4).first == "年" else { return "" }
        characters = characters.dropFirst(5)
        for word in ["度", "上半年", "下半年", "第一季度", "第二季度", "第三季度", "第四季度", "一季度", "二季度",
                     "三季度", "四季度", "全年"] where characters.hasPrefix(word) {
            characters = characters.dropFirst(word.count)
        }
        return String(characters)
    }

    /// The organisation that is the subject of a clause of the opening paragraph.
    static func subject(ofOpening opening: String) -> String? {
        let clauses = opening.split(whereSeparator: { "，,。；;：:".contains($0) }).map(String.init)
        for clause in clauses {
            // `在市委组织部的精心指导下`: the superior, not the unit.
            if clause.hasPrefix("在"), clause.hasSuffix("下") || clause.contains("领导") || clause.contains("指导") {
                continue
            }
            let characters = Array(clause)
            for end in stride(from: min(characters.count, 20), through: 2, by: -1) {
                let prefix = String(characters[..<end])
                guard organisationEndings.contains(where: prefix.hasSuffix) else { continue }
                let rest = String(characters[end...])
                if rest.isEmpty || subjectFollowers.contains(where: rest.hasPrefix) {
                    return stripLeadingTime(prefix)
                }
            }
        }
        return nil
    }

    private static func stripLeadingTime(_ text: String) -> String {
        var text = text
        for word in ["今年以来", "一年来", "半年来", "近年来", "我们", "我"] where text.hasPrefix(word) {
            text.removeFirst(word.count)
        }
        return text
    }

    /// The year and part a text names (`2023年上半年` → 2023 H1; `2023年…总结` → 2023 Y).
    static func period(in text: String) -> Period {
        let characters = Array(text.map(TextFolding.fold))
        var year: Int?
        var i = 0
        while i + 4 < characters.count {
            let run = characters[i..<(i + 4)]
            if run.allSatisfy(\.isASCIIDigitOrFullWidth), characters[i + 4] == "年",
               i == 0 || !characters[i - 1].isASCIIDigitOrFullWidth,
               let value = Int(String(run)), (1990...2100).contains(value) {
                year = value
                break
            }
            i += 1
        }
        if year == nil {
            // 二〇二三年
            let digits: [Character: Int] = ["〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
                                            "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
            var j = 0
            while j + 4 < characters.count, year == nil {
                let run = characters[j..<(j + 4)]
                if characters[j + 4] == "年", run.allSatisfy({ digits[$0] != nil }) {
                    let value = run.reduce(0) { $0 * 10 + digits[$1]! }
                    if (1990...2100).contains(value) { year = value }
                }
                j += 1
            }
        }
        let parts: [(words: [String], part: Period.Part)] = [
            (["上半年", "1-6月", "1至6月", "一至六月", "前半年"], .h1),
            (["下半年", "7-12月", "7至12月", "七至十二月"], .h2),
            (["第一季度", "一季度", "1季度", "1-3月", "1至3月", "一至三月"], .q1),
            (["第二季度", "二季度", "2季度", "4-6月", "4至6月", "四至六月"], .q2),
            (["第三季度", "三季度", "3季度", "7-9月", "7至9月", "七至九月"], .q3),
            (["第四季度", "四季度", "4季度", "10-12月", "10至12月", "十至十二月"], .q4),
            // `2023年半年工作总结`, `年中`: the first half.
            (["半年", "年中"], .h1),
        ]
        let folded = String(characters)
        for (words, part) in parts where words.contains(where: folded.contains) {
            return Period(year: year, part: part)
        }
        let yearWords = ["年度", "全年", "年终", "一年来", "总结"]
        if year != nil, yearWords.contains(where: folded.contains) { return Period(year: year, part: .year) }
        return Period(year: year, part: nil)
    }
}
