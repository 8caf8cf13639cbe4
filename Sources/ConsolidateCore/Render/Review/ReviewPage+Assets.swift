/// The page's inline style sheet and script: nothing is loaded from anywhere else.
extension ReviewPage {
    static let css = """

        :root { --line: #d0d4da; --muted: #5b6470; --accent: #a31515; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1100px; padding: 0 24px 48px; color: #1d232b; background: #fff;
               font: 16px/1.7 "FangSong", "仿宋", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Noto Sans CJK SC", serif; }
        h1 { font-size: 26px; text-align: center; margin: 28px 0 12px; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
        h2 { font-size: 20px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--accent);
             font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
        h3 { font-size: 17px; margin: 18px 0 6px; font-family: "KaiTi", "楷体", "Noto Sans CJK SC", serif; }
        h5 { font-size: 15px; margin: 10px 12px 2px; color: var(--muted); font-weight: normal; }
        .overview { text-indent: 2em; }
        .filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center;
                   padding: 8px 12px; background: #f4f6f8; border: 1px solid var(--line); border-radius: 6px; font-size: 14px;
                   font-family: "Noto Sans CJK SC", sans-serif; }
        .filters select, .filters button { font: inherit; padding: 2px 6px; }
        #filter-status { color: var(--muted); }
        .toc { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 8px 0; font-size: 14px; font-family: "Noto Sans CJK SC", sans-serif; }
        .in-summary { margin: 6px 12px; padding: 4px 8px; background: #f1f8f1; border-left: 3px solid #3a7d44; font-size: 15px; }
        .tag.ok { background: #dcfce7; color: #14532d; }
        li.more, p.more { color: var(--muted); list-style: none; font-size: 14px; }
        details.others > summary { cursor: pointer; color: var(--muted); margin: 8px 0; }
        details.claim { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; background: #fff; }
        details.claim > summary { cursor: pointer; padding: 6px 10px; list-style-position: inside; }
        details.claim[open] > summary { background: #f7f8fa; border-bottom: 1px solid var(--line); }
        .count { color: var(--muted); font-size: 14px; margin-left: 6px; }
        .tag { font-size: 12px; color: #7a4b00; background: #fff3d6; border-radius: 4px; padding: 0 6px; margin-left: 6px; }
        ul.sources { margin: 6px 0; padding: 0 12px 0 30px; }
        li.source { margin: 4px 0; }
        .unit { font-weight: bold; margin-right: 8px; }
        .where { color: var(--muted); font-size: 13px; margin-right: 8px; font-family: "Noto Sans Mono CJK SC", monospace; }
        .value { color: var(--accent); margin-right: 8px; }
        li.unknown q { color: var(--muted); }
        q { quotes: "“" "”"; }
        .note { color: var(--muted); }
        .attention { border: 1px solid #e3b4b4; background: #fdf3f3; border-radius: 6px; padding: 4px 16px; }
        .attention h2 { border: 0; margin-top: 8px; }
        .changes { border: 1px solid #b7c7e0; background: #f4f7fc; border-radius: 6px; padding: 4px 16px; margin-top: 12px; }
        .changes h2 { border: 0; margin-top: 8px; }
        .changes h3 { margin: 10px 0 4px; }
        details.changed > summary { cursor: pointer; }
        .changes .before { color: var(--muted); }
        table.units { border-collapse: collapse; width: 100%; font-size: 14px; }
        table.units th, table.units td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
        table.units th { background: #f4f6f8; }
        tr.status-missing td, tr.status-quarantined td { background: #fdf3f3; }
        tr.status-superseded td { color: var(--muted); }
        ul.warnings { margin: 0; padding-left: 18px; }
        [hidden] { display: none !important; }
        .print-only { display: none; }
        @media print {
          body { max-width: none; padding: 0; font-size: 12pt; }
          .filters { display: none; }
          .print-only { display: block; }
          details.claim { border-color: #999; }
          details.claim > summary, li.source, h2, h3 { break-inside: avoid; break-after: auto; }
          details.claim > summary, h2, h3, h5 { break-after: avoid; }
          details.claim > summary { list-style: none; }
          details::details-content { content-visibility: visible; display: contents; }
          a { color: inherit; }
        }

        """

