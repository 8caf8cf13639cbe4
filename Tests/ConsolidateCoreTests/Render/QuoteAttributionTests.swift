import Foundation
import Testing
@testable import ConsolidateCore

/// Every quote in summary.md, summary.docx and review.html is a run of the named unit's own
/// words: checked over the samples, a generated quarter, and a group whose wording is not its
/// first unit's.
@Suite struct QuoteAttributionTests {
    /// A quote as a document shows it: the unit as named there (maybe without the area) and the words.
    struct Quote: CustomStringConvertible {
        var document: String
        var unit: String
        var words: String
        var description: String { "\(document): \(unit)：“\(words)”" }
    }

    /// The quotes of summary.md: `如X：“…”。` and the distinctive practices' `- **X**：…。`.
    static func markdownQuotes(_ text: String, document: String = "summary.md") -> [Quote] {
        var quotes: [Quote] = []
        for line in text.split(separator: "\n").map(String.init) {
            if let range = line.range(of: "如"), let open = line.range(of: "：“", range: range.upperBound..<line.endIndex),
               let close = line.range(of: "”。", options: .backwards), open.upperBound <= close.lowerBound {
                quotes.append(Quote(document: document, unit: String(line[range.upperBound..<open.lowerBound]),
                                    words: String(line[open.upperBound..<close.lowerBound])))
            }
            if line.hasPrefix("- **"), let end = line.range(of: "**：") {
                let unit = String(line[line.index(line.startIndex, offsetBy: 4)..<end.lowerBound])
                var words = String(line[end.upperBound...])
                if words.hasSuffix("。") { words.removeLast() }
                quotes.append(Quote(document: document, unit: unit, words: words))
            }
        }
        return quotes
    }

    /// The quotes of review.html: each source's `<q>` under its `data-unit`, and the distinctive
    /// practices' `<strong>X</strong>：…` titles.
    static func reviewQuotes(_ html: String) -> [Quote] {
        var quotes: [Quote] = []
        for line in html.split(separator: "\n").map(String.init) {
            if line.contains("class=\"source"), let unit = between(line, "data-unit=\"", "\""), let words = between(line, "<q>", "</q>"),
               !line.contains("source unknown") {
                quotes.append(Quote(document: "review.html", unit: unescape(unit), words: unescape(words)))
            }
            if let title = between(line, "<summary><strong>", "<span"), let end = title.range(of: "</strong>：") {
                quotes.append(Quote(document: "review.html", unit: unescape(String(title[..<end.lowerBound])),
                                    words: unescape(String(title[end.upperBound...]))))
            }
        }
        return quotes
    }

