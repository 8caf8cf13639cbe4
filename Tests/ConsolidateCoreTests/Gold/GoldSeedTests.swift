import Foundation
import Testing
@testable import ConsolidateCore

/// The seed reports read end to end (ingest, normalize, extract) and scored
/// against their hand-made gold readings; skipped where `../shared` is absent.
@Suite(.enabled(if: SharedFiles.root != nil, "../shared with seeds and gold is not present"))
struct GoldSeedTests {
    static func evaluate() throws -> GoldEvaluation {
        let shared = try #require(SharedFiles.root)
        let configuration = try PipelineConfiguration.load(from: Repository.defaultPipeline)
        return try GoldScorer(configuration: configuration).evaluate(
            seeds: shared.appendingPathComponent("seeds"), gold: shared.appendingPathComponent("gold"),
            configuration: configuration)
    }

    @Test func seedsReachTheIssueFourFloors() throws {
        let evaluation = try Self.evaluate()
        print(evaluation.table)
        if !evaluation.details.isEmpty { print(evaluation.details) }
        let total = evaluation.total
        #expect(total.reports == 3)
        #expect(total.residueRemoved == total.residueExpected)
        #expect(total.keepPresent == total.keepExpected)
        #expect(total.sectionsRight == total.sectionsExpected)
        #expect(total.leadRecall >= 0.95)
        #expect(total.leadPrecision >= 0.95)
        #expect(total.metricF1 >= 0.95)
        #expect(total.formulaHits == 0)
        #expect(total.placeholderRecall >= 0.9)
        #expect(total.titlesRight == total.reports)
        #expect(total.periodsRight == total.reports)
        #expect(evaluation.passes, "\(evaluation.failures)")
    }
}
