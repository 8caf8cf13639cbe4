import Testing
@testable import ConsolidateCore

@Suite struct MarkdownBlockTests {
    @Test func readsTheSubsetTheSummaryTemplateWrites() {
        let blocks = MarkdownBlock.parse("""
            # 标题

            ## 一、主要做法和成效
            ### （一）共性做法
            1. **加强理论学习**（2个单位）。
            - 集中学习：共计17次。

            | 序号 | 单位 |
            | --- | --- |
            | 1 | 甲局 |
            正文段落。
            """)
        #expect(blocks == [
            .heading(level: 1, text: [MarkdownSpan("标题")]),
            .heading(level: 2, text: [MarkdownSpan("一、主要做法和成效")]),
            .heading(level: 3, text: [MarkdownSpan("（一）共性做法")]),
            .paragraph([MarkdownSpan("1. "), MarkdownSpan("加强理论学习", bold: true), MarkdownSpan("（2个单位）。")]),
            .paragraph([MarkdownSpan("集中学习：共计17次。")]),
            .table(rows: [["序号", "单位"], ["1", "甲局"]]),
            .paragraph([MarkdownSpan("正文段落。")]),
        ])
    }

    @Test func keepsAnUnpairedBoldMarkerAsText() {
        #expect(MarkdownSpan.parse("甲**乙**丙**丁") == [MarkdownSpan("甲"), MarkdownSpan("乙", bold: true), MarkdownSpan("丙"),
                                                       MarkdownSpan("**丁")])
        #expect(MarkdownBlock.parse("#号不是标题") == [.paragraph([MarkdownSpan("#号不是标题")])])
    }
}
