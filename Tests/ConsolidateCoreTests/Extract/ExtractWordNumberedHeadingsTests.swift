import Foundation
import Testing
@testable import ConsolidateCore

/// A 公文 as Word writes it: the headings carry no typed numbers, their 一、 and （一） come from
/// the heading styles' automatic numbering, and extract must find them as sections and items.
@Suite struct ExtractWordNumberedHeadingsTests {
    typealias F = DocxFixture

    static let styles = """
        <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
        <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>\
        <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/>\
        <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
        """
    static let numbering = """
        <w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>\
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="1"/><w:lvlText w:val="%1、"/></w:lvl>\
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="2"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>\
        </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        """

    @Test func headingStylesNumberedByWordOpenSectionsAndItemsUpToTwelve() throws {
        var body = F.paragraph("某某局2024年党建工作总结", style: "a3")
            + F.paragraph("今年以来，局党组坚持以党建引领业务，现将有关情况报告如下：")
            + F.paragraph("主要工作开展情况", style: "1")
            + F.paragraph("强化理论武装", style: "2") + F.paragraph("局党组开展集中学习12次，召开支委会6次。")
            + F.paragraph("夯实基层基础", style: "2") + F.paragraph("全年发展党员2名。")
        for topic in 2...11 { body += F.paragraph("第\(topic)方面工作", style: "1") + F.paragraph("开展专题活动\(topic)次。") }
        body += F.paragraph("存在的问题和下一步打算", style: "1") + F.paragraph("一是学习不够深入。二是活动形式单一。")
        let configuration = NormalizeFixtures.configuration
        let raw = try F.read(F.docx(body: body, numbering: Self.numbering, styles: Self.styles))
        let report = Extractor(configuration: configuration).extract(Normalizer(configuration: configuration).normalize(raw), unitHint: nil)
        let numbered = report.sections.filter { !$0.label.isEmpty }
        #expect(numbered.count == 12)
        #expect(numbered.first?.label == "一、" && numbered.first?.heading == "主要工作开展情况")
        #expect(numbered.last?.label == "十二、")
        #expect(numbered.first?.items.map(\.label) == ["（一）", "（二）"])
        #expect(!report.warnings.contains { $0.contains("未识别出“一、二、三”") })
    }
}
