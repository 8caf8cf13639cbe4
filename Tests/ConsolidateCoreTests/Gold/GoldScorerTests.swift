import Foundation
import Testing
@testable import ConsolidateCore

/// The scorer on a small gold reading written for this test.
@Suite struct GoldScorerTests {
    static let text = """
    XX所2025年第一季度党建工作汇报
    一、主要做法
    （一）抓学习。开展集中学习6次，落实“三会一课”制度。
    二、存在问题
    一是学习不深。二是创新不够。
    """

    static let gold = """
    {"source": "900_test.txt", "title": "XX所2025年第一季度党建工作汇报", "unit": "XX所",
     "period": {"year": 2025, "part": "Q1"}, "residue": ["##paidend##"], "keep": ["（一）抓学习"],
     "placeholders": [],
     "sections": [
       {"kind": "achievements", "heading": "一、主要做法", "items": [{"lead": "（一）抓学习"}]},
       {"kind": "problems", "heading": "二、存在问题", "items": [{"lead": "一是学习不深"}, {"lead": "二是创新不够"}, {"lead": "三是作风不实"}]}
     ],
     "metrics": [{"text": "开展集中学习6次", "activity": "集中学习", "value": 6, "unit": "次", "approx": false}],
     "not_metrics": ["三会一课"], "themes": []}
    """

    static func report(metrics: [Metric]) -> UnitReport {
        var report = ExtractFixtures.report(text)
        report.metrics = metrics
        return report
    }

    @Test func perfectReadingScoresFully() throws {
        let report = ExtractFixtures.report(Self.text)
        let evaluation = try GoldScorer(configuration: NormalizeFixtures.configuration)
            .score([(report, NormalizeFixtures.normalize(Self.text).text, Data(Self.gold.utf8))])
        let figures = evaluation.total
        #expect(figures.sectionsRight == 2)
        #expect((figures.leadsFound, figures.leadsExpected, figures.leadsClaimed) == (3, 4, 3))
        #expect((figures.metricsFound, figures.metricsExpected, figures.metricsFalse) == (1, 1, 0))
        #expect(figures.titlesRight == 1 && figures.periodsRight == 1 && figures.unitsRight == 1)
        #expect(figures.residueRemoved == 1 && figures.keepPresent == 1)
        #expect(!evaluation.passes)
        #expect(evaluation.failures == ["item lead recall 75.0%"])
        #expect(evaluation.table.contains("900"))
        #expect(evaluation.details.contains("lead missed: 三是作风不实"))
    }

    @Test func countInsideAFormulaIsAHitAndAFalseCount() throws {
        let wrong = Metric(text: "三会一", activity: "会", value: 3, unit: "会", approx: false)
        let right = Metric(text: "集中学习6次", activity: "集中学习", value: 6, unit: "次", approx: false)
        let evaluation = try GoldScorer(configuration: NormalizeFixtures.configuration)
            .score([(Self.report(metrics: [right, wrong]), NormalizeFixtures.normalize(Self.text).text, Data(Self.gold.utf8))])
        #expect(evaluation.total.formulaHits == 1)
        #expect(evaluation.total.metricsFalse == 1)
        #expect(evaluation.total.metricsFound == 1)
    }

    @Test func countMatchesOnlyWithTheSameValueAndMeasureWord() throws {
        let wrongValue = Metric(text: "集中学习6次", activity: "集中学习", value: 7, unit: "次", approx: false)
        let evaluation = try GoldScorer(configuration: NormalizeFixtures.configuration)
            .score([(Self.report(metrics: [wrongValue]), NormalizeFixtures.normalize(Self.text).text, Data(Self.gold.utf8))])
        #expect(evaluation.total.metricsFound == 0)
        #expect(evaluation.total.metricsFalse == 1)
        #expect(evaluation.total.formulaHits == 0)
    }
}
