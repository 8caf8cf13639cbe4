import Testing
@testable import ConsolidateCore

@Suite struct NormalizeGluedResidueTests {
    @Test func footerGluedToTheLastSentenceIsCutAndTheSentenceKept() {
        let document = NormalizeFixtures.normalize("""
        XX所2024年党建工作总结
        一、主要做法
        持续加强党员教育管理，切实提高服务本领。推荐阅读文章某某范文网 https://www.example.com 版权所有
        """)
        #expect(document.lines.last?.text == "持续加强党员教育管理，切实提高服务本领。")
        #expect(document.residue.map(\.rule) == ["glued-footer"])
    }

    @Test func sentenceAboutReadingAtTheEndIsKept() {
        let document = NormalizeFixtures.normalize("""
        XX所2024年党建工作总结
        一、主要做法
        在网站(www.example.gov.cn)发布信息12条，宣传支部工作。
        按时完成学习任务。推荐阅读书目已下发各支部。
        """)
        #expect(document.lines.count == 4)
        #expect(document.residue.isEmpty)
    }

    @Test func templateTagOnTheTitleIsRemoved() {
        let document = NormalizeFixtures.normalize("XX所2024年党建工作总结(精选3篇)\n一、主要做法")
        #expect(document.lines.first?.text == "XX所2024年党建工作总结")
        let other = NormalizeFixtures.normalize("XX所2024年党建工作总结【优秀范文】\n一、主要做法")
        #expect(other.lines.first?.text == "XX所2024年党建工作总结")
    }

    @Test func sentenceQuotingAReadingListInTheMiddleIsKept() {
        var lines = ["XX所2024年党建工作总结"]
        for index in 1...10 { lines.append("第\(index)项：完成年度任务。") }
        lines.append("向党员推荐阅读书目20种。推荐阅读书目由支部统一采购。")
        for index in 11...20 { lines.append("第\(index)项：完成年度任务。") }
        let document = NormalizeFixtures.normalize(lines.joined(separator: "\n"))
        #expect(document.residue.isEmpty)
    }

    @Test func collectionTitleAndLeadInAboveTheReportAreRemoved() {
        let document = NormalizeFixtures.normalize("""
        支部工作总结范文（精选3篇）
        以下是小编整理的支部工作总结范文（精选3篇），欢迎阅读与收藏。
        XX所党支部2024年工作总结
        一、主要做法
        """)
        #expect(document.lines.first?.text == "XX所党支部2024年工作总结")
        #expect(document.residue.contains { $0.rule == "site-title" })
    }
}
