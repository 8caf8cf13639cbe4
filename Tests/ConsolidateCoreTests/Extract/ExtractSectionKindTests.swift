import Testing
@testable import ConsolidateCore

@Suite struct ExtractSectionKindTests {
    @Test func topicHeadingsBeforeTheProblemsPartAreWorkDone() {
        let report = ExtractFixtures.report("""
        XX局2024年党建工作总结
        一、坚持问题导向，抓实巡察整改
        整改问题9个。
        二、丰富活动载体
        开展主题党日12次。
        三、存在的不足
        一是学习不够深入，二是载体不够丰富。
        四、2025年工作计划
        一是抓学习，二是抓作风。
        五、其他事项
        无。
        """)
        #expect(report.sections.map(\.kind) == [.achievements, .achievements, .problems, .plans, .other])
    }

    @Test func numberedPartsServeAsSectionsWhereNoChineseNumbersAre() {
        let report = ExtractFixtures.report("""
        XX所党支部2024年工作总结
        1、加强思想建设
        全年集中学习20次。
        2、存在问题
        首先，学习不够系统；其次，创新不足。
        3、下步打算
        持续加强学习。
        """)
        #expect(report.sections.map { $0.label + $0.heading } == ["1、加强思想建设", "2、存在问题", "3、下步打算"])
        #expect(report.sections.map(\.kind) == [.achievements, .problems, .plans])
        #expect(report.sections[1].items.map(\.label) == ["首先", "其次"])
    }

    @Test func reportWithoutNumberedPartsIsOneSectionOfItsParagraphs() {
        let report = ExtractFixtures.report("""
        XX所党支部2024年第一季度工作汇报
        一季度，支部组织集中学习3次。
        开展志愿服务2次。
        """)
        #expect(report.sections.count == 1)
        #expect(report.sections[0].kind == .other)
        #expect(report.sections[0].items.map(\.text) == ["一季度，支部组织集中学习3次。", "开展志愿服务2次。"])
        #expect(report.warnings.contains { $0.contains("层次标题") })
    }

    @Test func partsOfACombinedSectionBecomeSectionsOfTheirKinds() {
        let report = ExtractFixtures.report("""
        XX院党委2024年第一季度党建工作汇报
        一、主要做法
        开展主题党日3次。
        二、存在问题和下步打算
        （一）存在问题。学习不够系统。
        （二）下步打算。一是强化学习，二是创新载体。
        """)
        #expect(report.sections.map(\.kind) == [.achievements, .problems, .plans])
        #expect(report.sections.map { $0.label + $0.heading } == ["一、主要做法", "二、存在问题和下步打算", "（二）下步打算"])
        #expect(report.sections[1].items.map(\.text) == ["学习不够系统。"])
        #expect(report.sections[2].items.map(\.label) == ["一是", "二是"])
    }
}
