/// Deciding what the summary says: which themes are common, which example to quote, how units are named.
extension SummaryView {
    public init(consolidation: Consolidation, configuration: PipelineConfiguration) {
        let words = Wording(consolidation: consolidation, configuration: configuration)
        self.init(words: words, account: words.accountRows(), themed: Themed(consolidation, configuration: configuration))
    }

    /// The practices of no origin (those of more than one unit are the common practices) and the plans,
    /// under their themes: review.html shows them so too.
    struct Themed: Sendable {
        let practices: ThemedGroups
        let plans: ThemedGroups

        init(_ consolidation: Consolidation, configuration: PipelineConfiguration) {
            practices = Self.practices(consolidation, configuration: configuration)
            plans = Self.plans(consolidation, configuration: configuration)
        }

        static func practices(_ consolidation: Consolidation, configuration: PipelineConfiguration) -> ThemedGroups {
            ThemedGroups(consolidation.achievements.filter { $0.origin == nil }, themes: configuration.themes)
        }

        static func plans(_ consolidation: Consolidation, configuration: PipelineConfiguration) -> ThemedGroups {
            ThemedGroups(consolidation.plans, themes: configuration.themes)
        }
    }

    /// The view from `words`, the account of units (`Wording.accountRows`) and the themed groups
    /// already made: review.html shows the same account, overview and themes, made once for both.
    init(words: Wording, account: [Wording.AccountRow], themed: Themed) {
        let consolidation = words.consolidation, configuration = words.configuration
        title = consolidation.title
        overview = words.overview()
        let common = words.practices(themed.practices, commonOnly: true)
        commonPractices = common.practices
        figures = words.figures()
        let distinctive = words.distinctivePractices(quoted: common.quoted)
        distinctivePractices = distinctive.named
        let unnamed = (consolidation.unnamedSingleUnitPractices ?? 0) + distinctive.left
        otherSinglePractices = unnamed > 0 ? String(unnamed) : nil
        problems = words.problems()
        plans = words.practices(themed.plans, commonOnly: false).practices
        (units, unitsNotListed) = words.unitRows(account, limit: configuration.render.maxUnitRows)
    }

    /// The rules for naming units and choosing examples, shared by the parts of the view.
    struct Wording {
        let consolidation: Consolidation
        let configuration: PipelineConfiguration
        /// How many units' reports were received: worked out once, not once per practice.
        let received: Int
        /// The area's name, left out of unit names in running text (`财政局` for `青川区财政局`):
        /// worked out once, not once per unit named.
        let area: String

        init(consolidation: Consolidation, configuration: PipelineConfiguration) {
            self.consolidation = consolidation
            self.configuration = configuration
            received = consolidation.units.reduce(0) { $0 + ($1.status == .received ? 1 : 0) }
            area = consolidation.title.components(separatedBy: "\(consolidation.period.chineseName)基层").first ?? ""
        }