    /// Filters by unit and by problem category, expand/collapse, and everything open when printed.
    /// It marks `body[data-ready]` when it has run, and `body[data-error]` if it failed, so a
    /// headless browser can tell.
    static let script = """

        (function () {
          "use strict";
          window.addEventListener("error", function (event) { document.body.dataset.error = String(event.message); });
          var unitFilter = document.getElementById("unit-filter");
          var categoryFilter = document.getElementById("category-filter");
          var search = document.getElementById("search");
          var status = document.getElementById("filter-status");
          var printNote = document.getElementById("print-filter");
          var claims = Array.prototype.slice.call(document.querySelectorAll("[data-units]"));
          var sources = Array.prototype.slice.call(document.querySelectorAll("li.source"));
          function unitsOf(element) { return element.getAttribute("data-units").split("\\t"); }
          function apply() {
            var unit = unitFilter.value, category = categoryFilter.value, shown = 0;
            var words = search.value.trim().toLowerCase().split(/\\s+/).filter(function (w) { return w; });
            function matches(element) {
              if (!words.length) { return true; }
              var text = element.textContent.toLowerCase();
              return words.every(function (w) { return text.indexOf(w) >= 0; });
            }
            sources.forEach(function (item) {
              item.hidden = (!!unit && item.getAttribute("data-unit") !== unit) || !matches(item);
            });
            claims.forEach(function (element) {
              var byUnit = !unit || element.hasAttribute("data-many") || unitsOf(element).indexOf(unit) >= 0;
              var own = element.getAttribute("data-category");
              // A category chosen shows that category's problems only, nothing else.
              var byCategory = !category || own === category;
              var bySearch = !words.length || matches(element);
              element.hidden = !(byUnit && byCategory && bySearch);
              if (!element.hidden && element.tagName === "DETAILS") { shown += 1; }
            });
            document.querySelectorAll("main > section").forEach(function (section) {
              section.hidden = (category && section.id !== "problems")
                || ((unit || words.length) && !section.querySelector("[data-units]:not([hidden])") && section.id !== "units");
            });
            var attention = document.getElementById("attention");
            if (attention) {
              attention.hidden = !attention.querySelector("li[data-units]:not([hidden])");
            }
            var said = [];
            if (unit) { said.push("单位：" + unit); }
            if (category) { said.push("问题类别：" + categoryFilter.options[categoryFilter.selectedIndex].text); }
            if (words.length) { said.push("搜索：" + words.join(" ")); }
            status.textContent = said.length ? "显示 " + shown + " 项" : "";
            printNote.textContent = said.length ? "筛选条件（" + said.join("；") + "）" : "";
          }
          function setOpen(open) {
            document.querySelectorAll("details").forEach(function (element) { element.open = open; });
          }
          unitFilter.addEventListener("change", apply);
          categoryFilter.addEventListener("change", function () {
            apply();
            if (categoryFilter.value) { document.getElementById("problems").scrollIntoView(); }
          });
          search.addEventListener("input", apply);
          document.getElementById("expand-all").addEventListener("click", function () { setOpen(true); });
          document.getElementById("collapse-all").addEventListener("click", function () { setOpen(false); });
          window.addEventListener("beforeprint", function () { setOpen(true); });
          var query = new URLSearchParams(window.location.search);
          if (query.get("unit")) { unitFilter.value = query.get("unit"); }
          if (query.get("category")) { categoryFilter.value = query.get("category"); }
          if (query.get("q")) { search.value = query.get("q"); }
          if (query.has("expand")) { setOpen(true); }
          apply();
          document.body.dataset.sources = String(sources.length);
          document.body.dataset.ready = "1";
        })();

        """
}
