import Foundation
import Testing
@testable import ConsolidateCore

/// summary.md stays a text a person reads however many units report: no line of thousands of
/// unit names, a bounded 附件, counts and a few named examples with the rest in review.html.
@Suite struct SummaryScaleTests {
    /// Past `render.maxUnitRows` the 附件 lists that many units: those with something to tell (not
    /// received, or a remark) first, in the account's order and with its numbers, each row as the whole
    /// table has it (its figures too); the rest are counted.
    @Test func theAppendixPastItsLimitListsTheUnitsToFollowUpFirstAndCountsTheRest() throws {
        var configuration = RenderFixtures.configuration
        let whole = SummaryView(consolidation: RenderFixtures.samples, configuration: configuration)
        #expect(whole.unitsNotListed == nil)
        let received = SummaryView.Wording.statusWords[.received]
        let toFollow = whole.units.filter { $0.status != received || $0.remarks != "—" }
        let quiet = whole.units.filter { $0.status == received && $0.remarks == "—" }
        try #require(toFollow.count >= 2 && quiet.count >= 3)
        #expect(quiet.contains { $0.figures != "—" })
        for limit in [1, toFollow.count, toFollow.count + 2] {
            configuration.render.maxUnitRows = limit
            let view = SummaryView(consolidation: RenderFixtures.samples, configuration: configuration)
            let expected = Array(toFollow.prefix(limit)) + Array(quiet.prefix(max(0, limit - toFollow.count)))
            #expect(view.units == expected.sorted { $0.number < $1.number }, "limit \(limit)")
            #expect(view.unitsNotListed == whole.units.count - limit)
        }
    }

    /// The generated corpus of `units` units merged and rendered: summary.md and the times of merge and render.
    static func summary(units: Int) throws -> (text: String, merge: Double, render: Double) {
        let corpus = StatementCorpus.generate(units: units)
        var statements = corpus.statements
        let names = Array(Set(corpus.statements.map(\.unit))).sorted()
        for (offset, problem) in corpus.problems.enumerated() {
            statements.append(Statement(kind: .problem, unit: names[offset % names.count], text: problem.text, source: nil,
                                        location: SourceLocation(paragraph: 1_000 + offset)))
            statements.append(Statement(kind: .plan, unit: names[offset % names.count], text: corpus.statements[offset % corpus.statements.count].text,
                                        source: nil, location: SourceLocation(paragraph: 2_000 + offset)))
        }
        let input = MergeInput(units: names.map { UnitEntry(unit: $0, status: .received, source: $0 + ".txt") },
                               statements: statements, figures: [], periods: [Period(year: 2024, part: .q2)], due: nil)
        let configuration = try PipelineConfiguration.load(from: Repository.defaultPipeline)
        var start = DispatchTime.now()
        let consolidation = Merger(configuration: configuration).merge(input)
        let merge = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        start = DispatchTime.now()
        let text = SummaryMarkdown(consolidation: consolidation, configuration: configuration).render()
        let render = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return (text, merge, render)
    }

    static func check(_ text: String, units: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let longest = lines.map(\.count).max() ?? 0
        let appendix = lines.drop { !$0.hasPrefix("## 附件") }.filter { $0.hasPrefix("| ") }.count
        print("summary.md over \(units) generated units: \(text.utf8.count) bytes, \(lines.count) lines, longest \(longest) characters, \(appendix) table rows in the 附件")
        #expect(longest <= 600)
        #expect(appendix <= 202)
        #expect(text.contains("其余") == (units > 200))
    }

    @Test func summaryOfTwoThousandUnitsHasNoUnreadableLine() throws {
        let result = try Self.summary(units: 2_000)
        Self.check(result.text, units: 2_000)
        // Themes name the practices several units share, with their counts.
        #expect(result.text.contains("其他多个单位共有的做法"))
    }

    /// At a city's scale; a benchmark: `BENCHMARK=1` only (SUMMARY_OUT=FILE keeps the text).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BENCHMARK"] == "1"))
    func summaryOfTenThousandUnitsHasNoUnreadableLine() throws {
        let result = try Self.summary(units: 10_000)
        print(String(format: "merge %.2f s, render %.2f s", result.merge, result.render))
        if let path = ProcessInfo.processInfo.environment["SUMMARY_OUT"] { try result.text.write(toFile: path, atomically: true, encoding: .utf8) }
        Self.check(result.text, units: 10_000)
    }
}

extension SummaryScaleTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SUMMARY_OUT"] != nil))
    func summaryOfTwoThousandUnitsKept() throws {
        let result = try Self.summary(units: Int(ProcessInfo.processInfo.environment["SUMMARY_UNITS"] ?? "2000") ?? 2_000)
        print(String(format: "merge %.2f s, render %.2f s", result.merge, result.render))
        try result.text.write(toFile: ProcessInfo.processInfo.environment["SUMMARY_OUT"] ?? "/tmp/summary.md", atomically: true, encoding: .utf8)
    }
}
