/// The reviewer's page (`review.html`): every statement of the summary opens onto the
/// unit sentences it stands for, so a claim or a figure can be checked in one click.
///
/// One self-contained file (inline CSS and JS, nothing fetched) because it is mailed
/// around and opened on machines without network. The content is plain HTML inside
/// `<details>`, so it reads without JS too; the script only adds the filters and the
/// expand/collapse buttons. Every text is escaped; the bytes depend only on the
/// consolidation and the configuration.
public struct ReviewPage: Sendable {
    let consolidation: Consolidation
    let configuration: PipelineConfiguration
    /// What changed since the previous run into the same folder; nil where there is no such run
    /// (a roll-up by `merge`), and then the page has no changes section.
    let changes: ChangeReport?

    /// The sentences of summary.md that quote a group, by the gist of its wording: shown beside the sources.
    let sentences: [String: String]
    /// Keys of the statements a reviewer marked reviewed.
    let reviewed: Set<String>
    /// The overview, the account of units and the themed groups of the summary's view where it was
    /// made (summary.md's); nil where the page is made alone, and then it works them out itself.
    let shared: Shared?

    struct Shared: Sendable {
        let overview: SummaryView.Overview
        let account: [SummaryView.Wording.AccountRow]
        let themed: SummaryView.Themed
    }

    /// How many unit sentences one statement lists here at most: the rest are a click away in the
    /// review server, which keeps the page bounded at any number of units.
    static let sourceLimit = 30
    /// How many groups one theme, or one list of groups, shows at most (most units first).
    static let groupLimit = 40

    /// The line that says how many more a bounded list holds and where to see them.
    static func more(_ count: Int, _ what: String) -> String {
        "<p class=\"more\">另有\(count)\(what)未在本页列出：运行 consolidate review --out 本文件夹，可在审核页面中搜索、筛选和查看全部。</p>\n"
    }

    public init(consolidation: Consolidation, configuration: PipelineConfiguration, changes: ChangeReport? = nil) {
        self.init(consolidation: consolidation, configuration: configuration, changes: changes,
                  sentences: ReviewIndex.summarySentences(consolidation, configuration: configuration))
    }

    /// With the summary's sentences already worked out (from the view summary.md was written from).
    init(consolidation: Consolidation, configuration: PipelineConfiguration, changes: ChangeReport?, sentences: [String: String],
         shared: Shared? = nil) {
        self.consolidation = consolidation
        self.configuration = configuration
        self.changes = changes
        self.sentences = sentences
        self.reviewed = consolidation.review?.reviewedKeys ?? []
        self.shared = shared
    }

    public func render() -> String {
        var html = ""
        render { html += $0 }
        return html
    }

    /// The page, part after part, each passed to `emit` as it is made: written into its file as it
    /// comes, the page (tens of megabytes for a province) is never whole in memory.
    public func render(_ emit: (String) throws -> Void) rethrows {
        try emit("""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e("审阅：" + consolidation.title))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <header>
            <h1>\(e(consolidation.title))</h1>
            <p class="overview">\(e(overview()))</p>
            \(filters())
            </header>
            <main>

            """)
        try emit(attention())
        try emit(reviewSection())
        try emit(changesSection())
        try emit("<section id=\"achievements\"><h2>一、主要做法和成效</h2>\n")
        // The same groups the summary counts under its themes (a distinctive practice counts for its theme too).
        try emit("<h3>（一）共性做法</h3>\n" + themed(themedPractices(), kind: "做法"))
        try emit("<h3 id=\"figures\">（二）主要工作量</h3>\n" + figures())
        try emit("<h3 id=\"distinctive\">（三）特色做法</h3>\n" + distinctive())
        let other = consolidation.achievements.filter { $0.origin != nil }
        if !other.isEmpty {
            try emit("<h3>（四）基本情况等其他内容</h3>\n")
            try emit("<p class=\"note\">以下内容出自各单位报告的基本情况、原因分析等部分，未写入汇总正文，列出备查。</p>\n")
            for group in other.prefix(Self.groupLimit) {
                try emit(self.group(title: SummaryMarkdown.gist(group.text), units: group.units, members: group.members))
            }
            if other.count > Self.groupLimit { try emit(Self.more(other.count - Self.groupLimit, "组内容")) }
        }
        try emit("</section>\n<section id=\"problems\"><h2>二、存在的主要问题</h2>\n" + problems() + "</section>\n")
        try emit("<section id=\"plans\"><h2>三、下一步工作打算</h2>\n" + themed(themedPlans(), kind: "打算") + "</section>\n")
        try emit("<section id=\"units\"><h2>附：各单位报送情况</h2>\n" + unitTable() + "</section>\n")
        try emit("</main>\n<script>\(Self.script)</script>\n</body>\n</html>\n")
    }

