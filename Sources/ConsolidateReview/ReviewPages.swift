import ConsolidateCore
import Foundation

/// The HTML of the review server's pages, in Chinese, with inline CSS and JS only.
struct ReviewPages: Sendable {
    let configuration: PipelineConfiguration
    static let pageSize = 50

    static let listNames: [StatementList: String] = [.achievements: "做法", .problems: "问题", .plans: "打算"]

    func e(_ text: String) -> String { HTMLText.escape(text) }

    /// The filter a query string asks for.
    static func filter(_ query: [String: String]) -> ReviewIndex.Filter {
        let reviewed: Bool? = query["reviewed"] == "yes" ? true : query["reviewed"] == "no" ? false : nil
        return ReviewIndex.Filter(query: query["q"], unit: query["unit"], list: query["list"].flatMap(StatementList.init(rawValue:)),
                                  category: query["category"], theme: query["theme"], reviewed: reviewed,
                                  needsLook: query["reviewed"] == "look")
    }

    static func page(_ query: [String: String], count: Int) -> (number: Int, count: Int, range: Range<Int>) {
        let pages = max(1, (count + pageSize - 1) / pageSize)
        let number = min(max(1, Int(query["page"] ?? "") ?? 1), pages)
        let start = (number - 1) * pageSize
        return (number, pages, start..<min(count, start + pageSize))
    }

    func themeLabel(_ id: String?) -> String {
        guard let id else { return "无主题" }
        return configuration.themes.first { $0.id == id }?.label ?? id
    }

    func where_(_ row: ReviewIndex.Row) -> String {
        switch row.list {
        case .problems: return "问题 · " + (row.categoryLabel ?? row.category ?? "")
        case .achievements: return "做法 · " + themeLabel(row.theme)
        case .plans: return "打算 · " + themeLabel(row.theme)
        }
    }