        /// The account of units by unit, not by file: a unit counts once, by the best of its files.
        func overview() -> Overview {
            let byUnit = Dictionary(grouping: consolidation.units, by: \.unit)
            let status: [String: SubmissionStatus] = byUnit.mapValues { entries in
                let statuses = Set(entries.map(\.status))
                for candidate in [SubmissionStatus.received, .quarantined, .missing] where statuses.contains(candidate) { return candidate }
                return .superseded
            }
            // A consolidation written before `due` existed still shows its missing units.
            let roster = consolidation.due != nil || consolidation.units.contains { $0.status == .missing }
            // Each unit looked at once, in name order (its status and files found once, not once per list).
            var received = 0, submitted = 0
            var quarantined: [String] = [], missing: [String] = [], outside: [String] = [], unidentified: [String] = []
            for unit in Merger.uniqueSorted(Array(status.keys)) {
                let state = status[unit]!, entries = byUnit[unit]!
                let onRoster = !entries.contains { $0.notOnRoster == true }
                switch state {
                case .received: received += 1
                case .quarantined: quarantined.append(unit)
                case .missing: missing.append(unit)
                case .superseded: break
                }
                if roster && !onRoster && state != .missing { outside.append(unit) }
                if entries.contains(where: { $0.identifiedBy == .file }) { unidentified.append(unit) }
                if (state == .received || state == .quarantined) && (!roster || onRoster) { submitted += 1 }
            }
            let superseded = consolidation.units.filter { $0.status == .superseded }
            return Overview(
                due: consolidation.due ?? Set(consolidation.units.filter { $0.notOnRoster != true }.map(\.unit)).count, submitted: submitted, counted: received,
                quarantined: quarantined.isEmpty ? nil : UnitSet(count: quarantined.count, units: list(quarantined)),
                superseded: superseded.isEmpty ? nil : superseded.count,
                missing: missing.isEmpty ? nil : UnitSet(count: missing.count, units: list(missing)),
                roster: roster,
                notOnRoster: outside.isEmpty ? nil : UnitSet(count: outside.count, units: list(outside)),
                unidentified: unidentified.isEmpty ? nil : UnitSet(count: unidentified.count, units: list(unidentified)))
        }

        /// Statements gathered under their themes, most units first, each theme once with its units, an
        /// example in a unit's own words (the central wording of its largest practice, quoted with the
        /// unit that wrote it) and the other practices several units share under it; then statements of
        /// no theme (with `commonOnly`, only those of several units). `quoted` holds the texts quoted.
        func practices(_ themed: ThemedGroups, commonOnly: Bool) -> (practices: [Practice], quoted: Set<String>) {
            let rest = themed.rest.filter { group in
                // A line that only introduces the items after it (`重点抓好以下工作：`) says no practice of its own;
                // it stays in summary.json and review.html, not in the report's text.
                (!commonOnly || group.units.count > 1) && !group.text.hasSuffix("：") && !group.text.hasSuffix(":")
            }
            var practices: [Practice] = []
            var quoted = Set<String>()
            let limit = configuration.render.maxPracticesNamed
            for theme in themed.themes where !commonOnly || theme.units.count > 1 {
                // Each group's rank worked out once, not once per comparison (the same order).
                let ranked = theme.groups.map { (rank: exampleRank($0, theme: theme.theme), group: $0) }
                    .sorted { $0.rank > $1.rank }.map(\.group)
                let example = ranked[0]
                quoted.insert(example.text)
                let others = ranked.dropFirst().filter { $0.units.count > 1 && !$0.heading }
                    .sorted { ($1.units.count, $0.text) < ($0.units.count, $1.text) }
                let named = Array(others.prefix(limit))
                quoted.formUnion(named.map(\.text))
                let shared = named.enumerated().map { offset, group in
                    SharedPractice(text: SummaryMarkdown.gist(group.text, limit: 60, heading: 16), unitCount: group.units.count,
                                   exampleUnit: short(speaker(of: group)), separator: offset + 1 < named.count ? "；" : "。")
                }
                let left = theme.groups.count - 1 - named.count
                practices.append(Practice(number: practices.count + 1, theme: theme.theme.label, unitCount: unitCount(theme.units),
                                          unitList: list(theme.units), exampleUnit: short(speaker(of: example)),
                                          example: SummaryMarkdown.gist(example.text, heading: 16), text: nil, shared: shared,
                                          hasShared: !shared.isEmpty, otherPractices: !shared.isEmpty && left > 0 ? left : nil,
                                          exampleSource: example.text))
            }
            for group in rest {
                practices.append(Practice(number: practices.count + 1, theme: nil, unitCount: unitCount(group.units),
                                          unitList: list(group.units), exampleUnit: nil, example: nil,
                                          text: SummaryMarkdown.gist(group.text)))
                quoted.insert(group.text)
            }
            return (practices, quoted)
        }

        /// The unit whose words a group's text is: its representative member's.
        func speaker(of group: StatementGroup) -> String {
            group.unit ?? group.members.first { $0.text == group.text }?.unit ?? group.units[0]
        }