    // MARK: Parts

    /// The counts a reviewer starts from: due, counted, set aside, missing.
    private func overview() -> String {
        let overview = shared?.overview ?? SummaryView.Wording(consolidation: consolidation, configuration: configuration).overview()
        var text = overview.roster ? "应报送\(overview.due)个单位，已收到\(overview.submitted)个"
            : "未提供单位名单，无法核对应报送单位；收到\(overview.submitted)个单位的材料"
        text += "，计入汇总\(overview.counted)个"
        if let outside = overview.notOnRoster { text += "（含名单以外\(outside.count)个）" }
        if let unidentified = overview.unidentified { text += "，未识别单位、以文件名称呼\(unidentified.count)份" }
        if let quarantined = overview.quarantined { text += "，文件无法读取已隔离\(quarantined.count)个" }
        if let superseded = overview.superseded { text += "，被同一单位另一份取代未计入\(superseded)份" }
        if overview.roster { text += overview.missing.map { "，未报送\($0.count)个" } ?? "，名单内单位均已报送" }
        return text + "。点击每条内容可展开其出处（单位、文件、段落和原文）；每条下方的“汇总正文”是 summary.md 中的对应句子。"
            + "本页只读；要审核、改写或调整归类，请运行 consolidate review --out 本文件夹，在浏览器中操作，决定会保留到以后每次运行。"
    }

    private func filters() -> String {
        // A unit with several files is one option.
        var seen = Set<String>()
        let units = consolidation.units.map(\.unit).filter { seen.insert($0).inserted }
        let unitOptions = units.map { "<option value=\"\(e($0))\">\(e($0))</option>" }.joined()
        let categoryOptions = consolidation.problems
            .map { "<option value=\"\(e($0.category))\">\(e($0.label))</option>" }.joined()
        return """
            <nav id="filters" class="filters" aria-label="筛选">
            <label>单位 <select id="unit-filter"><option value="">全部单位</option>\(unitOptions)</select></label>
            <label>问题类别 <select id="category-filter"><option value="">全部类别</option>\(categoryOptions)</select></label>
            <label>搜索 <input type="search" id="search" placeholder="单位、文件或原文中的字词"></label>
            <button type="button" id="expand-all">全部展开</button>
            <button type="button" id="collapse-all">全部收起</button>
            <span id="filter-status" aria-live="polite"></span>
            </nav>
            <p id="print-filter" class="print-only"></p>
            <nav id="toc" class="toc" aria-label="目录"><a href="#achievements">主要做法</a><a href="#figures">工作量</a>\
            <a href="#distinctive">特色做法</a><a href="#problems">存在的问题</a><a href="#plans">下一步打算</a><a href="#units">各单位报送情况</a></nav>
            """
    }

    /// Missing and quarantined units first: the things a reviewer must chase.
    private func attention() -> String {
        let missing = consolidation.units.filter { $0.status == .missing }
        let quarantined = consolidation.units.filter { $0.status == .quarantined }
        guard !missing.isEmpty || !quarantined.isEmpty else { return "" }
        var html = "<section id=\"attention\" class=\"attention\"><h2>需跟进的单位</h2><ul>\n"
        for entry in missing {
            html += "<li data-units=\"\(units([entry.unit]))\"><strong>未报送</strong>：\(e(entry.unit))</li>\n"
        }
        for entry in quarantined {
            let reason = entry.warnings.isEmpty ? "" : "——" + entry.warnings.joined(separator: "；")
            html += "<li data-units=\"\(units([entry.unit]))\"><strong>已隔离</strong>：\(e(entry.unit))"
                + "（\(e(entry.source ?? "—"))）\(e(reason))</li>\n"
        }
        return html + "</ul></section>\n"
    }

