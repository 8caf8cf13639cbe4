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
        text.replacingOccurrences(of: "|", with: "｜").replacingOccurrences(of: "\n", with: " ")
    }

    /// The first sentence of a statement (two where the first is only a short heading), shortened
    /// to a readable length; with `withFigures`, the first sentence stating a figure is added.
    static func gist(_ text: String, withFigures: Bool = false, limit: Int = 90) -> String {
        let sentences = text.split(whereSeparator: { $0 == "。" || $0 == "；" || $0 == "！" }).map(String.init)
        guard var result = sentences.first else { return text }
        if result.count < 8, sentences.count > 1 { result += "，" + sentences[1] }
        if withFigures, !result.contains(where: \.isNumber),
           let figured = sentences.dropFirst().first(where: { $0.contains(where: \.isNumber) }) {
            result += "。" + figured
        }
        if result.count > limit { result = String(result.prefix(limit)) + "…" }
        return result
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
