import Foundation
import Testing
@testable import ConsolidateCore

@Suite struct SummaryMarkdownTests {
    static let configuration = try! PipelineConfiguration.load(from: Repository.defaultPipeline)

    static let consolidation = Consolidation(
        title: "青山区2024年第二季度基层党建工作情况汇总报告",
        period: Period(year: 2024, part: .q2),
        units: [UnitEntry(unit: "甲局", status: .received, source: "甲局.txt"),
                UnitEntry(unit: "乙局", status: .received, source: "乙局.docx", placeholders: 1),
                UnitEntry(unit: "丙局", status: .quarantined, source: "丙局.doc", warnings: ["文件 丙局.doc 是旧版 Word 文件"]),
                UnitEntry(unit: "丁局", status: .missing, source: nil, warnings: ["本期未报送。"])],
        achievements: [
            StatementGroup(text: "严格落实“三会一课”制度，按月召开支委会。", theme: "three-meetings", units: ["乙局", "甲局"],
                           members: [Member(unit: "乙局", text: "…"), Member(unit: "甲局", text: "…")]),
            StatementGroup(text: "组建“红色夜校”，开班12期。", theme: nil, units: ["甲局"],
                           members: [Member(unit: "甲局", text: "组建“红色夜校”，开班12期。")], distinctive: true),
        ],
        problems: [ProblemGroup(category: "study", label: "理论学习不够深入，学用结合不紧", text: "学习不够深入。",
                                units: ["乙局", "甲局"], items: [Member(unit: "乙局", text: "学习不够深入。"),
                                                                Member(unit: "甲局", text: "自学不够。")])],
        plans: [StatementGroup(text: "加强理论学习。", theme: "theory-study", units: ["甲局"], members: [Member(unit: "甲局", text: "加强理论学习。")])],
        metrics: [MetricTotal(activity: "集中学习", unit: "次", total: 17, approx: true,
                              units: [MetricContribution(unit: "甲局", value: 12, approx: false, text: "集中学习12次"),
                                      MetricContribution(unit: "乙局", value: 5, approx: true, text: "集中学习5余次")],
                              unknown: ["戊局"])])

    @Test func statesTheOutlineADepartmentRecognises() {
        let text = SummaryMarkdown(consolidation: Self.consolidation, configuration: Self.configuration).render()
        for heading in ["# 青山区2024年第二季度基层党建工作情况汇总报告", "## 一、主要做法和成效", "## 二、存在的主要问题",
                        "## 三、下一步工作打算", "## 附件：各单位报送情况"] {
            #expect(text.contains(heading + "\n"), "\(heading)")
        }
        #expect(text.contains("本期4个单位应报送"))
        #expect(text.contains("未报送1个（丁局）"))
        #expect(text.contains("已隔离待重新报送（丙局）"))
    }

    @Test func namesTheUnitsOfEachCommonPracticeAndProblemCategory() {
        let text = SummaryMarkdown(consolidation: Self.consolidation, configuration: Self.configuration).render()
        #expect(text.contains("**严格落实“三会一课”等组织生活制度**（2个单位：乙局、甲局）"))
        #expect(text.contains("2个单位反映此类问题（乙局、甲局），共2条"))
        #expect(text.contains("- **甲局**：组建“红色夜校”，开班12期"))
    }

    @Test func totalsSayWhichUnitsFiguresAreUnknown() {
        let text = SummaryMarkdown(consolidation: Self.consolidation, configuration: Self.configuration).render()
        #expect(text.contains("- 集中学习：共计17次（含约数），涉及2个单位（甲局12次、乙局5余次）；戊局的数字未填写，未计入。"))
    }

