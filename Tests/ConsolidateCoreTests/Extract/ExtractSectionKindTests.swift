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

    @Test func shortItemOfAProblemsSectionStaysAProblemWhateverItsWords() {
        let report = ExtractFixtures.report("""
        XX中心党支部2024年第三季度党建工作汇报
        一、主要做法
        （一）抓实支部学习。本季度组织集中学习4次。
        （二）打造服务品牌。设立党员示范窗口2个。
        二、存在的短板
        （一）特色亮点偏少。
        （二）支部书记抓党建的精力不够集中，部分工作靠临时安排。
        三、下一步打算
        （一）完善学习制度。
        """)
        #expect(report.sections.map(\.kind) == [.achievements, .problems, .plans])
        #expect(report.sections.map { $0.label + $0.heading } == ["一、主要做法", "二、存在的短板", "三、下一步打算"])
        let problems = report.sections[1]
        #expect(problems.leaves.map(\.label) == ["（一）", "（二）"])
        #expect(problems.leaves.map(\.statement) == ["特色亮点偏少", "支部书记抓党建的精力不够集中，部分工作靠临时安排"])
        #expect(Statement.statements(of: report).filter { $0.kind == .problem }.map(\.text)
                == ["特色亮点偏少", "支部书记抓党建的精力不够集中，部分工作靠临时安排"])
        #expect(!report.warnings.contains { $0.contains("存在的问题") })
    }

    @Test func inlineItemOfAProblemsSectionStaysAProblemWhateverItsWords() {
        let report = ExtractFixtures.report("""
        XX站党支部2024年上半年工作汇报
        一、工作开展情况
        开展主题党日6次。
        二、存在的不足
        一是经验交流偏少。二是青年党员参与组织生活的热情有待提高。
        """)
        #expect(report.sections.map(\.kind) == [.achievements, .problems])
        #expect(report.sections[1].leaves.map(\.label) == ["一是", "二是"])
        #expect(report.sections[1].leaves.map(\.heading) == ["经验交流偏少", "青年党员参与组织生活的热情有待提高"])
    }

    @Test func shortItemOfAPlansSectionStaysAPlanWhateverItsWords() {
        let report = ExtractFixtures.report("""
        XX社区党委2024年党建工作总结
        一、主要工作
        组织党员志愿服务9次。
        二、存在问题
        （一）阵地使用率不高。
        三、2025年工作计划
        （一）推广典型做法。
        （二）补齐台账短板。
        （三）打造小区党建亮点，每月评选一次先锋楼栋。
        """)
        #expect(report.sections.map(\.kind) == [.achievements, .problems, .plans])
        let plans = report.sections[2]
        #expect(plans.label + plans.heading == "三、2025年工作计划")
        #expect(ExtractFixtures.outline(plans.items) == ["（一）推广典型做法", "（二）补齐台账短板", "（三）打造小区党建亮点，每月评选一次先锋楼栋"])
        #expect(plans.leaves.count == 3)
    }

    @Test func achievementsSectionWithAHighlightsHeadingStaysAchievements() {
        let report = ExtractFixtures.report("""
        XX学校党总支2024年上半年党建工作汇报
        一、工作亮点及成效
        （一）学习有特色。每周三下午开展教工集中学习，累计10次。
        （二）打造党建亮点。建成“红烛讲堂”党建品牌，开展示范课5节。
        二、存在的问题
        （一）党员教师的带动作用还不够突出。
        三、下步打算
        （一）深化“红烛讲堂”品牌建设。
        """)
        #expect(report.sections.map(\.kind) == [.achievements, .problems, .plans])
        #expect(ExtractFixtures.outline(report.sections[0].items) == ["（一）学习有特色", "（二）打造党建亮点"])
        #expect(report.sections[0].leaves.map(\.text) == ["每周三下午开展教工集中学习，累计10次。", "建成“红烛讲堂”党建品牌，开展示范课5节。"])
    }

    @Test func itemOfThePartItStandsInKeepsItsHeading() {
        let report = ExtractFixtures.report("""
        XX所党支部2024年第二季度党建工作汇报
        一、主要做法
        开展主题党日3次。
        二、存在问题和下步打算
        （一）存在问题。学习不够系统。
        （二）创新不足。活动方式较少。
        （三）下步打算。一是强化学习，二是创新载体。
        """)
        #expect(report.sections.map(\.kind) == [.achievements, .problems, .plans])
        #expect(report.sections[1].leaves.map(\.statement) == ["学习不够系统。", "创新不足。活动方式较少。"])
        #expect(report.sections[2].label + report.sections[2].heading == "（三）下步打算")
    }

    @Test func headingThatStatesAShortcomingOfAnAchievementsWordIsProblems() {
        let report = ExtractFixtures.report("""
        XX镇党委2024年上半年党建工作汇报
        一、主要做法
        开展集中学习5次。
        二、在肯定成绩的同时，镇党委的工作还有差距：
        一是村级阵地利用不充分，二是年轻党员偏少。
        三、经验不足
        新任支部书记对发展党员程序掌握不熟。
        四、主要成效及存在问题
        （一）主要成效。走访慰问困难党员12人。
        （二）存在问题。台账记录不规范。
        五、下步打算
        一是规范台账，二是加强培训。
        """)
        #expect(report.sections.map(\.kind) == [.achievements, .problems, .problems, .achievements, .problems, .plans])
        #expect(report.sections[1].leaves.map(\.label) == ["一是", "二是"])
        #expect(report.sections[4].label + report.sections[4].heading == "（二）存在问题")
    }
}
