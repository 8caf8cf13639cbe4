import Foundation
import Testing
@testable import ConsolidateCore

/// A run holds each report cut to what the merge and run.json read, while the store keeps the whole
/// report: the cut changes nothing a run writes, and a later run from the store gives the same.
struct ThinReportTests {
    static let configuration = RenderFixtures.configuration

    static func samples() throws -> [Submission] {
        try Submission.discover(in: Repository.samples, extensions: configuration.inputs.extensions,
                                roster: nil, excluding: []).submissions
    }

    /// A report of nested items: a heading with words, a heading alone, a bare label, an inner enumeration.
    static let nested: UnitReport = {
        let location = { SourceLocation(paragraph: $0) }
        let achievements = Section(kind: .achievements, label: "一、", heading: "主要做法", items: [
            Item(label: "（一）", heading: "强化理论武装", text: "每月组织集中学习两次。", categories: ["学习"], location: location(3)),
            Item(label: "（二）", heading: "夯实组织基础", text: "", items: [
                Item(label: "1.", text: "规范支部换届程序。", location: location(5)),
                Item(label: "2.", heading: "建好党员活动室", text: "", location: location(6)),
            ], location: location(4)),
            Item(label: "（三）", text: "", location: location(7)),
        ], location: location(2))
        var problems = Section(kind: .problems, label: "二、", heading: "存在问题", items: [
            Item(label: "一是", text: "学习形式较为单一。", categories: ["学习"], location: location(9)),
        ], location: location(8))
        problems.intro = "还存在一些不足："
        return UnitReport(source: SourceInfo(path: "甲街道.txt", format: .txt, sha256: "ab"), unit: "甲街道",
                          title: "甲街道党建工作汇报", period: Period(year: 2024, part: .q2),
                          sections: [achievements, problems],
                          metrics: [Metric(text: "集中学习两次", activity: "集中学习", value: 2, unit: "次", approx: false)],
                          placeholders: [Placeholder(text: "XX同志")], residue: [Residue(text: "广告", rule: "ad")],
                          warnings: ["提示"])
    }()