    @Test func anActivityWhoseOtherMeasureWordCountedNothingIsNamedOnce() {
        // 集中学习 in 场 only from units that left the figure unfilled; 党课 unfilled in two measure words.
        var consolidation = Self.consolidation
        consolidation.metrics += [
            MetricTotal(activity: "集中学习", unit: "场", total: 0, approx: false, units: [], unknown: ["乙局", "己局", "丙局"]),
            MetricTotal(activity: "党课", unit: "次", total: 0, approx: false, units: [], unknown: ["乙局"]),
            MetricTotal(activity: "党课", unit: "堂", total: 0, approx: false, units: [], unknown: ["丙局", "乙局"]),
        ]
        let text = SummaryMarkdown(consolidation: consolidation, configuration: Self.configuration).render()
        // 乙局 counted a figure for the activity: not said to have left it unfilled.
        #expect(text.contains("- 集中学习：共计17次（含约数），涉及2个单位（甲局12次、乙局5余次）；丙局、己局、戊局的数字未填写，未计入。"))
        #expect(!text.contains("- 集中学习：没有可计入的数字"))
        #expect(text.components(separatedBy: "- 党课：").count == 2)
        #expect(text.contains("- 党课：没有可计入的数字；丙局、乙局的数字未填写，未计入。"))
    }

    @Test func leavesOutLinesThatOnlyIntroduceThePlansAfterThem() {
        var consolidation = Self.consolidation
        consolidation.plans.append(StatementGroup(text: "下一步，支部将重点抓好以下工作：", theme: nil, units: ["乙局"],
                                                  members: [Member(unit: "乙局", text: "下一步，支部将重点抓好以下工作：")]))
        consolidation.plans.append(StatementGroup(text: "建立青年党员导师制。", theme: nil, units: ["乙局"],
                                                  members: [Member(unit: "乙局", text: "建立青年党员导师制。")]))
        let text = SummaryMarkdown(consolidation: consolidation, configuration: Self.configuration).render()
        #expect(!text.contains("重点抓好以下工作"))
        #expect(text.contains("建立青年党员导师制"))
    }
}

/// A summary over thousands of units names a readable few in each sentence and says where the rest are.
@Suite struct SummaryUnitListTests {
    @Test func aLongUnitListNamesTheFirstAndPointsToTheWholeList() throws {
        var configuration = PipelineConfiguration.default
        configuration.render.maxUnitsNamed = 3
        let units = (1...5).map { "青石区第\($0)单位" }
        let consolidation = Consolidation(title: "青石区2024年第二季度基层党建工作情况汇总报告", period: Period(year: 2024, part: .q2),
                                          units: units.map { UnitEntry(unit: $0, status: .received, source: $0 + ".txt") },
                                          achievements: [], problems: [], plans: [], metrics: [])
        let words = SummaryView.Wording(consolidation: consolidation, configuration: configuration)
        #expect(words.list(Array(units.prefix(3))) == "第1单位、第2单位、第3单位")
        #expect(words.list(units) == "第1单位、第2单位、第3单位等（全部名单见 review.html 和附件）")
        let total = MetricTotal(activity: "集中学习", unit: "次", total: 15, approx: false,
                                units: units.enumerated().map { MetricContribution(unit: $1, value: $0 + 1, approx: false, text: "") },
                                unknown: [])
        #expect(words.contributions(total) == "其中较多的有第5单位5次、第4单位4次、第3单位3次等；各单位数字见附件")
    }

    @Test func aFileNameStandingInForAUnitIsSetApartFromItsFigure() {
        let consolidation = Consolidation(title: "汇总报告", period: Period(year: 2024, part: .q2),
                                          units: [UnitEntry(unit: "w12", status: .received, source: "w12.txt"),
                                                  UnitEntry(unit: "青石镇", status: .received, source: "青石镇.txt")],
                                          achievements: [], problems: [], plans: [], metrics: [])
        let words = SummaryView.Wording(consolidation: consolidation, configuration: PipelineConfiguration.default)
        let total = MetricTotal(activity: "党课", unit: "次", total: 5, approx: false,
                                units: [MetricContribution(unit: "w12", value: 2, approx: false, text: ""),
                                        MetricContribution(unit: "青石镇", value: 3, approx: false, text: "")],
                                unknown: [])
        #expect(words.contributions(total) == "w12 2次、青石镇3次")
    }
}
