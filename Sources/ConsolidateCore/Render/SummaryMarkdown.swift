/// The consolidated report as Markdown (`summary.md`): the text the department's staff review.
struct SummaryMarkdown {
    let consolidation: Consolidation
    let configuration: PipelineConfiguration

    /// The area's name, left out of unit names in running text (`财政局` for `青川区财政局`).
    private var area: String { consolidation.title.components(separatedBy: "\(consolidation.period.chineseName)基层").first ?? "" }

    func render() -> String {
        var lines: [String] = ["# \(consolidation.title)", "", overview(), ""]
        lines += ["## 一、主要做法和成效", "", "### （一）共性做法", ""]
        lines += themed(consolidation.achievements.filter { $0.origin == nil }, commonOnly: true,
                        empty: "本期各单位未报送共性做法。")
        lines += figures()
        lines += distinctivePractices()
        lines += ["## 二、存在的主要问题", ""]
        lines += problems()
        lines += ["## 三、下一步工作打算", ""]
        lines += themed(consolidation.plans, commonOnly: false, empty: "本期各单位未报送下一步工作打算。")
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
            text += "；\(quarantined.count)个单位的文件无法读取，已隔离待重新报送（\(list(quarantined.map(\.unit)))）"
        }
        let superseded = units.filter { $0.status == .superseded }
        if !superseded.isEmpty {
            text += "；\(superseded.count)份重复报送以较新一份为准"
        }
        text += missing.isEmpty ? "；所有单位均已报送" : "；未报送\(missing.count)个（\(list(missing.map(\.unit)))）"
        return text + "。现将汇总情况报告如下。"
    }

    /// Statements gathered under their themes, most units first, each theme once with its units and an
    /// example in a unit's own words; then statements of no theme (with `commonOnly`, only those of several units).
    private func themed(_ groups: [StatementGroup], commonOnly: Bool, empty: String) -> [String] {
        var byTheme: [String: [StatementGroup]] = [:]
        var rest: [StatementGroup] = []
        for group in groups {
            if let theme = group.theme { byTheme[theme, default: []].append(group) } else if !commonOnly || group.units.count > 1 {
                rest.append(group)
            }
        }
        var lines: [String] = []
        for (number, theme) in configuration.themes
            .compactMap({ theme in byTheme[theme.id].map { (theme: theme, groups: $0, units: Set($0.flatMap(\.units)).sorted()) } })
            .filter({ !commonOnly || $0.units.count > 1 })
            .enumerated()
            .sorted(by: { ($1.element.units.count, $0.offset) < ($0.element.units.count, $1.offset) })
            .map(\.element).enumerated() {
            let example = theme.groups.max { exampleRank($0, theme: theme.theme) < exampleRank($1, theme: theme.theme) }!
            lines.append("\(number + 1). **\(theme.theme.label)**（\(unitCount(theme.units))）。"
                + "如\(short(example.units[0]))：\(Self.quote(Self.gist(example.text)))。")
        }
        for group in rest {
            lines.append("\(lines.count + 1). \(Self.gist(group.text))（\(list(group.units))）。")
        }
        if lines.isEmpty { lines.append(empty) }
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
                    + total.units.map { "\(short($0.unit))\($0.value)\($0.approx ? "余" : "")\(total.unit)" }.joined(separator: "、") + "）"
            }
            if !total.unknown.isEmpty {
                line += "；\(list(total.unknown))的数字未填写，未计入"
            }
            lines.append(line + "。")
        }
        if totals.isEmpty { lines.append("本期各单位未报送可汇总的工作量数据。") }
        return lines + [""]
    }

    /// Practices of single units with figures or named programmes, most informative first.
    private func distinctivePractices() -> [String] {
        var lines = ["### （三）特色做法", ""]
        let distinctive = consolidation.achievements.filter(\.distinctive)
            .sorted { Merger.informativeness($0.text) > Merger.informativeness($1.text) }
            .prefix(configuration.merge.distinctiveLimit)
        for group in distinctive {
            lines.append("- **\(short(group.units[0]))**：\(Self.gist(group.text, withFigures: true, limit: 140))。")
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
            lines.append("\(group.units.count)个单位反映此类问题（\(list(group.units))），共\(group.items.count)条。"
                + "如\(short(example.unit))：\(Self.quote(Self.gist(group.text)))。")
            lines.append("")
        }
        if consolidation.problems.isEmpty { lines += ["本期各单位未报送存在的问题。", ""] }
        return lines
    }

    private func appendix() -> [String] {
        var lines = ["| 序号 | 单位 | 报送情况 | 文件 | 模板残留 | 未填写处 | 主要数据 | 说明 |",
                     "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        var figures: [String: [String]] = [:]
        let main = configuration.metrics.activities.filter(\.main).map(\.name)
        for total in consolidation.metrics.sorted(by: { (main.firstIndex(of: $0.activity) ?? .max) < (main.firstIndex(of: $1.activity) ?? .max) })
        where main.contains(total.activity) {
            for contribution in total.units {
                figures[contribution.unit, default: []].append(
                    "\(total.activity)\(contribution.value)\(contribution.approx ? "余" : "")\(total.unit)")
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
                entry.warnings.isEmpty ? "—" : entry.warnings.joined(separator: " "),
            ]
            lines.append("| " + cells.map(Self.cell).joined(separator: " | ") + " |")
        }
        return lines
    }

    // MARK: Wording

    /// A unit's name in running text, without the area every unit shares.
    private func short(_ unit: String) -> String {
        !area.isEmpty && unit.hasPrefix(area) && unit.count > area.count ? String(unit.dropFirst(area.count)) : unit
    }

    private func list(_ units: [String]) -> String { units.map(short).joined(separator: "、") }

    /// `全部12个单位` where every received unit is named, else `5个单位：甲、乙…`.
    private func unitCount(_ units: [String]) -> String {
        let received = consolidation.units.filter { $0.status == .received }.count
        return units.count == received && received > 2 ? "全部\(received)个单位" : "\(units.count)个单位：\(list(units))"
    }

    /// A theme's example: a statement whose first sentence names the theme, the one most units share, most informative.
    private func exampleRank(_ group: StatementGroup, theme: PipelineConfiguration.Theme) -> (Int, Int, Int, Int, String) {
        let head = Self.gist(group.text)
        let (figures, brevity, text) = Merger.informativeness(group.text)
        return (theme.keywords.contains { head.contains($0) } ? 1 : 0, group.units.count, figures, brevity, text)
    }

    static func quote(_ text: String) -> String { "“" + text + "”" }

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