    @Test func aThinnedReportGivesTheSameStatementsLeavesAndFigures() {
        let thin = Self.nested.thinned()
        #expect(Statement.statements(of: thin) == Statement.statements(of: Self.nested))
        #expect(Statement.statements(of: thin).map(\.text) == ["强化理论武装。每月组织集中学习两次。", "规范支部换届程序。", "建好党员活动室", "（三）", "学习形式较为单一。"])
        #expect(thin.sections.map { $0.leaves.count } == Self.nested.sections.map { $0.leaves.count })
        var names = SpellingPool()
        #expect(MergeInput.figures(of: thin, names: &names) == MergeInput.figures(of: Self.nested, names: &names))
        #expect((thin.unit, thin.source, thin.status, thin.period, thin.warnings) ==
                (Self.nested.unit, Self.nested.source, Self.nested.status, Self.nested.period, Self.nested.warnings))
        #expect(thin.residue.count == 1 && thin.placeholders.count == 1)
        #expect(thin.residue[0].text.isEmpty && thin.placeholders[0].text.isEmpty)
    }

    @Test func aThinnedReportDropsWhatNoStageAfterExtractReads() {
        let thin = Self.nested.thinned()
        #expect(thin.title.isEmpty)
        #expect(thin.sections.allSatisfy { $0.heading.isEmpty && $0.intro.isEmpty && $0.label.isEmpty })
        #expect(thin.sections.flatMap(\.items).allSatisfy { $0.items.isEmpty && $0.heading.isEmpty && $0.categories.isEmpty })
        // Not the report the unit wrote: it is not what the store keeps.
        #expect(thin != Self.nested)
    }

    @Test func theMergeOfThinnedReportsIsTheMergeOfWholeOnes() throws {
        let runner = PipelineRunner(configuration: Self.configuration, roster: nil)
        let submissions = try Self.samples()
        var timings: [String: Int] = [:]
        let whole = runner.readAll(submissions, timings: &timings).reports
        let thin = runner.readAll(submissions, thin: true, timings: &timings).reports
        #expect(thin == whole.map { $0.thinned() })
        func merged(_ reports: [UnitReport]) -> Consolidation {
            Merger(configuration: Self.configuration).merge(MergeInput.from(
                runner.account(submissions, reports), roster: nil, copySimilarity: Self.configuration.merge.copySimilarity))
        }
        #expect(merged(thin) == merged(whole))
    }

    @Test func theStoreKeepsTheWholeReportWhenTheRunThinsIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = PipelineRunner(configuration: Self.configuration, roster: nil)
        let submissions = try Self.samples()
        var timings: [String: Int] = [:]
        let whole = runner.readAll(submissions, timings: &timings).reports
        let store = try ReportStore(folder: folder, configuration: Self.configuration)
        let first = runner.readAll(submissions, store: store, thin: true, timings: &timings)
        #expect(first.parsed == submissions.count)
        #expect(store.count() == submissions.filter { $0.format == .read }.count)
        let stored = store.reports(unchanged: submissions.map { ($0.path, $0.unitHint ?? "", $0.size, $0.modified.timeIntervalSince1970) })
        #expect(stored == whole.map { Optional($0) })
        // A second run takes every report from the store, cut the same way.
        let second = runner.readAll(submissions, store: store, thin: true, timings: &timings)
        #expect(second.parsed == 0)
        #expect(second.reports == first.reports)
    }

    /// `count` copies of the nested report, of units `单位0`, `单位1`, … in files of their names.
    static func numberedReports(_ count: Int) -> [UnitReport] {
        (0..<count).map { index in
            var report = nested
            report.source.path = "单位\(index).txt"
            report.unit = "单位\(index)"
            return report
        }
    }

    @Test func theStoreWritesInBatchesAndForgetsFilesNoLongerPresent() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ReportStore(folder: folder, configuration: Self.configuration)
        let reports = Self.numberedReports(7)
        let entries = reports.enumerated().map { (report: $1, unit: $1.unit, size: 10 + $0, modified: 2.5) }
        try store.insert(entries, batch: 3)
        #expect(store.count() == 7)
        let files = entries.map { ($0.report.source.path, $0.unit, $0.size, $0.modified) }
        #expect(store.reports(unchanged: files) == reports.map { Optional($0) })
        try store.forget(present: ["单位1.txt", "单位4.txt"])
        #expect(store.count() == 2)
        #expect(store.reports(unchanged: files).map { $0?.unit } == [nil, "单位1", nil, nil, "单位4", nil, nil])
    }

    @Test func storedReportsReadInBatchesAreTheWholeReadPassedThroughTheTransform() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ReportStore(folder: folder, configuration: Self.configuration)
        let reports = Self.numberedReports(9)
        try store.insert(reports.enumerated().map { (report: $1, unit: $1.unit, size: 10 + $0, modified: 2.5) })
        // A file the store does not hold (another size) among them stays nil in its place.
        var files = reports.enumerated().map { ($1.source.path, $1.unit, 10 + $0, 2.5) }
        files[4].2 = 99
        let whole = store.reports(unchanged: files)
        #expect(whole.compactMap { $0 }.count == 8)
        #expect(whole[4] == nil)
        for batch in [1, 2, 4, 100] {
            let thin = store.reports(unchanged: files, batch: batch) { $0.thinned() }
            #expect(thin == whole.map { $0?.thinned() }, "batch \(batch)")
        }
    }

    @Test func copyDetectionOfLinesIsThatOfTheirJoinedText() {
        let practice = "坚持每月开展主题党日活动，组织党员深入社区开展志愿服务，累计服务群众三百余人次，"
        let lines = [practice, "建立党员联系户制度，每名党员联系五户群众。", "推进党建与业务深度融合。"]
        let detector = CopyDetector(threshold: 0.8)
        let byLines = detector.suspectedCopies([CopyDetector.Document(unit: "甲局", lines: lines),
                                                CopyDetector.Document(unit: "乙局", lines: lines),
                                                CopyDetector.Document(unit: "丙局", lines: ["严格落实三会一课制度。"])])
        let byText = detector.suspectedCopies([CopyDetector.Document(unit: "甲局", text: lines.joined(separator: "\n")),
                                               CopyDetector.Document(unit: "乙局", text: lines.joined(separator: "\n")),
                                               CopyDetector.Document(unit: "丙局", text: "严格落实三会一课制度。")])
        #expect(byLines.map { "\($0.0)-\($0.1)-\($0.2)" } == byText.map { "\($0.0)-\($0.1)-\($0.2)" })
        #expect(byLines.map { "\($0.0)-\($0.1)" } == ["乙局-甲局"])
    }
}