    func list(_ index: ReviewIndex, query: [String: String]) -> String {
        let filter = Self.filter(query)
        let rows = index.rows(matching: filter)
        let page = Self.page(query, count: rows.count)
        let consolidation = index.consolidation
        var seen = Set<String>()
        let units = consolidation.units.filter { $0.status == .received }.map(\.unit).filter { seen.insert($0).inserted }.sorted()
        func option(_ value: String, _ label: String, _ current: String?) -> String {
            "<option value=\"\(e(value))\"\(current == value ? " selected" : "")>\(e(label))</option>"
        }
        let categories = configuration.problems.categories.map { ($0.id, $0.label) }
        let needsLook = consolidation.review?.needingLook.count ?? 0
        let reviewedCount = index.rows.filter(\.reviewed).count
        var html = head("审核：" + consolidation.title)
        html += """
            <header><h1>\(e(consolidation.title))</h1>
            <p class="overview">共\(index.rows.count)条语句，已审核\(reviewedCount)条\(needsLook > 0 ? "，<a href=\"/?reviewed=look\">\(needsLook)项决定需要重新审核</a>" : "")。\
            审核决定立即保存在输出文件夹的 .consolidate/decisions.json 中，下次运行（手动或每晚自动）生成的 summary.md、summary.docx 都按这些决定生成。</p>
            <form id="filters" method="get" action="/">
            <input type="search" id="q" name="q" placeholder="搜索语句、单位、文件" value="\(e(query["q"] ?? ""))">
            <select id="unit" name="unit">\(option("", "全部单位", query["unit"]))\(units.map { option($0, $0, query["unit"]) }.joined())</select>
            <select id="list" name="list">\(option("", "做法、问题、打算", query["list"]))\(option("achievements", "做法", query["list"]))\(option("problems", "问题", query["list"]))\(option("plans", "打算", query["list"]))</select>
            <select id="category" name="category">\(option("", "全部问题类别", query["category"]))\(categories.map { option($0.0, $0.1, query["category"]) }.joined())</select>
            <select id="theme" name="theme">\(option("", "全部主题", query["theme"]))\(configuration.themes.map { option($0.id, $0.label, query["theme"]) }.joined())\(option("none", "无主题", query["theme"]))</select>
            <select id="reviewed" name="reviewed">\(option("", "审核状态不限", query["reviewed"]))\(option("no", "未审核", query["reviewed"]))\(option("yes", "已审核", query["reviewed"]))\(option("look", "需要重新审核", query["reviewed"]))</select>
            <button type="submit" id="apply-filters">筛选</button> <a href="/">清除</a>
            </form></header><main>
            <p id="count">符合条件的语句\(rows.count)条，第\(page.number)/\(page.count)页。</p>
            <table id="statements"><thead><tr><th>单位</th><th>归类</th><th>语句（点击打开）</th><th>汇总正文中的表述</th><th>状态</th><th></th></tr></thead><tbody>

            """
        for row in rows[page.range] {
            var badges: [String] = []
            if row.reviewed { badges.append("<span class=\"badge ok\">已审核</span>") }
            if row.rewritten { badges.append("<span class=\"badge\">已改写</span>") }
            if row.needsLook != nil { badges.append("<span class=\"badge warn\">需重新审核</span>") }
            if !row.notes.isEmpty { badges.append("<span class=\"badge\">有备注</span>") }
            let summary = row.summarySentence.map { "<div class=\"quoted\">正文：\(e($0))</div>" }
                ?? "<div class=\"muted\">\(e(String(row.groupText.prefix(80))))（正文未引用）</div>"
            html += """
                <tr data-key="\(row.key)"><td>\(e(row.unit))</td><td>\(e(where_(row)))</td>\
                <td><a class="open" href="/statement/\(row.key)">\(e(row.text))</a><div class="src">\(e(row.source ?? ""))\(row.paragraph.map { " 第\($0)段" } ?? "")</div></td>\
                <td>\(summary)</td><td>\(badges.joined(separator: " "))</td>\
                <td><button class="mark" data-key="\(row.key)" data-done="\(row.reviewed)">\(row.reviewed ? "取消审核" : "标记已审核")</button></td></tr>

                """
        }
        html += "</tbody></table>\n<nav class=\"pager\">"
        func link(_ number: Int, _ label: String) -> String {
            var parts = query
            parts["page"] = String(number)
            let string = parts.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.encode($0.value))" }.joined(separator: "&")
            return "<a href=\"/?\(e(string))\">\(label)</a>"
        }
        if page.number > 1 { html += link(page.number - 1, "上一页") + " " }
        html += "第\(page.number)/\(page.count)页"
        if page.number < page.count { html += " " + link(page.number + 1, "下一页") }
        html += "</nav></main>" + tail()
        return html
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    func detail(_ row: ReviewIndex.Row, index: ReviewIndex, decisions: [Decision]) -> String {
        let group = index.groupRows(of: row)
        var html = head("审核：" + row.text.prefix(30))
        html += """
            <header><p><a href="/" id="back">← 返回语句列表</a></p><h1>\(e(row.unit))的语句</h1></header><main>
            <section class="card"><h2>原文</h2><p id="statement-text" class="text">\(e(row.text))</p>
            <p class="src">出处：\(e(row.source ?? "—"))\(row.paragraph.map { " 第\($0)段" } ?? "")；归类：\(e(where_(row)))</p>
            \(row.reviewed ? "<p class=\"badge ok\" id=\"reviewed-state\">已审核</p>" : "<p class=\"badge\" id=\"reviewed-state\">未审核</p>")
            \(row.needsLook.map { "<p class=\"badge warn\">需重新审核：\(e($0))</p>" } ?? "")
            </section>
            <section class="card"><h2>汇总中的表述</h2>
            <p id="group-text" class="text">\(e(row.groupText))</p>
            <p class="quoted" id="summary-sentence">\(row.summarySentence.map { "summary.md 中为：" + e($0) } ?? "summary.md 未直接引用这一组的表述（计入单位数和附件）。")</p>
            <p class="muted">同组共\(group.count)条语句\(row.rewritten ? "；表述已由审核人改写" : "")。</p>
            </section>
            <section class="card actions"><h2>审核操作</h2>
            <p><button id="mark-reviewed" data-done="\(row.reviewed)">\(row.reviewed ? "取消已审核" : "标记已审核")</button></p>
            <p><label for="rewrite-text">改写这一组在汇总中的表述（正文引用第一句）：</label><br>
            <textarea id="rewrite-text" rows="3">\(e(row.groupText))</textarea><br><button id="rewrite-save">保存改写</button></p>

            """
        if row.list == .problems {
            let options = configuration.problems.categories.filter { $0.id != row.category }
                .map { "<option value=\"\(e($0.id))\">\(e($0.label))</option>" }.joined()
            html += "<p><label for=\"move-category\">移到其他问题类别：</label><select id=\"move-category\">\(options)</select> <button id=\"move-save\">移动</button></p>\n"
        } else {
            let options = configuration.themes.filter { $0.id != row.theme }
                .map { "<option value=\"\(e($0.id))\">\(e($0.label))</option>" }.joined() + (row.theme == nil ? "" : "<option value=\"\">无主题</option>")
            html += "<p><label for=\"move-theme\">移到其他主题（单独成组）：</label><select id=\"move-theme\">\(options)</select> <button id=\"move-theme-save\">移动</button></p>\n"
            if group.count > 1 { html += "<p><button id=\"split\">从本组拆出，单独成组</button></p>\n" }
        }
        html += """
            <p><label for="group-key">另一组中任一语句的编号（语句页地址最后一段）：</label><input id="group-key" size="24">
            <button id="move-group">把本条移入该组</button> <button id="join-group">两组合并</button></p>
            <p><label for="leave-reason">不列入汇总，理由：</label><input id="leave-reason" size="40"> <button id="leave-out">不列入汇总</button></p>
            <p><label for="note-text">备注：</label><input id="note-text" size="40"> <button id="note-save">添加备注</button></p>
            <p id="message" role="status"></p>
            </section>
            <section class="card"><h2>同组语句</h2><ul id="group">

            """
        for other in group {
            html += "<li>\(other.key == row.key ? "<b>" : "")<a href=\"/statement/\(other.key)\">\(e(other.unit))：\(e(other.text))</a>\(other.key == row.key ? "</b>" : "")\(other.reviewed ? " <span class=\"badge ok\">已审核</span>" : "")</li>\n"
        }
        html += "</ul></section>\n<section class=\"card\"><h2>关于本条的审核决定</h2><ul id=\"decisions\">\n"
        for decision in decisions {
            let kind = ReviewOutcome.kindWords[decision.kind] ?? decision.kind.rawValue
            let category = decision.toCategory.map { id in configuration.problems.categories.first { $0.id == id }?.label ?? id }
            let theme = decision.toTheme.map { $0.isEmpty ? "无主题" : themeLabel($0) }
            let detail = [decision.text, decision.reason, category.map { "移到“\($0)”" }, theme.map { "移到“\($0)”" },
                          decision.toGroup.map { "\($0.unit)：\($0.text)" }]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "；")
            html += "<li>\(e(kind))\(detail.isEmpty ? "" : "：" + e(detail))\(decision.made.map { "（\(e($0))）" } ?? "") <button class=\"undo\" data-id=\"\(e(decision.id))\">撤销</button></li>\n"
        }
        if decisions.isEmpty { html += "<li class=\"muted\">尚无。</li>\n" }
        html += "</ul></section></main>\n<script>const KEY = \"\(row.key)\";</script>" + tail()
        return html
    }

    func notFound() -> String {
        head("找不到语句") + "<main><p>找不到这条语句：单位可能已重新报送，或页面已过期。<a href=\"/\">返回语句列表</a></p></main>" + tail()
    }

    func head(_ title: some StringProtocol) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(String(title)))</title><style>\(Self.css)</style></head><body>

        """
    }

    func tail() -> String { "<script>\(Self.script)</script></body></html>\n" }

    static let css = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#f6f6f3}
        header{background:#fff;border-bottom:1px solid #ddd;padding:8px 16px}h1{font-size:20px;margin:6px 0}
        main{padding:8px 16px}.overview,.muted,.src{color:#666;font-size:13px}
        #filters{display:flex;flex-wrap:wrap;gap:6px;align-items:center}#filters input[type=search]{width:260px}
        table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #ddd;padding:4px 6px;vertical-align:top;font-size:14px}
        th{background:#eee;text-align:left}.quoted{color:#14532d;font-size:13px}a.open{color:#1d4ed8;text-decoration:none}
        .badge{display:inline-block;border-radius:3px;padding:0 4px;font-size:12px;background:#e5e7eb;margin:2px 0}
        .badge.ok{background:#bbf7d0}.badge.warn{background:#fecaca}.card{background:#fff;border:1px solid #ddd;padding:8px 12px;margin:8px 0}
        .card h2{font-size:16px;margin:4px 0}.text{font-size:16px}textarea{width:90%}#message{color:#b91c1c}.pager{margin:10px 0}
        """

    static let script = """
        async function decide(body){const m=document.getElementById('message');
        const r=await fetch('/api/decisions',{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify(body)});
        if(r.ok){location.reload();return true}const j=await r.json().catch(()=>({error:'保存失败'}));if(m){m.textContent=j.error}else{alert(j.error)}return false}
        function on(id,f){const b=document.getElementById(id);if(b)b.addEventListener('click',f)}
        function val(id){const x=document.getElementById(id);return x?x.value:''}
        document.querySelectorAll('button.mark').forEach(b=>b.addEventListener('click',()=>decide({kind:'reviewed',key:b.dataset.key,text:b.dataset.done==='true'?'undo':null})));
        if(typeof KEY!=='undefined'){
        on('mark-reviewed',e=>decide({kind:'reviewed',key:KEY,text:e.target.dataset.done==='true'?'undo':null}));
        on('rewrite-save',()=>decide({kind:'rewrite',key:KEY,text:val('rewrite-text')}));
        on('move-save',()=>decide({kind:'move',key:KEY,toCategory:val('move-category')}));
        on('move-theme-save',()=>decide({kind:'move',key:KEY,toTheme:val('move-theme')}));
        on('split',()=>decide({kind:'split',key:KEY}));
        on('move-group',()=>decide({kind:'move',key:KEY,toGroupKey:val('group-key')}));
        on('join-group',()=>decide({kind:'join',key:KEY,toGroupKey:val('group-key')}));
        on('leave-out',()=>decide({kind:'leave-out',key:KEY,reason:val('leave-reason')}));
        on('note-save',()=>decide({kind:'note',key:KEY,text:val('note-text')}));
        document.querySelectorAll('button.undo').forEach(b=>b.addEventListener('click',async()=>{await fetch('/api/decisions/'+encodeURIComponent(b.dataset.id),{method:'DELETE'});location.reload()}));}
        """
}
