/// The consolidated report as Markdown (`summary.md`): the text the department's staff review.
struct SummaryMarkdown {
    let consolidation: Consolidation
    let configuration: PipelineConfiguration

    private var themeLabels: [String: String] {
        Dictionary(uniqueKeysWithValues: configuration.themes.map { ($0.id, $0.label) })
    }

    func render() -> String {
        var lines: [String] = ["# \(consolidation.title)", "", overview(), ""]
        lines += ["## 一、主要做法和成效", ""]
        lines += commonPractices()
        lines += figures()
        lines += distinctivePractices()
        lines += ["## 二、存在的主要问题", ""]
        lines += problems()
        lines += ["## 三、下一步工作打算", ""]
        lines += plans()
        lines += ["## 附件：各单位报送情况", ""]
        lines += appendix()
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Sections

    private func overview() -> String {
        let units = consolidation.units
        let received = units.filter { $0.status == .received }
        let quarantined = units.filter { $0.status == .quarantined }
        let missing = units.filter { $0.status == .missing }
        let due = Set(units.map(\.unit)).count
        var text = "本期\(due)个单位应报送党建工作情况，已收到\(received.count + quarantined.count)个单位的材料"
        text += "，其中\(received.count)个单位的材料计入本汇总"
        if !quarantined.isEmpty {
            text += "；\(quarantined.count)个单位的文件无法读取，已隔离待重新报送（\(Self.list(quarantined.map(\.unit)))）"
        }
        let superseded = units.filter { $0.status == .superseded }
        if !superseded.isEmpty {
            text += "；\(superseded.count)份重复报送以较新一份为准"
        }
        text += missing.isEmpty ? "；所有单位均已报送" : "；未报送\(missing.count)个（\(Self.list(missing.map(\.unit)))）"
        return text + "。现将汇总情况报告如下。"
    }

    /// Practices of two or more units, gathered under their theme.
    private func commonPractices() -> [String] {
        var lines = ["### （一）共性做法", ""]
        var byTheme: [String: [StatementGroup]] = [:]
        var unthemed: [StatementGroup] = []
        for group in consolidation.achievements where group.origin == nil {
            if let theme = group.theme { byTheme[theme, default: []].append(group) } else if group.units.count > 1 { unthemed.append(group) }
        }
        let order = Dictionary(uniqueKeysWithValues: configuration.themes.enumerated().map { ($1.id, $0) })
        let themes = byTheme.map { theme, groups in
            (theme: theme, groups: groups, units: Set(groups.flatMap(\.units)).sorted())
        }
        .filter { $0.units.count > 1 }
        .sorted { ($1.units.count, order[$0.theme] ?? .max) < ($0.units.count, order[$1.theme] ?? .max) }
        var number = 0
        for entry in themes {
            number += 1
            let example = entry.groups.max { Merger.informativeness($0.text) < Merger.informativeness($1.text) }!
            lines.append("\(number). **\(themeLabels[entry.theme] ?? entry.theme)**（\(entry.units.count)个单位：\(Self.list(entry.units))）。"
                + "如\(example.units[0])：\(Self.quote(Self.gist(example.text)))。")
        }
        for group in unthemed {
            number += 1
            lines.append("\(number). \(Self.gist(group.text))（\(group.units.count)个单位：\(Self.list(group.units))）。")
        }
        if number == 0 { lines.append("本期各单位未报送共性做法。") }
        return lines + [""]
    }

    /// Totals of the main counts, with the units whose figure was not filled in.
    private func figures() -> [String] {
        var lines = ["### （二）主要工作量", ""]
        let main = configuration.metrics.activities.filter(\.main).map(\.name)
        let totals = consolidation.metrics.filter { main.contains($0.activity) }
            .sorted { (main.firstIndex(of: $0.activity)!, $0.unit) < (main.firstIndex(of: $1.activity)!, $1.unit) }
        for total in totals {
            var line = "- \(total.activity)：共计\(total.total)\(total.unit)"
            if total.approx { line += "（含约数）" }
            if !total.units.isEmpty {
                line += "，涉及\(total.units.count)个单位（"
                    + total.units.map { "\($0.unit)\($0.value)\($0.approx ? "余" : "")\(total.unit)" }.joined(separator: "、") + "）"
            }
            if !total.unknown.isEmpty {
                line += "；\(Self.list(total.unknown))的数字未填写，未计入"
            }
            lines.append(line + "。")
        }
        if totals.isEmpty { lines.append("本期各单位未报送可汇总的工作量数据。") }
        return lines + [""]
    }

    /// Practices of single units with figures or named programmes.
    private func distinctivePractices() -> [String] {
        var lines = ["### （三）特色做法", ""]
        let distinctive = consolidation.achievements.filter(\.distinctive)
            .sorted { Merger.informativeness($0.text) > Merger.informativeness($1.text) }
            .prefix(configuration.merge.distinctiveLimit)
        for group in distinctive {
            lines.append("- **\(group.units[0])**：\(Self.gist(group.text, withFigures: true))")
        }
        if distinctive.isEmpty { lines.append("本期未发现单个单位的特色做法。") }
        return lines + [""]
    }

    private func problems() -> [String] {
        var lines: [String] = []
        for (index, group) in consolidation.problems.enumerated() {
            let example = group.items.first { $0.text == group.text } ?? group.items[0]
            lines.append("### （\(ChineseNumber.text(index + 1))）\(group.label)")
            lines.append("")
            lines.append("\(group.units.count)个单位反映此类问题（\(Self.list(group.units))），共\(group.items.count)条。"
                + "如\(example.unit)：\(Self.quote(Self.gist(group.text)))。")
            lines.append("")
        }
        if consolidation.problems.isEmpty { lines += ["本期各单位未报送存在的问题。", ""] }
        return lines
    }

    private func plans() -> [String] {
        var lines: [String] = []
        var byTheme: [String: [StatementGroup]] = [:]
        var rest: [StatementGroup] = []
        for group in consolidation.plans {
            if let theme = group.theme { byTheme[theme, default: []].append(group) } else { rest.append(group) }
        }
        let order = Dictionary(uniqueKeysWithValues: configuration.themes.enumerated().map { ($1.id, $0) })
        let themes = byTheme.map { (theme: $0, groups: $1, units: Set($1.flatMap(\.units)).sorted()) }
            .sorted { ($1.units.count, order[$0.theme] ?? .max) < ($0.units.count, order[$1.theme] ?? .max) }
        var number = 0
        for entry in themes {
            number += 1
            let example = entry.groups.max { Merger.informativeness($0.text) < Merger.informativeness($1.text) }!
            lines.append("\(number). **\(themeLabels[entry.theme] ?? entry.theme)**（\(entry.units.count)个单位：\(Self.list(entry.units))）。"
                + "如\(example.units[0])：\(Self.quote(Self.gist(example.text)))。")
        }
        for group in rest {
            number += 1
            lines.append("\(number). \(Self.gist(group.text))（\(Self.list(group.units))）。")
        }
        if number == 0 { lines.append("本期各单位未报送下一步工作打算。") }
        return lines + [""]
    }

    private func appendix() -> [String] {
        var lines = ["| 序号 | 单位 | 报送情况 | 文件 | 模板残留 | 未填写处 | 主要数据 | 说明 |",
                     "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        var figures: [String: [String]] = [:]
        let main = Set(configuration.metrics.activities.filter(\.main).map(\.name))
        for total in consolidation.metrics where main.contains(total.activity) {
            for contribution in total.units {
                figures[contribution.unit, default: []].append("\(total.activity)\(contribution.value)\(total.unit)")
            }
            for unit in total.unknown { figures[unit, default: []].append("\(total.activity)未填") }
        }
        let statusWords: [SubmissionStatus: String] = [.received: "已报送", .missing: "未报送", .quarantined: "无法读取，已隔离",
                                                       .superseded: "重复报送，未计入"]
        for (index, entry) in consolidation.units.enumerated() {
            let cells = [
                String(index + 1), entry.unit, statusWords[entry.status]!, entry.source ?? "—",
                entry.residue > 0 ? "\(entry.residue)处" : "无", entry.placeholders > 0 ? "\(entry.placeholders)处" : "无",
                entry.status == .received ? (figures[entry.unit]?.joined(separator: "；") ?? "—") : "—",
                entry.warnings.isEmpty ? "—" : entry.warnings.joined(separator: "；"),
            ]
            lines.append("| " + cells.map(Self.cell).joined(separator: " | ") + " |")
        }
        return lines
    }

    // MARK: Wording

    static func list(_ units: [String]) -> String { units.joined(separator: "、") }

    static func quote(_ text: String) -> String { "“" + text + "”" }

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "｜").replacingOccurrences(of: "\n", with: " ")
    }

    /// The first sentence of a statement, shortened to a readable length; with
    /// `withFigures`, the first sentence that states a figure is added when the first has none.
    static func gist(_ text: String, withFigures: Bool = false, limit: Int = 90) -> String {
        let sentences = text.split(whereSeparator: { $0 == "。" || $0 == "；" || $0 == "！" }).map(String.init)
        guard var result = sentences.first else { return text }
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