    /// What the nightly run changed: what a reviewer reads first in the morning. Each line about
    /// a unit carries `data-units`, so the unit filter applies to it too.
    private func changesSection() -> String {
        guard let changes else { return "" }
        var html = "<section id=\"changes\" class=\"changes\"><h2>\(e(ChangeReport.title))</h2>\n"
        guard let comparison = changes.comparison else {
            return html + "<p class=\"note\">\(e(ChangeReport.firstRun))</p></section>\n"
        }
        if comparison.isEmpty { return Self.unchangedChangesSection }
        html += "<h3>报送情况</h3>\n"
        if comparison.submissions.isEmpty {
            html += "<p class=\"note\">报送材料没有变化。</p>\n"
        } else {
            html += "<ul>\n" + comparison.submissions.map { label, lines in
                "<li\(unitsAttribute(lines.compactMap(\.unit)))><strong>\(e(label))（\(lines.count)）</strong>："
                    + e(lines.map(\.text).joined(separator: "、")) + "</li>\n"
            }.joined() + "</ul>\n"
        }
        html += "<h3>汇总内容</h3>\n"
        if comparison.edited.isEmpty && comparison.entered.isEmpty && comparison.left.isEmpty {
            html += "<p class=\"note\">汇总所依据的内容没有变化。</p>\n"
        }
        if !comparison.edited.isEmpty {
            html += "<details class=\"changed\"\(comparison.edited.count <= 20 ? " open" : "")><summary>改动\(comparison.edited.count)条</summary><ul>\n"
                + comparison.edited.map { edit in
                    "<li class=\"change\" data-units=\"\(units([edit.unit]))\">\(e(edit.unit))：\(e(edit.now))"
                        + "<br><span class=\"before\">原为：\(e(edit.before))</span></li>\n"
                }.joined() + "</ul></details>\n"
        }
        for (label, lines) in [("新增", comparison.entered), ("移出", comparison.left)] where !lines.isEmpty {
            // Short lists open; a long one (many resubmissions) stays closed until asked for.
            html += "<details class=\"changed\"\(lines.count <= 20 ? " open" : "")><summary>\(label)\(lines.count)条</summary><ul>\n"
                + lines.map { "<li class=\"change\" data-units=\"\(units($0.unit.map { [$0] } ?? []))\">\(e($0.text))</li>\n" }.joined()
                + "</ul></details>\n"
        }
        html += "<h3>数字</h3>\n"
        html += comparison.totals.isEmpty ? "<p class=\"note\">汇总正文中的合计数字没有变化。</p>\n"
            : "<ul>\n" + comparison.totals.map { "<li>\(e($0.text))</li>\n" }.joined() + "</ul>\n"
        if !comparison.otherTotals.isEmpty {
            html += "<details class=\"changed\"><summary>未列入汇总正文的其他数字（\(comparison.otherTotals.count)项）</summary><ul>\n"
                + comparison.otherTotals.map { "<li>\(e($0.text))</li>\n" }.joined() + "</ul></details>\n"
        }
        return html + "</section>\n"
    }

    /// The changes section where nothing changed since the previous run.
    static let unchangedChangesSection = "<section id=\"changes\" class=\"changes\"><h2>\(HTMLText.escape(ChangeReport.title))</h2>\n"
        + "<p class=\"note\">报送材料、汇总内容和合计数字都没有变化。</p></section>\n"

    /// The practices (of no origin) and the plans under their themes, as summary.md's view has them
    /// where it was made.
    private func themedPractices() -> ThemedGroups {
        shared?.themed.practices ?? SummaryView.Themed.practices(consolidation, configuration: configuration)
    }

    private func themedPlans() -> ThemedGroups {
        shared?.themed.plans ?? SummaryView.Themed.plans(consolidation, configuration: configuration)
    }

    /// Statements under their themes (most units first), then the statements of no theme.
    private func themed(_ themed: ThemedGroups, kind: String) -> String {
        let themes = themed.themes, rest = themed.rest
        var html = ""
        for entry in themes {
            var inner = ""
            for group in entry.groups.prefix(Self.groupLimit) {
                inner += "<div class=\"group\"\(unitsAttribute(group.units))><h5>\(e(SummaryMarkdown.gist(group.text)))</h5>\n"
                    + inSummary(group.text) + sourceList(group.members) + "</div>\n"
            }
            if entry.groups.count > Self.groupLimit { inner += Self.more(entry.groups.count - Self.groupLimit, "组表述") }
            html += details(title: "<strong>\(e(entry.theme.label))</strong>", count: "\(entry.units.count)个单位",
                            units: entry.units, body: inner)
        }
        let common = rest.filter { $0.units.count > 1 }, single = rest.filter { $0.units.count <= 1 }
        html += common.prefix(Self.groupLimit).map { group(title: SummaryMarkdown.gist($0.text), units: $0.units, members: $0.members, text: $0.text) }.joined()
        if common.count > Self.groupLimit { html += Self.more(common.count - Self.groupLimit, "条多个单位共有的\(kind)") }
        if !single.isEmpty {
            let units = Merger.uniqueSorted(single.flatMap(\.units))
            html += details(title: "其他单个单位的\(kind)", count: "\(single.count)条", units: units,
                            body: sourceList(single.flatMap(\.members)))
        }
        if html.isEmpty { html = "<p class=\"note\">本期无此类内容。</p>\n" }
        return html
    }