    static func between(_ text: String, _ open: String, _ close: String) -> String? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The quotes that are not a run of the named unit's own statements (or figures' words).
    static func misattributed(_ consolidation: Consolidation, configuration: PipelineConfiguration) throws -> (checked: Int, wrong: [Quote]) {
        let markdown = String(decoding: try Renderer.render("summary.md", consolidation: consolidation, configuration: configuration),
                              as: UTF8.self)
        let docx = try Renderer.render("summary.docx", consolidation: consolidation, configuration: configuration)
        let html = String(decoding: try Renderer.render("review.html", consolidation: consolidation, configuration: configuration),
                          as: UTF8.self)
        return try misattributed(consolidation, markdown: markdown, docx: docx, html: html)
    }

    /// The same over documents already written (a run's output folder).
    static func misattributed(_ consolidation: Consolidation, markdown: String, docx: Data, html: String) throws
        -> (checked: Int, wrong: [Quote]) {
        var words: [String: [String]] = [:]
        for member in (consolidation.achievements + consolidation.plans).flatMap(\.members) + consolidation.problems.flatMap(\.items) {
            words[member.unit, default: []].append(member.text)
        }
        for total in consolidation.metrics {
            for contribution in total.units + (total.conflicts ?? []).flatMap(\.figures) {
                words[contribution.unit, default: []].append(contribution.text)
            }
        }
        let docxText = try Ingest.read(bytes: docx, displayPath: "summary.docx", inputs: RenderFixtures.configuration.inputs)
            .paragraphs.map(\.text).joined(separator: "\n")
        var quotes = markdownQuotes(markdown) + reviewQuotes(html)
        quotes += markdownQuotes(docxText, document: "summary.docx")
        // The distinctive lines of the docx say what the Markdown's say, without the markup.
        let distinctive = markdownQuotes(markdown.split(separator: "\n").filter { $0.hasPrefix("- **") }.joined(separator: "\n"))
        for quote in distinctive where !docxText.contains("\(quote.unit)：\(quote.words)") {
            quotes.append(Quote(document: "summary.docx (missing)", unit: quote.unit, words: "\u{0}"))
        }
        let units = Set(consolidation.units.map(\.unit))
        let wrong = quotes.filter { quote in
            let text = quote.words.hasSuffix("…") ? String(quote.words.dropLast()) : quote.words
            let named = units.filter { $0 == quote.unit || $0.hasSuffix(quote.unit) }
            return text.isEmpty || !named.contains { unit in words[unit, default: []].contains { $0.contains(text) } }
        }
        return (quotes.count, wrong)
    }

    @Test func everyQuoteOfTheSamplesIsTheNamedUnitsOwnWords() throws {
        let result = try Self.misattributed(RenderFixtures.samples, configuration: RenderFixtures.configuration)
        #expect(result.checked > 20)
        #expect(result.wrong.isEmpty, "\(result.wrong)")
    }

    @Test func everyQuoteOfAGeneratedQuarterIsTheNamedUnitsOwnWords() throws {
        let generator = try SubmissionGenerator()
        let input = try temporaryFolder(), output = try temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: output)
        }
        for submission in generator.submissions(count: 40) {
            try generator.bytes(of: submission).write(to: input.appendingPathComponent(submission.fileName))
        }
        let configuration = RenderFixtures.configuration
        let outcome = try PipelineRunner(configuration: configuration, roster: nil).run(input: input, output: output)
        let consolidation = try #require(outcome.consolidation)
        #expect(consolidation.units.filter { $0.status == .received }.count >= 37)
        let result = try Self.misattributed(consolidation, configuration: configuration)
        #expect(result.checked > 20)
        #expect(result.wrong.isEmpty, "\(result.wrong)")
    }

    @Test func quoteOfAThemeNamesTheUnitWhoseStatementIsQuotedNotTheFirstOfTheGroup() throws {
        // 乙局's statement is the longer (the group's wording); 甲局 sorts first.
        let merged = MergerTests.merge([
            MergerTests.report("甲局", achievements: ["认真落实“三会一课”制度。"]),
            MergerTests.report("乙局", achievements: ["认真落实“三会一课”制度，本季度召开支委会3次、党员大会1次。"]),
            MergerTests.report("丙局", achievements: ["组织党员到敬老院开展志愿服务，为老人打扫卫生。"]),
        ])
        let text = SummaryMarkdown(consolidation: merged, configuration: MergerTests.configuration).render()
        let quotes = Self.markdownQuotes(text).filter { $0.words.contains("三会一课") }
        #expect(!quotes.isEmpty)
        for quote in quotes {
            let group = merged.achievements.first { $0.text.hasPrefix(quote.words.replacingOccurrences(of: "…", with: "")) }
            let speaker = group?.members.first { $0.text == group?.text }?.unit
            #expect(quote.unit == speaker, "\(quote)")
        }
        #expect(try Self.misattributed(merged, configuration: MergerTests.configuration).wrong.isEmpty)
    }

    @Test func gistIsARunOfTheStatementsOwnCharacters() {
        let text = "抓学习。坚持每周集中学习，全年开展集中学习24次；组织专题研讨4次。"
        #expect(SummaryMarkdown.gist(text) == "抓学习。坚持每周集中学习，全年开展集中学习24次")
        #expect(text.contains(SummaryMarkdown.gist(text, withFigures: true, limit: 140)))
        let plain = "强化政治引领，推动党建与业务深度融合。开展结对共建活动5次。"
        #expect(SummaryMarkdown.gist(plain, withFigures: true, limit: 140) == "强化政治引领，推动党建与业务深度融合。开展结对共建活动5次")
        #expect(SummaryMarkdown.gist(plain, withFigures: true, limit: 20) == "强化政治引领，推动党建与业务深度融合")
        let long = String(repeating: "学", count: 100)
        #expect(SummaryMarkdown.gist(long) == String(repeating: "学", count: 90) + "…")
        // A half-width semicolon, as web copies have it, ends a sentence too: never `…;。` in the summary.
        let copied = "坚持读原著学原文,系统学习《共产党宣言》;组织读书分享会3次。"
        #expect(SummaryMarkdown.gist(copied) == "坚持读原著学原文,系统学习《共产党宣言》")
        #expect(SummaryMarkdown.gist("系统学习《共产党宣言》;") == "系统学习《共产党宣言》")
    }
}
