import Foundation
import Testing
@testable import ConsolidateCore

/// The main counts of the samples, consolidated through the library, against what the
/// samples' own sentences state: each unit's figure, the units whose figure is unfilled,
/// and the totals. The figures were read off the sample sources by hand; a unit that
/// states no figure for an activity is absent (not 0).
@Suite struct SampleFiguresTests {
    struct Truth: Sendable, CustomTestStringConvertible {
        var activity: String
        var unit: String
        /// Each unit's largest stated figure, by its short name.
        var figures: [String: Int]
        /// Units whose figure is only approximate (`30余次`).
        var approximate: Set<String> = []
        /// Units whose figure is an unfilled placeholder (`x次`).
        var unknown: Set<String> = []
        var total: Int

        var testDescription: String { activity }
    }

    static let truths: [Truth] = [
        Truth(activity: "集中学习", unit: "次", figures: [
            "财政局": 12, "教育局": 10, "卫生健康局": 15, "人民医院": 9, "实验中学": 6, "市场监督管理局": 14,
            "临溪镇": 30, "河西街道": 18, "城市建设投资集团有限公司": 8, "自然资源局": 11, "政务服务中心": 7,
        ], approximate: ["临溪镇"], unknown: ["交通运输局"], total: 140),
        Truth(activity: "支委会", unit: "次", figures: [
            "财政局": 9, "教育局": 21, "卫生健康局": 8, "人民医院": 12, "实验中学": 6, "市场监督管理局": 10,
            "临溪镇": 60, "河西街道": 27, "城市建设投资集团有限公司": 7, "自然资源局": 6, "交通运输局": 6, "政务服务中心": 6,
        ], approximate: ["临溪镇"], total: 178),
        Truth(activity: "党员大会", unit: "次", figures: [
            "财政局": 3, "教育局": 7, "卫生健康局": 3, "人民医院": 4, "实验中学": 2, "市场监督管理局": 3,
            "临溪镇": 18, "河西街道": 9, "自然资源局": 3, "政务服务中心": 2,
        ], unknown: ["交通运输局"], total: 54),
        Truth(activity: "党课", unit: "次", figures: [
            "财政局": 4, "教育局": 7, "卫生健康局": 5, "人民医院": 6, "实验中学": 3, "市场监督管理局": 4,
            "临溪镇": 22, "河西街道": 11, "城市建设投资集团有限公司": 3, "自然资源局": 3, "交通运输局": 4, "政务服务中心": 3,
        ], total: 75),
        Truth(activity: "主题党日", unit: "次", figures: [
            "财政局": 3, "教育局": 21, "卫生健康局": 3, "人民医院": 9, "实验中学": 3, "市场监督管理局": 3,
            "临溪镇": 54, "河西街道": 27, "城市建设投资集团有限公司": 3, "自然资源局": 3, "交通运输局": 3, "政务服务中心": 3,
        ], total: 135),
        Truth(activity: "入党积极分子", unit: "名", figures: [
            "财政局": 2, "教育局": 3, "卫生健康局": 1, "人民医院": 4, "实验中学": 2, "市场监督管理局": 2,
            "临溪镇": 11, "河西街道": 6, "城市建设投资集团有限公司": 3, "自然资源局": 1, "政务服务中心": 1,
        ], unknown: ["交通运输局"], total: 36),
        // 接收预备党员 (财政局, 实验中学) and 发展预备党员 (人民医院) are recruitment; 教育局's
        // 另有预备党员 is a stock figure.
        Truth(activity: "发展党员", unit: "名", figures: [
            "财政局": 1, "人民医院": 2, "实验中学": 1, "临溪镇": 4,
        ], total: 8),
        Truth(activity: "警示教育", unit: "次", figures: [
            "财政局": 2, "卫生健康局": 2, "人民医院": 1, "市场监督管理局": 3, "临溪镇": 2, "河西街道": 1,
            "城市建设投资集团有限公司": 1, "自然资源局": 1, "交通运输局": 2,
        ], total: 15),
        Truth(activity: "谈心谈话", unit: "人次", figures: [
            "财政局": 46, "教育局": 60, "河西街道": 52, "实验中学": 27, "政务服务中心": 24,
        ], approximate: ["教育局"], total: 209),
    ]

    struct RunFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The samples consolidated once, as `consolidate run --input Samples` would.
    static let consolidation: Result<Consolidation, RunFailure> = {
        do {
            let output = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: output) }
            let configuration = try PipelineConfiguration.load(from: Repository.defaultPipeline)
            let rosterURL = Repository.samples.appendingPathComponent("roster.csv")
            let runner = PipelineRunner(configuration: configuration, roster: try Roster.load(from: rosterURL),
                                        rosterPath: rosterURL.path)
            // Without a state store every run merges: the consolidation is always there.
            guard let consolidation = try runner.run(input: Repository.samples, output: output).consolidation else {
                return .failure(RunFailure(description: "the run kept earlier outputs instead of merging"))
            }
            return .success(consolidation)
        } catch {
            return .failure(RunFailure(description: "\(error)"))
        }
    }()

    static let prefix = "青川区"

    static func total(_ truth: Truth) throws -> MetricTotal {
        let consolidation = try consolidation.get()
        return try #require(consolidation.metrics.first { $0.activity == truth.activity && $0.unit == truth.unit },
                            "no total for \(truth.activity) (\(truth.unit))")
    }

    static func short(_ unit: String) -> String {
        unit.hasPrefix(prefix) ? String(unit.dropFirst(prefix.count)) : unit
    }

    @Test(arguments: truths)
    func eachUnitStatesItsOwnFigure(truth: Truth) throws {
        let total = try Self.total(truth)
        let figures = Dictionary(total.units.map { (Self.short($0.unit), $0.value) }, uniquingKeysWith: max)
        #expect(figures == truth.figures)
        #expect(Set(total.units.filter(\.approx).map { Self.short($0.unit) }) == truth.approximate)
    }

    @Test(arguments: truths)
    func unitsWithAnUnfilledFigureAreUnknownNotZero(truth: Truth) throws {
        let total = try Self.total(truth)
        #expect(Set(total.unknown.map(Self.short)) == truth.unknown)
        #expect(!total.units.contains { truth.unknown.contains(Self.short($0.unit)) })
    }

    @Test(arguments: truths)
    func totalIsTheSumOfTheStatedFigures(truth: Truth) throws {
        let total = try Self.total(truth)
        #expect(total.total == truth.total)
        #expect(truth.figures.values.reduce(0, +) == truth.total, "the table itself adds up")
        #expect(total.approx == !truth.approximate.isEmpty)
    }
}