    private func figures() -> String {
        let main = configuration.metrics.activities.filter(\.main).map(\.name)
        let rank = { (total: MetricTotal) in main.firstIndex(of: total.activity) ?? main.count }
        let totals = consolidation.metrics.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
            .map(\.element)
        guard !totals.isEmpty else { return "<p class=\"note\">本期各单位未报送可汇总的工作量数据。</p>\n" }
        let sources = Dictionary(consolidation.units.compactMap { entry in entry.source.map { (entry.unit, $0) } },
                                 uniquingKeysWith: { first, _ in first })
        var html = ""
        var others = ""
        var otherCount = 0
        for total in totals {
            // A total over thousands of units lists the largest figures; the total counts them all.
            let listed = total.units.count > Self.sourceLimit * 2
                ? total.units.enumerated().firsts(Self.sourceLimit) { ($1.element.value, $0.offset) < ($0.element.value, $1.offset) }.map(\.element)
                : total.units
            var rows = listed.map { contribution in
                """
                <li class="source" data-unit="\(e(contribution.unit))"><span class="unit">\(e(contribution.unit))</span>\
                <span class="where">\(e(sources[contribution.unit] ?? "—"))</span>\
                <span class="value">\(contribution.value)\(contribution.approx ? "余" : "")\(e(total.unit))</span>\
                <q>\(e(contribution.text))</q></li>

                """
            }.joined()
            if listed.count < total.units.count {
                rows += "<li class=\"more\">另有\(total.units.count - listed.count)个单位的数字已计入合计，未在本页列出（列出的是数字最大的\(listed.count)个）；全部见审核页面（consolidate review）。</li>\n"
            }
            let unknown = total.unknown.count > Self.sourceLimit * 2 ? Array(total.unknown.prefix(Self.sourceLimit)) : total.unknown
            rows += unknown.map { unit in
                """
                <li class="source unknown" data-unit="\(e(unit))"><span class="unit">\(e(unit))</span>\
                <span class="where">\(e(sources[unit] ?? "—"))</span><span class="value">未填写</span>\
                <span class="note">（该单位此项数字为未填写的占位符，未计入合计）</span></li>

                """
            }.joined()
            if unknown.count < total.unknown.count {
                rows += "<li class=\"more\">另有\(total.unknown.count - unknown.count)个单位此项未填写；全部见审核页面和 summary.json。</li>\n"
            }
            // A total that counted no unit's figure (every one unfilled) is no sum of 0: it says so, as summary.md does.
            var title = total.units.isEmpty
                ? "\(e(total.activity))（以“\(e(total.unit))”计）：没有可计入的数字"
                : "\(e(total.activity))：共计\(total.total)\(e(total.unit))\(total.approx ? "（含约数）" : "")"
            title += main.contains(total.activity) ? "" : "<span class=\"tag\">未列入汇总正文</span>"
            var body = "<ul class=\"sources\">\n\(rows)</ul>\n"
            if let conflicts = total.conflicts {
                let contradictions = conflicts.filter { !$0.breakdown }.count
                if contradictions > 0 { title += "<span class=\"tag\">\(contradictions)个单位数字不一致</span>" }
                body += "<p class=\"note\">以下单位对同一项目报了不同的数字，合计只计入其中一个（见下方计算规则）；"
                    + "标为“分项”的，其余数字之和等于计入的数字，是合计的分项；其余请核实：</p>\n<ul class=\"sources conflicts\">\n"
                for conflict in conflicts.prefix(Self.sourceLimit) {
                    for figure in conflict.figures {
                        var place = figure.source ?? "—"
                        if let location = figure.location { place += "：第\(location.paragraph)段" }
                        let counted = figure.value == conflict.kept ? "计入" : conflict.breakdown ? "分项" : "未计入"
                        body += """
                            <li class="source conflict" data-unit="\(e(conflict.unit))"><span class="unit">\(e(conflict.unit))</span>\
                            <span class="where">\(e(place))</span><span class="value">\(figure.value)\(figure.approx ? "余" : "")\(e(total.unit))（\(counted)）</span>\
                            <q>\(e(figure.text))</q></li>

                            """
                    }
                }
                if conflicts.count > Self.sourceLimit {
                    body += "<li class=\"more\">另有\(conflicts.count - Self.sourceLimit)个单位数字不一致，见 summary.json 和审核页面。</li>\n"
                }
                body += "</ul>\n"
            }
            if let rule = total.rule { body += "<p class=\"note rule\">计算规则：\(e(rule))</p>\n" }
            let count = total.units.isEmpty ? "\(total.unknown.count)个单位未填"
                : "\(total.units.count)个单位" + (total.unknown.isEmpty ? "" : "，\(total.unknown.count)个未填")
            let entry = details(title: title, count: count,
                                units: total.units.map(\.unit) + total.unknown, body: body)
            if main.contains(total.activity) { html += entry } else { others += entry; otherCount += 1 }
        }
        if otherCount > 0 {
            // Figures the summary does not total are mostly numbers read in passing: kept for checking, out of the way.
            html += "<details class=\"others\"><summary>其他数字（未列入汇总正文，\(otherCount)项，多为随文提及的数字，仅供核对）</summary>\n"
                + others + "</details>\n"
        }
        return html
    }

