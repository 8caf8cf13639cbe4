import Foundation
import Testing
@testable import ConsolidateCore

@Suite struct ReviewIndexTests {
    let configuration = ReviewFixtures.configuration

    @Test func filtersReallyNarrowByListCategoryUnitAndReviewed() {
        let reviewed = StatementRef(unit: "西山镇", text: "理论学习停留在读文件层面。")
        let consolidation = DecisionApplier(configuration: configuration)
            .apply([Decision(kind: .reviewed, statements: [reviewed])], to: ReviewFixtures.consolidation)
        let index = ReviewIndex(consolidation, configuration: configuration)
        #expect(index.rows.count == 7)
        #expect(index.rows(matching: .init(list: .problems)).count == 3)
        #expect(index.rows(matching: .init(category: "innovation")).map(\.unit) == ["东湖街道", "南岭村"])
        #expect(index.rows(matching: .init(unit: "西山镇")).count == 3)
        #expect(index.rows(matching: .init(reviewed: true)).map(\.key) == [reviewed.key])
        #expect(index.rows(matching: .init(reviewed: false)).count == 6)
        #expect(index.rows(matching: .init(theme: "none")).map(\.list) == [.plans])
    }

    @Test func searchMatchesEveryWordInTextUnitOrSource() {
        let index = ReviewIndex(ReviewFixtures.consolidation, configuration: configuration)
        #expect(index.rows(matching: .init(query: "党费 公示")).map(\.unit) == ["南岭村"])
        #expect(index.rows(matching: .init(query: "西山镇.txt")).count == 3)
        #expect(index.rows(matching: .init(query: "没有这句话")).isEmpty)
    }

    @Test func aQuotedGroupCarriesTheSentenceSummaryMdHasForIt() {
        let index = ReviewIndex(ReviewFixtures.consolidation, configuration: configuration)
        let problem = index.rows.first { $0.list == .problems && $0.category == "innovation" }
        #expect(problem?.summarySentence?.contains("组织生活形式比较单调") == true)
        #expect(problem?.summarySentence?.contains("2个单位反映此类问题") == true)
    }
}

@Suite struct BoundedReviewPageTests {
    let configuration = ReviewFixtures.configuration

    @Test func aPracticeOfManyUnitsListsThirtySentencesAndSaysWhereTheRestAre() {
        var consolidation = ReviewFixtures.consolidation
        let members = (1...200).map { ReviewFixtures.member("第\($0)社区", "每月组织党员集中学习一次，围绕党章党规开展研讨。") }
        consolidation.achievements[0].members = members
        consolidation.achievements[0].units = members.map(\.unit).sorted()
        let html = ReviewPage(consolidation: consolidation, configuration: configuration).render()
        #expect(html.components(separatedBy: "<li class=\"source\" data-unit=\"第").count - 1 == ReviewPage.sourceLimit)
        #expect(html.contains("另有170条原文未列出"))
    }

    @Test func anUnfilledFigureIsNotShownAsTheUnitsOwnWords() {
        var consolidation = ReviewFixtures.consolidation
        var total = MetricTotal(activity: "集中学习", unit: "次", total: 3, approx: false,
                                units: [MetricContribution(unit: "东湖街道", value: 3, approx: false, text: "集中学习3次")], unknown: ["西山镇"])
        total.rule = nil
        consolidation.metrics = [total]
        let html = ReviewPage(consolidation: consolidation, configuration: configuration).render()
        #expect(html.contains("未填写的占位符"))
        #expect(!html.contains("<q>数字为未填写的占位符"))
        #expect(html.contains("id=\"search\""))
    }
}