        /// Totals of the main counts, with the units whose figure was not filled in: a line per main
        /// activity and measure word. A total that counted nothing (every unit's figure unfilled, as
        /// `积极分子x人`) is no line of its own where its activity has another: its units join that
        /// line's unfilled ones, so that the activity is named once.
        func figures() -> [Figure] {
            let main = configuration.metrics.activities.filter(\.main).map(\.name)
            let totals = consolidation.metrics.filter { main.contains($0.activity) }
                .sorted { (main.firstIndex(of: $0.activity)!, $0.unit) < (main.firstIndex(of: $1.activity)!, $1.unit) }
            // Per activity, the line that takes the others' unfilled units: its first that counted a figure, else its first.
            var taker: [String: Int] = [:]
            for (index, total) in totals.enumerated() {
                if let current = taker[total.activity], !totals[current].units.isEmpty || total.units.isEmpty { continue }
                taker[total.activity] = index
            }
            var unknown = totals.map(\.unknown)
            for (index, total) in totals.enumerated() where total.units.isEmpty {
                guard let target = taker[total.activity], target != index else { continue }
                // A unit already named on the line, or counted on it, is not named again.
                var named = Set(totals[target].units.map(\.unit)).union(unknown[target])
                let added = total.unknown.filter { named.insert($0).inserted }
                unknown[target] = (unknown[target] + added).sorted()
            }
            return totals.indices.filter { !totals[$0].units.isEmpty || taker[totals[$0].activity] == $0 }.map { index in
                let total = totals[index]
                return Figure(activity: total.activity, total: total.total, measure: total.unit, approx: total.approx,
                              unitCount: total.units.count,
                              contributions: total.units.isEmpty ? nil : contributions(total),
                              unknown: unknown[index].isEmpty ? nil : list(unknown[index]))
            }
        }

        /// Each unit's figure; past `render.maxUnitsNamed` units, a handful of the largest figures and where the others are.
        func contributions(_ total: MetricTotal) -> String {
            let limit = configuration.render.maxUnitsNamed
            let named = total.units.count <= limit ? total.units
                : total.units.firsts(min(limit, Self.handful)) { ($1.value, $0.unit) < ($0.value, $1.unit) }
            let text = named.map { contribution -> String in
                let name = short(contribution.unit)
                // `w12 2次`, not `w122次`: a name that ends in a Latin letter or digit (a file name
                // standing in for an unnamed unit) is set apart from its figure.
                let gap = name.unicodeScalars.last.map { $0.isASCIIDigitOrFullWidth || $0.isASCIILetter } == true ? " " : ""
                return "\(name)\(gap)\(contribution.value)\(contribution.approx ? "余" : "")\(total.unit)"
            }.joined(separator: "、")
            return total.units.count <= limit ? text : "其中较多的有" + text + "等；各单位数字见附件"
        }

        /// Practices of single units with figures or named programmes, most informative first, at most
        /// `merge.distinctiveLimit`; never one whose words are already quoted for a common practice
        /// (`quoted`). `left` counts the distinctive ones not named.
        func distinctivePractices(quoted: Set<String>) -> (named: [Distinctive], left: Int) {
            // A heading or a site's line copied by many (`【以下为会员内容】`) is never held up as a practice.
            let candidates = consolidation.achievements.filter { $0.distinctive && !$0.heading && !quoted.contains($0.text) }
                .map { (rank: Merger.informativeness($0.text), group: $0) }
                .sorted { $0.rank > $1.rank }.map(\.group)
            let limit = configuration.merge.distinctiveLimit
            let named = candidates.prefix(limit).map { group in
                // A first sentence that only heads the practice (`聚焦关心关爱，增强队伍凝聚力。`) is
                // followed by the sentence that says what was done.
                Distinctive(unit: short(speaker(of: group)),
                            text: SummaryMarkdown.gist(group.text, withFigures: true, limit: 140, heading: 20), source: group.text)
            }
            // The merge counted as unnamed all single-unit practices beyond the first `limit` distinctive
            // ones; those now left out for being quoted above are not named here either.
            let distinctive = consolidation.achievements.filter(\.distinctive).count
            return (named, max(0, min(distinctive, limit) - named.count))
        }