    private func distinctive() -> String {
        let groups = consolidation.achievements.filter(\.distinctive)
            .map { (rank: Merger.informativeness($0.text), group: $0) }
            .sorted { $0.rank > $1.rank }.map(\.group)
        guard !groups.isEmpty else { return "<p class=\"note\">本期未发现单个单位的特色做法。</p>\n" }
        return groups.map { group in
            // Left out of the summary only past its limit: those it names, or quotes for a common practice, have their sentence.
            let shown = ReviewIndex.summarySentence(of: group.text, in: sentences) != nil ? "" : "<span class=\"tag\">超出汇总正文条数上限</span>"
            let speaker = group.members.first { $0.text == group.text }?.unit ?? group.units.first ?? ""
            return details(title: "<strong>\(e(speaker))</strong>：\(e(SummaryMarkdown.gist(group.text, withFigures: true, limit: 140)))\(shown)",
                           count: "", units: group.units, body: inSummary(group.text) + sourceList(group.members))
        }.joined()
    }

    private func problems() -> String {
        guard !consolidation.problems.isEmpty else { return "<p class=\"note\">本期各单位未报送存在的问题。</p>\n" }
        return consolidation.problems.enumerated().map { index, group in
            details(title: "（\(ChineseNumber.text(index + 1))）<strong>\(e(group.label))</strong>",
                    count: "\(group.units.count)个单位，\(group.items.count)条", units: group.units,
                    body: inSummary(group.text) + sourceList(group.items), category: group.category)
        }.joined()
    }

    /// One row per unit, as the summary's 附件: the file that counts, and what became of the unit's other files.
    private func unitTable() -> String {
        var html = """
            <table class="units"><thead><tr><th>序号</th><th>单位</th><th>报送情况</th><th>文件</th>\
            <th>模板残留</th><th>未填写处</th><th>提示</th></tr></thead><tbody>

            """
        let rows = shared?.account ?? SummaryView.Wording(consolidation: consolidation, configuration: configuration).accountRows()
        for (index, row) in rows.enumerated() {
            let entry = row.entry
            let warnings = row.remarks.isEmpty ? "—"
                : "<ul class=\"warnings\">" + row.remarks.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
            html += """
                <tr class="status-\(entry.status.rawValue)" data-units="\(units([entry.unit]))"><td>\(index + 1)</td>\
                <td>\(e(entry.unit))</td><td>\(e(row.status))</td>\
                <td>\(e(entry.source ?? "—"))</td><td>\(entry.residue > 0 ? "\(entry.residue)处" : "无")</td>\
                <td>\(entry.placeholders > 0 ? "\(entry.placeholders)处" : "无")</td><td>\(warnings)</td></tr>

                """
        }
        return html + "</tbody></table>\n"
    }

    // MARK: Pieces

    private func group(title: String, units: [String], members: [Member], text: String? = nil) -> String {
        details(title: e(title), count: "\(units.count)个单位", units: units, body: (text.map(inSummary) ?? "") + sourceList(members))
    }

