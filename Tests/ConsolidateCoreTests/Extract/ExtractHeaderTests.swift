import Testing
@testable import ConsolidateCore

@Suite struct ExtractHeaderTests {
    @Test func titleNamesUnitAndPeriod() {
        let report = ExtractFixtures.report("XX县财政局2024年第二季度党建工作情况汇报\n一、主要做法\n坚持集体学习。")
        #expect(report.title == "XX县财政局2024年第二季度党建工作情况汇报")
        #expect(report.unit == "XX县财政局")
        #expect(report.period == Period(year: 2024, part: .q2))
    }

    @Test func unitAfterThePeriodTheTitleOpensWith() {
        #expect(HeaderReader.unit(inTitle: HeaderReader.droppingPeriod("2024年上半年XX县审计局党建工作总结")) == "XX县审计局")
        #expect(HeaderReader.unit(inTitle: HeaderReader.droppingPeriod("2024年上半年基层党建工作推进会材料")) == nil)
        #expect(HeaderReader.unit(inTitle: "关于XX县审计局2024年党建工作情况的报告") == "XX县审计局")
    }

    @Test func unitHintComesFirst() {
        let report = ExtractFixtures.report("XX县财政局2024年党建工作总结\n一、主要做法", unitHint: "县财政局")
        #expect(report.unit == "县财政局")
    }

    @Test func unitComesFromTheOpeningWhereTheTitleNamesNoneSkippingTheSuperior() {
        let report = ExtractFixtures.report("""
        2024年上半年党建工作汇报
        今年以来，在县委组织部的有力指导下，城关镇党委坚持抓党建促发展，现汇报如下：
        一、主要做法
        """)
        #expect(report.unit == "城关镇党委")
        #expect(report.period == Period(year: 2024, part: .h1))
    }

    @Test(arguments: [
        ("XX中学党支部2023年度工作总结", Period(year: 2023, part: .year)),
        ("XX中学党支部2023年党建工作总结", Period(year: 2023, part: .year)),
        ("XX中学党支部2025年第三季度党建工作汇报", Period(year: 2025, part: .q3)),
        ("XX中学党支部2024年下半年党建工作汇报", Period(year: 2024, part: .h2)),
        ("XX中学党支部2024年党建工作汇报", Period(year: 2024, part: nil)),
        ("关于党建工作情况的汇报", Period(year: nil, part: nil)),
        ("XX社区党委二〇二四年上半年工作总结", Period(year: 2024, part: .h1)),
        ("XX社区党委2024年1-6月党建工作汇报", Period(year: 2024, part: .h1)),
        ("XX社区党委2024年7-9月党建工作汇报", Period(year: 2024, part: .q3)),
        ("XX社区党委2024年半年工作总结", Period(year: 2024, part: .h1)),
    ])
    func periodFromTheTitle(title: String, period: Period) {
        #expect(HeaderReader.period(in: title) == period)
    }

    @Test func titleUnderALineNamingTheUnit() {
        let report = ExtractFixtures.report("""
        中共XX县委宣传部
        2024年度党建工作总结
        一年来，部机关党支部认真落实管党治党责任，扎实推进各项工作。
        一、主要做法
        """)
        #expect(report.title == "2024年度党建工作总结")
        #expect(report.unit == "中共XX县委宣传部")
        #expect(report.period == Period(year: 2024, part: .year))
    }

    @Test func unitIsToldWhatCouldNotBeRead() {
        let report = ExtractFixtures.report("今年以来，支部坚持以学促干，现将有关情况汇报如下。")
        #expect(report.warnings.contains { $0.contains("标题") })
        #expect(report.warnings.contains { $0.contains("年度") })
    }
}