        func problems() -> [Problem] {
            // Statements tallied under another category first that name this one too.
            var also: [String: Int] = [:]
            for group in consolidation.problems {
                for item in group.items { for category in (item.categories ?? []).dropFirst() { also[category, default: 0] += 1 } }
            }
            return consolidation.problems.enumerated().map { index, group in
                let example = group.items.first { $0.text == group.text } ?? group.items[0]
                return Problem(number: ChineseNumber.text(index + 1), label: group.label, unitCount: group.units.count,
                               units: list(group.units), itemCount: group.items.count, exampleUnit: short(example.unit),
                               example: SummaryMarkdown.gist(group.text), alsoNamed: also[group.category])
            }
        }

        /// The 附件's rows of `account` (`accountRows()`).
        /// The appendix's rows, numbered as in the account: every unit's where there are at most
        /// `limit`; else `limit` of them, those with something to tell (not received, or a remark) first,
        /// in the account's order; and how many are left out (nil where none). Only the rows listed
        /// have their figures worded: a province's account is a hundred thousand units, its appendix 200.
        func unitRows(_ account: [AccountRow], limit: Int) -> (rows: [UnitRow], notListed: Int?) {
            let cell = SummaryMarkdown.cell
            let remarks = account.map { cell($0.remarks.isEmpty ? "—" : $0.remarks.joined(separator: " ")) }
            var listed = Array(account.indices)
            if account.count > limit {
                let quiet = { (index: Int) in account[index].status == Self.statusWords[.received] && remarks[index] == "—" }
                let kept = Set((account.indices.filter { !quiet($0) } + account.indices.filter(quiet)).prefix(limit))
                listed = listed.filter(kept.contains)
            }
            let listedUnits: Set<String>? = listed.count < account.count ? Set(listed.map { account[$0].entry.unit }) : nil
            var figures: [String: [String]] = [:]
            let main = configuration.metrics.activities.filter(\.main).map(\.name)
            for total in consolidation.metrics.sorted(by: { (main.firstIndex(of: $0.activity) ?? .max) < (main.firstIndex(of: $1.activity) ?? .max) })
            where main.contains(total.activity) {
                for contribution in total.units where listedUnits?.contains(contribution.unit) ?? true {
                    figures[contribution.unit, default: []].append(
                        "\(total.activity)\(contribution.value)\(contribution.approx ? "余" : "")\(total.unit)")
                }
                for unit in total.unknown where listedUnits?.contains(unit) ?? true { figures[unit, default: []].append("\(total.activity)未填") }
            }
            let rows = listed.map { index in
                let main = account[index].entry
                return UnitRow(
                    number: index + 1, unit: cell(main.unit), status: account[index].status, file: cell(main.source ?? "—"),
                    residue: main.residue > 0 ? "\(main.residue)处" : "无",
                    placeholders: main.placeholders > 0 ? "\(main.placeholders)处" : "无",
                    figures: cell(main.status == .received ? (figures[main.unit]?.joined(separator: "；") ?? "—") : "—"),
                    remarks: remarks[index])
            }
            return (rows, listed.count < account.count ? account.count - listed.count : nil)
        }

        /// One line of the account of units: a unit's file that counts (or, with no readable file,
        /// its latest), its status in words, and what it is told, with what became of its other files.
        struct AccountRow: Sendable {
            var entry: UnitEntry
            var status: String
            var remarks: [String]
        }

