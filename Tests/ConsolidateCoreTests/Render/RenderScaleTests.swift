import Foundation
import Testing
@testable import ConsolidateCore

/// Render is linear in what it writes: what each practice says is worked out from that practice's
/// own units, never by going over every unit again for each practice, and what several outputs
/// share (the summary's view, its Markdown) is worked out once for all of them.
@Suite struct RenderScaleTests {
    static let configuration = RenderFixtures.configuration
    static let period = Period(year: 2024, part: .q2)

    /// `units` received units; one practice of the first theme shared by all of them, then
    /// `practices` practices of no theme, each of two units of its own.
    static func consolidation(units: Int, practices: Int) -> Consolidation {
        let names = (0..<units).map { "青川区测试单位" + String(format: "%05d", $0) }
        let theme = configuration.themes[0].id
        var achievements = [StatementGroup(text: "各单位认真组织党员集中学习，坚持每月开展主题党日活动。", theme: theme, units: names,
                                           members: names.map { Member(unit: $0, text: "认真组织党员集中学习，坚持每月开展主题党日活动。") })]
        for index in 0..<practices {
            let pair = [names[(2 * index) % units], names[(2 * index + 1) % units]].sorted()
            let text = "组织第\(index + 1)批党员到社区开展志愿服务，帮助群众解决实际困难。"
            achievements.append(StatementGroup(text: text, theme: nil, units: pair, members: pair.map { Member(unit: $0, text: text) }))
        }
        return Consolidation(
            title: "青川区\(period.chineseName)基层党建工作情况汇总报告", period: period,
            units: names.map { UnitEntry(unit: $0, status: .received, source: $0 + ".docx") },
            achievements: achievements, problems: [], plans: [], metrics: [])
    }

    @Test func eachPracticeOfManyNamesItsOwnUnitsAmongThousands() {
        let units = 2_000, practices = 1_000
        let consolidation = Self.consolidation(units: units, practices: practices)
        let view = SummaryView(consolidation: consolidation, configuration: Self.configuration)
        #expect(view.commonPractices.count == practices + 1)
        // The practice every unit shares says so; each of two units names its own two, whatever the others.
        #expect(view.commonPractices.first?.unitCount == "全部\(units)个单位")
        for (practice, group) in zip(view.commonPractices.dropFirst(), consolidation.achievements.dropFirst()) {
            let short = group.units.map { String($0.dropFirst("青川区".count)) }
            #expect(practice.unitCount == "2个单位：\(short.joined(separator: "、"))")
        }
    }

    @Test func practiceOfTwoOfThreeUnitsNamesThemNotAll() {
        // Two units of three received: named, not `全部`.
        let consolidation = Self.consolidation(units: 3, practices: 1)
        let view = SummaryView(consolidation: consolidation, configuration: Self.configuration)
        #expect(view.commonPractices.first?.unitCount == "全部3个单位")
        #expect(view.commonPractices.last?.unitCount == "2个单位：测试单位00000、测试单位00001")
    }

    /// Every output rendered together is byte for byte the output rendered alone.
    @Test(arguments: ["samples", "generated"])
    func outputsRenderedTogetherEqualEachRenderedAlone(_ which: String) throws {
        let consolidation = which == "samples" ? RenderFixtures.samples : Self.consolidation(units: 300, practices: 120)
        let names = Renderer.outputs.filter { $0 != "run.json" }
        let together = try Renderer.render(names, consolidation: consolidation, configuration: Self.configuration)
        #expect(together.map(\.name) == names)
        for (name, data) in together {
            let alone = try Renderer.render(name, consolidation: consolidation, configuration: Self.configuration)
            #expect(data == alone, "\(name) differs")
        }
    }
}