    /// The sentence of summary.md that stands for a group, beside its sources; empty where the summary does not quote it.
    private func inSummary(_ text: String) -> String {
        guard let sentence = ReviewIndex.summarySentence(of: text, in: sentences) else { return "" }
        return "<p class=\"in-summary\">汇总正文：\(e(sentence))</p>\n"
    }

    /// The reviewer's decisions that need another look, and what the review left out.
    private func reviewSection() -> String {
        guard let review = consolidation.review else { return "" }
        var html = "<section id=\"review\" class=\"changes\"><h2>审核情况</h2>\n<p class=\"note\">\(e(review.summaryLine ?? ""))</p>\n"
        let stale = review.needingLook
        if !stale.isEmpty {
            html += "<h3>需要重新审核的决定（\(stale.count)项）</h3><ul>\n"
            for entry in stale {
                let first = entry.decision.statements.first
                html += "<li class=\"needs-look\" data-units=\"\(units(first.map { [$0.unit] } ?? []))\">"
                    + "<strong>\(e(ReviewOutcome.kindWords[entry.decision.kind] ?? ""))</strong>："
                    + e(first.map { "\($0.unit)：“\($0.text)”" } ?? "") + "——" + e(entry.problem ?? "") + "</li>\n"
            }
            html += "</ul>\n"
        }
        if !review.leftOut.isEmpty {
            html += "<details class=\"changed\"><summary>审核决定不列入汇总的语句（\(review.leftOut.count)条）</summary><ul>\n"
                + review.leftOut.map { "<li data-units=\"\(units([$0.unit]))\">\(e($0.unit))：\(e($0.text))<span class=\"note\">（理由：\(e($0.reason))）</span></li>\n" }.joined()
                + "</ul></details>\n"
        }
        return html + "</section>\n"
    }

    /// A statement that opens onto its sources; `data-units` (tab-separated) drives the unit filter.
    private func details(title: String, count: String, units: [String], body: String, category: String? = nil) -> String {
        let categoryAttribute = category.map { " data-category=\"\(e($0))\"" } ?? ""
        let countText = count.isEmpty ? "" : " <span class=\"count\">\(e(count))</span>"
        return """
            <details class="claim"\(unitsAttribute(units))\(categoryAttribute)>\
            <summary>\(title)\(countText)</summary>
            \(body)</details>

            """
    }

    /// The unit sentences behind a statement: unit, file, paragraph, the unit's own words.
    private func sourceList(_ members: [Member]) -> String {
        var html = "<ul class=\"sources\">\n"
        // Past the limit, a long list (a practice of thousands of units) says where the rest are.
        let limit = members.count > Self.sourceLimit * 2 ? Self.sourceLimit : members.count
        for member in members.prefix(limit) {
            var place = member.source ?? "—"
            if let location = member.location {
                place += "：第\(location.paragraph)段"
                if let origin = Self.originWords[location.origin] { place += "（\(origin)）" }
            }
            html += """
                <li class="source" data-unit="\(e(member.unit))"><span class="unit">\(e(member.unit))</span>\
                <span class="where">\(e(place))</span><q>\(e(member.text))</q>\(reviewed.isEmpty || !reviewed.contains(StatementKey.of(member)) ? "" : "<span class=\"tag ok\">已审核</span>")</li>

                """
        }
        if members.count > limit {
            html += "<li class=\"more\">另有\(members.count - limit)条原文未列出：在本文件夹运行 consolidate review --out 本文件夹，可在审核页面中搜索、筛选和查看全部。</li>\n"
        }
        return html + "</ul>\n"
    }

    private static let originWords: [ParagraphOrigin: String] = [
        .table: "表格", .textBox: "文本框", .footnote: "脚注", .endnote: "尾注", .comment: "批注",
        .header: "页眉", .footer: "页脚", .altChunk: "嵌入内容",
    ]

    private func units(_ names: [String]) -> String { e(names.joined(separator: "\t")) }

    /// ` data-units="…"` for the unit filter; past twice the source limit, `data-many` instead of the
    /// names (thousands of names under every theme made the page 150 MB at 10,000 units): the filter
    /// keeps such an entry for any unit, and its sources (each with `data-unit`) are filtered one by one.
    private func unitsAttribute(_ names: [String]) -> String {
        names.count > Self.sourceLimit * 2 ? " data-units=\"\" data-many=\"\(names.count)\"" : " data-units=\"\(units(names))\""
    }

    private func e(_ text: String) -> String { HTMLText.escape(text) }
}
