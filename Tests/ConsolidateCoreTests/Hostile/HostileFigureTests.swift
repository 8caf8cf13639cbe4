import Foundation
import Testing
@testable import ConsolidateCore

/// A figure no unit could report (a slip, a garbled or hostile file) never stops the run:
/// it is left out of the totals and its unit is told, the other units' figures still add up.
@Suite struct HostileFigureTests {
    static func figure(_ unit: String, _ value: Int?, text: String? = nil) -> UnitFigure {
        UnitFigure(unit: unit, activity: "集中学习", measure: "次", value: value, approx: false,
                   text: text ?? "开展集中学习\(value.map(String.init) ?? "x")次")
    }

    @Test func figureBeyondTheBoundIsLeftOutOfTheTotalAndReturned() {
        let outcome = MetricTotals.totals(of: [Self.figure("甲局", Int.max), Self.figure("乙局", 12), Self.figure("丙局", 30)],
                                          bound: 10_000_000)
        #expect(outcome.totals.count == 1)
        #expect(outcome.totals.first?.total == 42)
        #expect(outcome.totals.first?.units.map(\.unit) == ["丙局", "乙局"])
        #expect(outcome.implausible.map(\.unit) == ["甲局"])
    }

    @Test func figuresWithinTheBoundAreAllCounted() {
        let outcome = MetricTotals.totals(of: [Self.figure("甲局", 10_000_000), Self.figure("乙局", 0), Self.figure("丙局", nil)],
                                          bound: 10_000_000)
        #expect(outcome.implausible.isEmpty)
        #expect(outcome.totals.first?.total == 10_000_000)
        #expect(outcome.totals.first?.unknown == ["丙局"])
    }

    @Test func negativeFigureIsImplausible() {
        let outcome = MetricTotals.totals(of: [Self.figure("甲局", -5), Self.figure("乙局", 3)], bound: 100)
        #expect(outcome.totals.first?.total == 3)
        #expect(outcome.implausible.map(\.unit) == ["甲局"])
    }

    @Test func sumThatWouldOverflowLeavesTheLastFigureOutInsteadOfCrashing() {
        // With the bound raised as far as it goes, two huge figures cannot both be added.
        let outcome = MetricTotals.totals(of: [Self.figure("甲局", Int.max - 1), Self.figure("乙局", Int.max - 1)], bound: Int.max)
        #expect(outcome.totals.first?.total == Int.max - 1)
        #expect(outcome.totals.first?.units.map(\.unit) == ["乙局"])
        #expect(outcome.implausible.map(\.unit) == ["甲局"])
    }

    @Test func unitWithAnImplausibleFigureIsWarnedInChineseNamingTheFigure() throws {
        let merged = MergerTests.merge([
            MergerTests.report("甲局", metrics: [Metric(text: "开展集中学习9223372036854775807次", activity: "集中学习",
                                                      value: Int.max, unit: "次", approx: false)]),
            MergerTests.report("乙局", metrics: [Metric(text: "开展集中学习12次", activity: "集中学习", value: 12, unit: "次", approx: false)]),
        ])
        #expect(merged.metrics.first { $0.activity == "集中学习" }?.total == 12)
        let first = try #require(merged.units.first { $0.unit == "甲局" })
        #expect(first.status == .received)
        #expect(first.warnings.contains { $0.contains("“开展集中学习9223372036854775807次”") && $0.contains("未计入合计") })
        let second = try #require(merged.units.first { $0.unit == "乙局" })
        #expect(!second.warnings.contains { $0.contains("未计入合计") })
    }

    @Test func boundIsConfigurableAndMustBePositive() throws {
        #expect(try PipelineConfiguration.decode(yaml: "merge:\n  maxFigure: 500\n").merge.maxFigure == 500)
        #expect(PipelineConfiguration.default.merge.maxFigure == 10_000_000)
        #expect(throws: ConfigurationError.self) { try PipelineConfiguration.decode(yaml: "merge:\n  maxFigure: 0\n") }
    }

    /// The reported crash: one report with a figure of Int.max stopped `run` for every unit.
    @Test func runWithAnOverflowingFigureFinishesWithEveryonesOutputs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        func report(_ unit: String, _ figure: String) -> String {
            """
            \(unit)2024年第二季度党建工作汇报
            一、主要工作
            （一）加强理论学习。本季度组织党员开展集中学习\(figure)次，交流学习体会。
            二、存在的问题
            学习形式还比较单一。
            三、下一步工作打算
            继续抓好理论学习。
            """
        }
        try report("青川区甲局", "9223372036854775807").write(to: input.appendingPathComponent("甲局.txt"), atomically: true, encoding: .utf8)
        try report("青川区乙局", "12").write(to: input.appendingPathComponent("乙局.txt"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let result = try ConsolidateBinary.run(["run", "--input", input.path, "--out", out.path,
                                                "--pipeline", Repository.defaultPipeline.path, "--wait", "0"])
        #expect(!result.signaled, "\(result.stderr)")
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONDecoder().decode(Consolidation.self, from: Data(contentsOf: out.appendingPathComponent("summary.json")))
        #expect(summary.units.filter { $0.status == .received }.count == 2)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(RunLock.fileName).path))
        let study = summary.metrics.first { $0.activity == "集中学习" }
        #expect(study?.units.map(\.value).allSatisfy { $0 <= 10_000_000 } ?? true)
        #expect(study?.units.contains { $0.value == 12 } == true)
    }
}
