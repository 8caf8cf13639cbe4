import Foundation
import Testing
@testable import ConsolidateCore

/// The readings `consolidate inspect` prints.
@Suite struct IngestInspectFormatterTests {
    static let document = RawDocument(
        source: SourceInfo(path: "样例/局.docx", format: .docx, sha256: "abc"),
        paragraphs: [
            RawParagraph(number: "一、\t", text: "加强学习", location: SourceLocation(paragraph: 1), style: "Heading1"),
            RawParagraph(text: "支部\t书记\n讲党课", location: SourceLocation(paragraph: 2, origin: .table)),
            RawParagraph(text: "数据截至六月底", location: SourceLocation(paragraph: 3, origin: .footnote)),
            RawParagraph(text: "第1页", location: SourceLocation(paragraph: 4, origin: .footer)),
        ],
        notes: ["文档含有隐藏文字，已略去。"])

    @Test func plainListsMainTextThenEachSideChannelUnderItsHeading() {
        #expect(InspectFormatter.plain(Self.document) == """
            一、\t加强学习
            支部\t书记
            讲党课
            --- 脚注 ---
            数据截至六月底
            --- 页脚 ---
            第1页

            """)
    }

    @Test func detailedShowsLocationOriginStyleNumberAndEscapedText() {
        let lines = InspectFormatter.detailed(Self.document).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("说明: 文档含有隐藏文字，已略去。"))
        #expect(lines.contains("1  body       [Heading1]  number=\"一、\\t\"  加强学习"))
        #expect(lines.contains("2  table      支部\\t书记\\n讲党课"))
        #expect(lines.contains("3  footnote   数据截至六月底"))
    }
}