        /// The account by unit, in the consolidation's order: one row per unit, however many files it sent.
        func accountRows() -> [AccountRow] {
            // A unit that gave different figures for one activity is told which was counted.
            var conflicts: [String: [String]] = [:]
            for total in consolidation.metrics {
                for conflict in total.conflicts ?? [] where !conflict.breakdown {
                    let values = conflict.figures.map { "\($0.value)\($0.approx ? "余" : "")\(total.unit)" }.joined(separator: "、")
                    conflicts[conflict.unit, default: []].append(
                        "\(total.activity)报了不同的数字（\(values)），合计按\(conflict.kept)\(total.unit)计入，请核实。")
                }
            }
            let byUnit = Dictionary(grouping: consolidation.units, by: \.unit)
            var rows: [AccountRow] = []
            var seen = Set<String>()
            for entry in consolidation.units where seen.insert(entry.unit).inserted {
                let entries = byUnit[entry.unit] ?? [entry]
                let main = entries.first { $0.status == .received } ?? entries.first { $0.status == .quarantined }
                    ?? entries.first { $0.status == .missing } ?? entry
                var remarks = main.warnings
                if main.status == .received { remarks += conflicts[main.unit] ?? [] }
                for other in entries where other != main {
                    switch other.status {
                    case .superseded:
                        remarks.append("另报送的 \(other.source ?? "—") 未计入（由 \(other.supersededBy ?? "较新的一份") 取代）。")
                    case .quarantined:
                        remarks.append("另报送的 \(other.source ?? "—") 无法读取，已隔离：\(other.warnings.first ?? "")")
                    default:
                        break
                    }
                }
                var status = Self.statusWords[main.status]!
                if main.status != .missing {
                    if main.notOnRoster == true { status += "（名单外）" }
                    if main.identifiedBy == .file { status += "（单位未识别）" }
                }
                rows.append(AccountRow(entry: main, status: status, remarks: remarks))
            }
            return rows
        }

        static let statusWords: [SubmissionStatus: String] = [
            .received: "已报送", .missing: "未报送", .quarantined: "无法读取，已隔离", .superseded: "重复报送，未计入",
        ]

        /// A unit's name in running text, without the area every unit shares.
        func short(_ unit: String) -> String {
            !area.isEmpty && unit.hasPrefix(area) && unit.count > area.count ? String(unit.dropFirst(area.count)) : unit
        }

        /// Units by their short names; past `render.maxUnitsNamed`, a handful of them (at most five) and
        /// where the whole list is: a line of twenty names among thousands says no more than five.
        func list(_ units: [String]) -> String {
            let limit = configuration.render.maxUnitsNamed
            guard units.count > limit else { return units.map(short).joined(separator: "、") }
            // The 附件 lists every unit only up to `render.maxUnitRows`.
            let whole = consolidation.units.count > configuration.render.maxUnitRows ? "review.html 和 summary.json" : "review.html 和附件"
            return units.prefix(min(limit, Self.handful)).map(short).joined(separator: "、") + "等（全部名单见 \(whole)）"
        }

        /// How many units a sentence names where it cannot name them all.
        static let handful = 5

        /// `全部12个单位` where every received unit is named, `5个单位：甲、乙…` for a few, `300个单位，名单见 review.html` past `render.maxUnitsNamed`.
        func unitCount(_ units: [String]) -> String {
            if units.count == received && received > 2 { return "全部\(received)个单位" }
            // Past `render.maxUnitsNamed`, the count alone: the names of a city's units fill no sentence.
            if units.count > configuration.render.maxUnitsNamed { return "\(units.count)个单位，名单见 review.html" }
            return "\(units.count)个单位：\(list(units))"
        }

        /// A theme's example: no heading, the practice most units share, one whose first sentence names the theme, most informative.
        func exampleRank(_ group: StatementGroup, theme: PipelineConfiguration.Theme) -> (Int, Int, Int, Int, Int, String) {
            let head = SummaryMarkdown.gist(group.text)
            let (figures, brevity, text) = Merger.informativeness(group.text)
            return (group.heading ? 0 : 1, group.units.count, theme.keywords.contains { head.contains($0) } ? 1 : 0, figures, brevity, text)
        }
    }
}
