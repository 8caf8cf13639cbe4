import Foundation
import Testing
@testable import ConsolidateCore

@Suite struct ReviewPageTests {
    static let html = ReviewPage(consolidation: RenderFixtures.samples, configuration: RenderFixtures.configuration).render()

    @Test func opensEveryStatementOntoItsSourceSentences() {
        for text in RenderFixtures.sourceTexts(RenderFixtures.samples) {
            #expect(Self.html.contains(HTMLText.escape(text)), "\(text)")
        }
        let member = RenderFixtures.samples.problems[0].items[0]
        #expect(Self.html.contains("<span class=\"where\">\(HTMLText.escape(member.source ?? ""))：第\(member.location?.paragraph ?? 0)段"))
    }

    @Test func listsUnitWarningsAndTheUnitsToChase() {
        #expect(Self.html.contains("<strong>已隔离</strong>：青川区住房和城乡建设局"))
        #expect(Self.html.contains("<strong>未报送</strong>："))
        for warning in RenderFixtures.samples.units.flatMap(\.warnings) {
            #expect(Self.html.contains(HTMLText.escape(warning)), "\(warning)")
        }
    }

    @Test func isSelfContainedAndReproducible() {
        #expect(!Self.html.contains("http://") && !Self.html.contains("https://") && !Self.html.contains("src="))
        #expect(!Self.html.contains("<link"))
        #expect(ReviewPage(consolidation: RenderFixtures.samples, configuration: RenderFixtures.configuration).render() == Self.html)
        #expect(Self.html.contains("@media print"))
    }

