import Testing
@testable import ConsolidateCore

@Suite struct ExtractNumberedRunTests {
    @Test func numbersRunningOnInsideAParagraphBecomeItems() {
        let report = ExtractFixtures.report("""
        XX所2024年党建工作总结
        一、主要做法
        开展集中学习6次。
        二、存在问题：（1）学习不够系统；（2）载体不够丰富；（3）作用发挥不够。
        三、下步打算
        1.抓学习：①读原著，②谈体会。
        """)
        #expect(report.sections.map(\.heading) == ["主要做法", "存在问题", "下步打算"])
        #expect(report.sections[1].items.map(\.label) == ["（1）", "（2）", "（3）"])
        #expect(report.sections[1].items[0].text == "学习不够系统；")
        #expect(report.sections[2].items[0].heading == "抓学习")
        #expect(report.sections[2].items[0].items.map(\.label) == ["①", "②"])
    }

    @Test func numbersThatDoNotRunFromOneStayText() {
        let paragraph = InlineEnumeration.Paragraph(text: "落实“1+3”机制，完成（2）号文件任务，（3）号文件待办。",
                                                    location: SourceLocation(paragraph: 1))
        #expect(OutlineBuilder.splittingNumberedRun(paragraph) == [paragraph])
        let decimal = InlineEnumeration.Paragraph(text: "投入1.5万元，2.0版本上线。", location: SourceLocation(paragraph: 1))
        #expect(OutlineBuilder.splittingNumberedRun(decimal) == [decimal])
    }
}
