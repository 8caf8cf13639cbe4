import Testing
@testable import ConsolidateCore

/// Lines a unit wrote after its closing (`附件：…`, a contact, a sentence added after the date) are
/// a part of their own: never glued with the closing into the last item, never dropped.
@Suite struct ExtractPostscriptTests {
    /// A short report of a made-up unit, ending with its closing; `after` is appended below the date.
    static func report(after: String) -> UnitReport {
        ExtractFixtures.report("""
        东岭社区党支部2024年第三季度党建工作汇报
        一、主要做法
        （一）坚持每月集中学习，支部书记带头讲党课。
        （二）组织党员到困难户家中走访慰问。
        二、存在的问题
        （一）部分党员参加活动不够主动。
        三、下一步打算
        （一）建立党员积分管理台账，按季公布。
        特此汇报。
        东岭社区党支部
        2024年9月28日
        """ + (after.isEmpty ? "" : "\n" + after))
    }

    // (A one-sentence item is read as its heading: its full stop is left out.)
    static let lastPlan = "建立党员积分管理台账，按季公布"

    @Test func aSentenceAfterTheDateIsItsOwnItemAndItsFigureCounts() {
        let report = Self.report(after: "另：本季度新发展党员1名。")
        #expect(report.sections.map(\.kind) == [.achievements, .problems, .plans, .other])
        #expect(report.sections[2].leaves.map(\.statement) == [Self.lastPlan])
        #expect(report.sections[3].leaves.map(\.statement) == ["另：本季度新发展党员1名。"])
        #expect(report.metrics.map(\.text).contains { $0.contains("新发展党员1名") })
        #expect(report.warnings.contains { $0.contains("落款之后还有1行") })
        // The closing itself is in no item.
        let words = report.sections.flatMap(\.leaves).map(\.statement).joined()
        #expect(!words.contains("特此汇报") && !words.contains("2024年9月28日"))
    }

    @Test func aNumberedAttachmentListStaysFlatAndOutOfThePlans() {
        let report = Self.report(after: "附件：1.支部学习计划表\n2.党员积分登记表")
        #expect(report.sections[2].leaves.map(\.statement) == [Self.lastPlan])
        #expect(report.sections[2].items.count == 1)
        #expect(report.sections.last?.kind == .other)
        #expect(report.sections.last?.leaves.map(\.statement) == ["附件：1.支部学习计划表", "2.党员积分登记表"])
    }

    @Test func aContactAfterClosingWordsWithoutSignatureIsAPostscript() {
        let report = ExtractFixtures.report("""
        西坪村党支部2024年第三季度党建工作汇报
        一、主要做法
        （一）开展“党员进农户”走访，收集群众意见。
        二、下一步打算
        （一）推动村级事务公开常态化。
        以上汇报，请审阅。
        联系人：赵某某，联系电话：0000-1234567
        """)
        #expect(report.sections[1].leaves.map(\.statement) == ["推动村级事务公开常态化"])
        #expect(report.sections.last?.leaves.map(\.statement) == ["联系人：赵某某，联系电话：0000-1234567"])
    }

    @Test func aReportEndingWithItsDateHasNoPostscript() {
        let report = Self.report(after: "")
        #expect(report.sections.map(\.kind) == [.achievements, .problems, .plans])
        #expect(report.sections[2].leaves.map(\.statement) == [Self.lastPlan])
        #expect(!report.warnings.contains { $0.contains("落款之后") })
    }

    @Test func aDateFurtherUpThanAPostscriptCanReachIsNotAClosing() {
        // More lines after the date than a postscript has: the date line is the body's, and so are they.
        let lines = (1...(OutlineBuilder.maxPostscriptLines + 1)).map { "（\($0)）第\($0)项补充工作已完成。" }
        let report = Self.report(after: lines.joined(separator: "\n"))
        #expect(!report.warnings.contains { $0.contains("落款之后") })
        #expect(report.sections.last?.kind == .plans)
        let words = report.sections.flatMap(\.leaves).map(\.statement).joined()
        #expect(words.contains("第7项补充工作已完成"))
    }
}
