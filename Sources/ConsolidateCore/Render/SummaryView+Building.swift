/// Deciding what the summary says: which themes are common, which example to quote, how units are named.
extension SummaryView {
    public init(consolidation: Consolidation, configuration: PipelineConfiguration) {
        let words = Wording(consolidation: consolidation, configuration: configuration)
        title = consolidation.title
        overview = words.overview()
        commonPractices = words.practices(consolidation.achievements.filter { $0.origin == nil }, commonOnly: true)
        figures = words.figures()
        distinctivePractices = words.distinctivePractices()
        problems = words.problems()
        plans = words.practices(consolidation.plans, commonOnly: false)
        units = words.unitRows()
    }

    /// The rules for naming units and choosing examples, shared by the parts of the view.
    struct Wording {
        let consolidation: Consolidation
        let configuration: PipelineConfiguration

        /// The area's name, left out of unit names in running text (`财政局` for `青川区财政局`).
        var area: String {
            consolidation.title.components(separatedBy: "\(consolidation.period.chineseName)基层").first ?? ""
        }

        func overview() -> Overview {
            let units = consolidation.units
            let received = units.filter { $0.status == .received }
            let quarantined = units.filter { $0.status == .quarantined }
            let missing = units.filter { $0.status == .missing }
            let superseded = units.filter { $0.status == .superseded }
            return Overview(
                due: Set(units.map(\.unit)).count, submitted: received.count + quarantined.count, counted: received.count,
                quarantined: quarantined.isEmpty ? nil : UnitSet(count: quarantined.count, units: list(quarantined.map(\.unit))),
                superseded: superseded.isEmpty ? nil : superseded.count,
                missing: missing.isEmpty ? nil : UnitSet(count: missing.count, units: list(missing.map(\.unit))))
        }

        /// Statements gathered under their themes, most units first, each theme once with its units and an
        /// example in a unit's own words; then statements of no theme (with `commonOnly`, only those of several units).
        func practices(_ groups: [StatementGroup], commonOnly: Bool) -> [Practice] {
            var byTheme: [String: [StatementGroup]] = [:]
            var rest: [StatementGroup] = []
            for group in groups {
                if let theme = group.theme { byTheme[theme, default: []].append(group) } else if !commonOnly || group.units.count > 1 {
                    // A line that only introduces the items after it (`重点抓好以下工作：`) says no practice of its own;
                    // it stays in summary.json and review.html, not in the report's text.
                    if group.text.hasSuffix("：") || group.text.hasSuffix(":") { continue }
                    rest.append(group)
                }
            }
            var practices: [Practice] = []
            for theme in configuration.themes
                .compactMap({ theme in byTheme[theme.id].map { (theme: theme, groups: $0, units: Set($0.flatMap(\.units)).sorted()) } })
                .filter({ !commonOnly || $0.units.count > 1 })
                .enumerated()
                .sorted(by: { ($1.element.units.count, $0.offset) < ($0.element.units.count, $1.offset) })
                .map(\.element) {
                let example = theme.groups.max { exampleRank($0, theme: theme.theme) < exampleRank($1, theme: theme.theme) }!
                practices.append(Practice(number: practices.count + 1, theme: theme.theme.label, unitCount: unitCount(theme.units),
                                          unitList: list(theme.units), exampleUnit: short(example.units[0]),
                                          example: SummaryMarkdown.gist(example.text), text: nil))
            }
            for group in rest {
                practices.append(Practice(number: practices.count + 1, theme: nil, unitCount: unitCount(group.units),
                                          unitList: list(group.units), exampleUnit: nil, example: nil,
                                          text: SummaryMarkdown.gist(group.text)))
            }
            return practices
        }

        /// Totals of the main counts, with the units whose figure was not filled in.
        func figures() -> [Figure] {
            let main = configuration.metrics.activities.filter(\.main).map(\.name)
            return consolidation.metrics.filter { main.contains($0.activity) }
                .sorted { (main.firstIndex(of: $0.activity)!, $0.unit) < (main.firstIndex(of: $1.activity)!, $1.unit) }
                .map { total in
                    Figure(activity: total.activity, total: total.total, measure: total.unit, approx: total.approx,
                           unitCount: total.units.count,
                           contributions: total.units.isEmpty ? nil : total.units
                               .map { "\(short($0.unit))\($0.value)\($0.approx ? "余" : "")\(total.unit)" }.joined(separator: "、"),
                           unknown: total.unknown.isEmpty ? nil : list(total.unknown))
                }
        }

        /// Practices of single units with figures or named programmes, most informative first.
        func distinctivePractices() -> [Distinctive] {
            consolidation.achievements.filter(\.distinctive)
                .sorted { Merger.informativeness($0.text) > Merger.informativeness($1.text) }
                .prefix(configuration.merge.distinctiveLimit)
                .map { Distinctive(unit: short($0.units[0]), text: SummaryMarkdown.gist($0.text, withFigures: true, limit: 140)) }
        }

        func problems() -> [Problem] {
            consolidation.problems.enumerated().map { index, group in
                let example = group.items.first { $0.text == group.text } ?? group.items[0]
                return Problem(number: ChineseNumber.text(index + 1), label: group.label, unitCount: group.units.count,
                               units: list(group.units), itemCount: group.items.count, exampleUnit: short(example.unit),
                               example: SummaryMarkdown.gist(group.text))
            }
        }

        func unitRows() -> [UnitRow] {
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
            return consolidation.units.enumerated().map { index, entry in
                let cell = SummaryMarkdown.cell
                return UnitRow(
                    number: index + 1, unit: cell(entry.unit), status: statusWords[entry.status]!, file: cell(entry.source ?? "—"),
                    residue: entry.residue > 0 ? "\(entry.residue)处" : "无",
                    placeholders: entry.placeholders > 0 ? "\(entry.placeholders)处" : "无",
                    figures: cell(entry.status == .received ? (figures[entry.unit]?.joined(separator: "；") ?? "—") : "—"),
                    remarks: cell(entry.warnings.isEmpty ? "—" : entry.warnings.joined(separator: " ")))
            }
        }

        /// A unit's name in running text, without the area every unit shares.
        func short(_ unit: String) -> String {
            !area.isEmpty && unit.hasPrefix(area) && unit.count > area.count ? String(unit.dropFirst(area.count)) : unit
        }

        func list(_ units: [String]) -> String { units.map(short).joined(separator: "、") }

        /// `全部12个单位` where every received unit is named, else `5个单位：甲、乙…`.
        func unitCount(_ units: [String]) -> String {
            let received = consolidation.units.filter { $0.status == .received }.count
            return units.count == received && received > 2 ? "全部\(received)个单位" : "\(units.count)个单位：\(list(units))"
        }

        /// A theme's example: a statement whose first sentence names the theme, the one most units share, most informative.
        func exampleRank(_ group: StatementGroup, theme: PipelineConfiguration.Theme) -> (Int, Int, Int, Int, String) {
            let head = SummaryMarkdown.gist(group.text)
            let (figures, brevity, text) = Merger.informativeness(group.text)
            return (theme.keywords.contains { head.contains($0) } ? 1 : 0, group.units.count, figures, brevity, text)
        }
    }
}