    @Test func thePageTheRendererWritesWithTheViewsAccountIsThePageMadeAlone() throws {
        // The renderer hands review.html the overview and the account of units summary.md's view made;
        // the page is the one that works them out itself, byte for byte (a unit with warnings, a
        // quarantined one, missing ones among them).
        let consolidation = RenderFixtures.samples
        #expect(consolidation.units.contains { $0.status == .quarantined } && consolidation.units.contains { !$0.warnings.isEmpty })
        let files = try Renderer.outputFiles(["summary.md", "review.html"], consolidation: consolidation,
                                             configuration: RenderFixtures.configuration)
        let sink = ByteBufferSink()
        switch try #require(files.last).content {
        case let .stream(produce): try produce(sink)
        case let .data(data): try sink.write([UInt8](data))
        }
        #expect(String(decoding: sink.bytes, as: UTF8.self) == Self.html)
        #expect(Self.html.contains("无法读取，已隔离"))
    }

    @Test func aDistinctivePracticeIsMarkedLeftOutOnlyWhereTheSummaryLeavesItOut() throws {
        // The samples hold more distinctive practices than the summary names, some of them quoted for a
        // common practice instead: each entry has its sentence in the summary or is marked left out, never both.
        let view = SummaryView(consolidation: RenderFixtures.samples, configuration: RenderFixtures.configuration)
        let start = try #require(Self.html.range(of: "<h3 id=\"distinctive\">"))
        let end = try #require(Self.html.range(of: "<h3", range: start.upperBound..<Self.html.endIndex))
        let entries = Self.html[start.upperBound..<end.lowerBound].components(separatedBy: "<details").dropFirst()
        let leftOut = "超出汇总正文条数上限"
        #expect(entries.count > RenderFixtures.configuration.merge.distinctiveLimit)
        #expect(entries.contains { $0.contains(leftOut) })
        for entry in entries {
            #expect(entry.contains(leftOut) != entry.contains("汇总正文："), "\(entry.prefix(200))")
        }
        // Marked left out: exactly those neither named under 特色做法 nor quoted for a common practice.
        let named = Set(view.distinctivePractices.map(\.source)), quoted = Set(view.commonPractices.compactMap(\.exampleSource))
        let unnamed = RenderFixtures.samples.achievements.filter { $0.distinctive && !named.contains($0.text) && !quoted.contains($0.text) }
        #expect(entries.filter { $0.contains(leftOut) }.count == unnamed.count)
        // Every practice the summary names under 特色做法 is shown with its own line.
        #expect(!view.distinctivePractices.isEmpty)
        for practice in view.distinctivePractices {
            let line = HTMLText.escape("汇总正文：\(practice.unit)：\(practice.text)。")
            #expect(entries.contains { $0.contains(line) }, "\(practice.text)")
        }
    }

    @Test func aTotalThatCountedNoFigureIsNotShownAsASumOfNought() {
        // 党课 in 堂 only from units that left the figure unfilled: no 0 is summed, as summary.md says.
        var consolidation = SummaryMarkdownTests.consolidation
        consolidation.metrics.append(MetricTotal(activity: "党课", unit: "堂", total: 0, approx: false, units: [], unknown: ["丙局", "乙局"]))
        let html = ReviewPage(consolidation: consolidation, configuration: SummaryMarkdownTests.configuration).render()
        #expect(html.contains("党课（以“堂”计）：没有可计入的数字"))
        #expect(html.contains("2个单位未填"))
        #expect(!html.contains("共计0堂"))
        // A total that counted figures keeps its sum.
        #expect(html.contains("集中学习：共计17次（含约数）"))
    }

    @Test func escapesMarkupInUnitsWords() {
        var consolidation = SummaryMarkdownTests.consolidation
        consolidation.problems[0].items[0].text = "<script>alert(1)</script>&“引号”"
        let html = ReviewPage(consolidation: consolidation, configuration: SummaryMarkdownTests.configuration).render()
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;“引号”"))
    }

    /// In a real browser, the script runs without error and every source statement is in the page
    /// (skipped where `chromium` is not installed).
    @Test(.enabled(if: RenderFixtures.program("chromium") != nil, "chromium is not installed"))
    func everySourceStatementIsReachableInABrowser() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("review.html")
        try Data(Self.html.utf8).write(to: page)
        let chromium = try #require(RenderFixtures.program("chromium"))
        let dom = try RenderFixtures.execute(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/profile",
            "--virtual-time-budget=5000", "--dump-dom", page.absoluteString + "?expand",
        ]).output
        #expect(dom.contains("data-ready=\"1\""), "the page's script ran to its end")
        #expect(!dom.contains("data-error="), "no script error")
        // The script counted the source items the page holds.
        let sources = Self.html.components(separatedBy: "<li class=\"source").count - 1
        #expect(sources >= RenderFixtures.sourceTexts(RenderFixtures.samples).count)
        #expect(dom.contains("data-sources=\"\(sources)\""))
        // The serialised DOM escapes only &, < and > in text; compare the same way.
        for text in RenderFixtures.sourceTexts(RenderFixtures.samples) {
            let serialised = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\u{A0}", with: "&nbsp;")
            #expect(dom.contains(serialised), "\(text)")
        }
        #expect(dom.contains("<details class=\"claim\" data-units") && dom.contains(" open=\"\""), "?expand opened the statements")
    }

    /// Printed, every statement is open and the filter bar is gone (skipped without chromium and pdftotext).
    @Test(.enabled(if: RenderFixtures.program("chromium") != nil && RenderFixtures.program("pdftotext") != nil,
                   "chromium or pdftotext is not installed"))
    func printsEveryStatementExpandedWithoutTheFilters() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("review.html"), pdf = folder.appendingPathComponent("review.pdf")
        let html = ReviewPage(consolidation: SummaryMarkdownTests.consolidation, configuration: SummaryMarkdownTests.configuration).render()
        try Data(html.utf8).write(to: page)
        try RenderFixtures.execute(try #require(RenderFixtures.program("chromium")), [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/profile",
            "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString,
        ])
        let text = try RenderFixtures.execute(try #require(RenderFixtures.program("pdftotext")), [pdf.path, "-"]).output
        #expect(text.contains("自学不够"), "a source statement inside a closed statement is printed")
        #expect(!text.contains("全部展开"), "the filter bar is not printed")
    }
}
