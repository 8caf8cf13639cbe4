/// The consolidated report as Markdown (`summary.md`): the text the department's staff review.
///
/// What it says is decided by `SummaryView`; how it is worded and arranged by the
/// summary template (the built-in one unless the pipeline names a file).
struct SummaryMarkdown {
    let consolidation: Consolidation
    let configuration: PipelineConfiguration
    var template: SummaryTemplate = .builtIn

    func render() -> String {
        template.render(SummaryView(consolidation: consolidation, configuration: configuration))
    }

    // MARK: Wording

    static func cell(_ text: String) -> String {
        // Most cells hold neither: one look at the bytes, not two Foundation searches per cell.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") }) else { return text }
        return text.replacingOccurrences(of: "|", with: "｜").replacingOccurrences(of: "\n", with: " ")
    }

    /// The first sentence of a statement (two where the first is a heading shorter than `heading`), shortened
    /// to a readable length; with `withFigures`, continued to the first sentence stating a figure
    /// where that fits. Always a run of the statement's own characters from its start (a cut
    /// marked by a trailing `…`), so a quote in the summary is the unit's words as written.
    static func gist(_ text: String, withFigures: Bool = false, limit: Int = 90, heading: Int = 8) -> String {
        // Only the first `limit + 1` characters can decide the gist: every end past `limit` gives the
        // same cut, so a statement of megabytes costs what one of a line does.
        let characters = Array(text.prefix(limit + 1))
        // Where each sentence ends (the index of its terminator, or the end of the text).
        var ends: [Int] = []
        // (Half-width `;` too: text copied from web pages often has it where a report has `；`.)
        for (index, character) in characters.enumerated()
        where character == "。" || character == "；" || character == "！" || character == ";" {
            if index > (ends.last.map { $0 + 1 } ?? 0) { ends.append(index) }
        }
        if ends.last.map({ $0 + 1 < characters.count }) ?? true { ends.append(characters.count) }
        guard let first = ends.first, first > 0 else { return text }
        var end = first
        if end < heading, ends.count > 1 { end = ends[1] }
        // Figures in digits: `三会一课` holds a numeral but states no figure.
        let digit: (Character) -> Bool = { $0.isNumber && ($0.isASCII || ("０"..."９").contains($0)) }
        // The first sentence end after the first figure, found in one pass (not one scan per sentence).
        if withFigures, end < characters.count, !characters[..<end].contains(where: digit),
           let figure = characters[end...].firstIndex(where: digit),
           let figured = ends.first(where: { $0 > figure }), figured <= limit {
            end = figured
        }
        if end > limit { return String(characters[..<limit]) + "…" }
        return String(characters[..<end])
    }
}

/// Chinese counting numerals for headings: 1 → 一, 12 → 十二, 21 → 二十一.
enum ChineseNumber {
    static func text(_ value: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard value > 0 && value < 100 else { return String(value) }
        if value < 10 { return digits[value] }
        let tens = value / 10, ones = value % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}
