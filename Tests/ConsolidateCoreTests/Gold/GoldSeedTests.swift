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
        let normalizer = Normalizer(configuration: configuration)
        let extractor = Extractor(configuration: configuration)
        let seeds = shared.appendingPathComponent("seeds")
        let gold = shared.appendingPathComponent("gold")
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }.sorted()
        var cases: [(report: UnitReport, normalizedText: String, gold: Data)] = []
        for name in names {
            let goldFile = gold.appendingPathComponent(name.replacingOccurrences(of: ".txt", with: ".gold.json"))
            guard FileManager.default.fileExists(atPath: goldFile.path) else { continue }
            let raw = try Ingest.read(seeds.appendingPathComponent(name), displayPath: name, inputs: configuration.inputs)
            let normalized = normalizer.normalize(raw)
            let report = extractor.extract(normalized, unitHint: nil)
            cases.append((report, normalized.text, try Data(contentsOf: goldFile)))
        }
        return try GoldScorer(configuration: configuration).score(cases)
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
