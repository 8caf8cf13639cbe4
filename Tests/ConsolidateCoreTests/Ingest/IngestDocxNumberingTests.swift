import Foundation
import Testing
@testable import ConsolidateCore

/// Word's automatic numbering rendered as Word shows it.
@Suite struct IngestDocxNumberingTests {
    typealias F = DocxFixture

    /// 一、 / （一） / 1. as the reports use them, in one list of three levels.
    static let reportList = F.list(abstractID: 0, numIDs: [1], levels: [
        F.level(0, format: "chineseCounting", text: "%1、"),
        F.level(1, format: "chineseCounting", text: "（%2）"),
        F.level(2, format: "decimal", text: "%3."),
    ])

    @Test func rendersChineseSectionAndSubsectionNumbersWithTheirTab() throws {
        let body = [
            F.paragraph("强化理论武装", numID: 1, level: 0),
            F.paragraph("坚持集体学习制度", numID: 1, level: 1),
            F.paragraph("开展专题研讨", numID: 1, level: 1),
            F.paragraph("每季度组织一次交流", numID: 1, level: 2),
            F.paragraph("每月撰写心得", numID: 1, level: 2),
            F.paragraph("夯实组织基础", numID: 1, level: 0),
            F.paragraph("规范支部设置", numID: 1, level: 1),
            F.paragraph("按期完成换届", numID: 1, level: 2),
        ].joined()
        let document = try F.read(F.docx(body: body, numbering: Self.reportList))
        #expect(document.paragraphs.map(\.number) == ["一、\t", "（一）\t", "（二）\t", "1.\t", "2.\t", "二、\t", "（一）\t", "1.\t"])
        #expect(document.paragraphs[0].displayText == "一、\t强化理论武装")
        #expect(document.paragraphs[2].text == "开展专题研讨")
        #expect(document.source.format == .docx)
        #expect(document.source.encoding == nil)
    }

    @Test func countsPastTenInChineseAsWordDoes() throws {
        let body = (1...21).map { F.paragraph("第\($0)项", numID: 1, level: 0) }.joined()
        let document = try F.read(F.docx(body: body, numbering: Self.reportList))
        #expect(document.paragraphs[9].number == "十、\t")
        #expect(document.paragraphs[10].number == "十一、\t")
        #expect(document.paragraphs[19].number == "二十、\t")
        #expect(document.paragraphs[20].number == "二十一、\t")
    }

    @Test func rendersSuffixSpaceAndNothing() throws {
        let numbering = F.list(abstractID: 0, numIDs: [1], levels: [
            F.level(0, format: "chineseCounting", text: "%1、", suffix: "nothing"),
            F.level(1, format: "decimal", text: "%2.", suffix: "space"),
        ])
        let body = F.paragraph("加强党员教育", numID: 1, level: 0) + F.paragraph("坚持学习", numID: 1, level: 1)
        let document = try F.read(F.docx(body: body, numbering: numbering))
        #expect(document.paragraphs.map(\.displayText) == ["一、加强党员教育", "1. 坚持学习"])
    }

    @Test func typedNumbersStayInTheTextAndAreNeverDoubled() throws {
        let body = F.paragraph("一、完善制度建设") + F.paragraph("（二）落实主体责任") + F.paragraph("严格组织生活", numID: 1, level: 0)
        let document = try F.read(F.docx(body: body, numbering: Self.reportList))
        #expect(document.paragraphs.map(\.number) == ["", "", "一、\t"])
        #expect(document.paragraphs.map(\.text) == ["一、完善制度建设", "（二）落实主体责任", "严格组织生活"])
    }

    @Test func takesNumberingFromTheStyleChainAndLevelFromTheStyleLink() throws {
        let numbering = F.list(abstractID: 3, numIDs: [7], levels: [
            F.level(0, format: "chineseCounting", text: "%1、", extra: "<w:pStyle w:val=\"SectionHeading\"/>"),
            F.level(1, format: "chineseCounting", text: "（%2）", extra: "<w:pStyle w:val=\"SubsectionHeading\"/>"),
        ])
        let styles = """
            <w:style w:type="paragraph" w:styleId="SectionHeading"><w:name w:val="section"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="SubsectionHeading"><w:name w:val="subsection"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="LocalSubsection"><w:basedOn w:val="SubsectionHeading"/></w:style>
            """
        let body = F.paragraph("思想建设", style: "SectionHeading") + F.paragraph("学习教育", style: "SubsectionHeading")
            + F.paragraph("调查研究", style: "LocalSubsection") + F.paragraph("作风建设", style: "SectionHeading")
        let document = try F.read(F.docx(body: body, numbering: numbering, styles: styles))
        #expect(document.paragraphs.map(\.number) == ["一、\t", "（一）\t", "（二）\t", "二、\t"])
        #expect(document.paragraphs[0].style == "SectionHeading")
    }

    @Test func numberingIDZeroRemovesTheStyleNumbering() throws {
        let styles = """
            <w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
            """
        let body = "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr>\(F.run("无编号标题"))</w:p>"
        let document = try F.read(F.docx(body: body, numbering: Self.reportList, styles: styles))
        #expect(document.paragraphs.map(\.displayText) == ["无编号标题"])
    }

    /// A start override restarts the list's one counter at the instance's first paragraph; the
    /// other instances count on from there, as Word numbers pandoc's lists_restart_8367.docx
    /// (a restarted "1." followed by paragraphs numbered through their style: 1. 2. 3. 4.).
    @Test func instancesOfOneListShareOneCounterThatAStartOverrideRestarts() throws {
        let numbering = """
            <w:abstractNum w:abstractNumId="0">\(F.level(0, format: "decimal", text: "%1."))</w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
            """
        let body = F.paragraph("甲", numID: 1, level: 0) + F.paragraph("乙", numID: 2, level: 0)
            + F.paragraph("丙", numID: 3, level: 0) + F.paragraph("丁", numID: 3, level: 0)
            + F.paragraph("戊", numID: 1, level: 0)
        let document = try F.read(F.docx(body: body, numbering: numbering))
        #expect(document.paragraphs.map(\.number) == ["1.\t", "2.\t", "5.\t", "6.\t", "7.\t"])
    }

    @Test func honoursStartRestartAndLegalNumbering() throws {
        let numbering = F.list(abstractID: 0, numIDs: [1], levels: [
            F.level(0, format: "chineseCounting", text: "%1、", start: 3),
            F.level(1, format: "decimal", text: "%2)", extra: "<w:lvlRestart w:val=\"0\"/>"),
            F.level(2, format: "lowerLetter", text: "%1.%2.%3", extra: "<w:isLgl/>"),
        ])
        let body = F.paragraph("甲", numID: 1, level: 0) + F.paragraph("乙", numID: 1, level: 1)
            + F.paragraph("丙", numID: 1, level: 0) + F.paragraph("丁", numID: 1, level: 1)
            + F.paragraph("戊", numID: 1, level: 2)
        let document = try F.read(F.docx(body: body, numbering: numbering))
        #expect(document.paragraphs.map(\.number) == ["三、\t", "1)\t", "四、\t", "2)\t", "4.2.1\t"])
    }

    @Test func followsNumberingStyleLinks() throws {
        let numbering = """
            <w:abstractNum w:abstractNumId="0"><w:styleLink w:val="ReportList"/>\(F.level(0, format: "chineseCounting", text: "%1、"))</w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ReportList"/></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            """
        let styles = """
            <w:style w:type="numbering" w:styleId="ReportList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
            """
        let body = F.paragraph("统一部署", numID: 2, level: 0)
        let document = try F.read(F.docx(body: body, numbering: numbering, styles: styles))
        #expect(document.paragraphs.map(\.number) == ["一、\t"])
    }

    @Test func readsWord2010CustomFormatsFromTheirAlternateContent() throws {
        func level(_ index: Int, choice: String, fallback: String, text: String) -> String {
            """
            <w:lvl w:ilvl="\(index)"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14">\
            <w:numFmt w:val="custom" w:format="\(choice)"/></mc:Choice><mc:Fallback><w:numFmt w:val="\(fallback)"/>\
            </mc:Fallback></mc:AlternateContent><w:lvlText w:val="\(text)"/></w:lvl>
            """
        }
        let numbering = F.list(abstractID: 0, numIDs: [1], levels: [
            level(0, choice: "01, 02, 03, ...", fallback: "decimal", text: "%1."),
            level(1, choice: "甲, 乙, 丙, ...", fallback: "chineseCounting", text: "（%2）"),
        ])
        let body = F.paragraph("甲", numID: 1, level: 0) + F.paragraph("乙", numID: 1, level: 1)
        let document = try F.read(F.docx(body: body, numbering: numbering))
        #expect(document.paragraphs.map(\.number) == ["01.\t", "（一）\t"])
    }

    @Test func rendersBulletsThroughTheirSymbolFont() throws {
        let numbering = F.list(abstractID: 0, numIDs: [1], levels: [
            F.level(0, format: "bullet", text: "\u{F0B7}", extra: "<w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\"/></w:rPr>"),
        ])
        let document = try F.read(F.docx(body: F.paragraph("要点", numID: 1, level: 0), numbering: numbering))
        #expect(document.paragraphs.map(\.displayText) == ["•\t要点"])
    }

    @Test(arguments: [
        (1, "decimal", "1"), (10, "chineseCounting", "十"), (15, "chineseCounting", "十五"),
        (20, "chineseCounting", "二十"), (21, "chineseCountingThousand", "二十一"),
        (105, "chineseCountingThousand", "一百零五"), (110, "chineseCountingThousand", "一百一十"),
        (1001, "chineseCountingThousand", "一千零一"), (3, "chineseLegalSimplified", "叁"),
        (12, "chineseLegalSimplified", "壹拾贰"), (10, "ideographDigital", "一〇"),
        (3, "decimalEnclosedCircle", "③"), (21, "decimalEnclosedCircleChinese", "㉑"),
        (2, "decimalEnclosedParen", "⑵"), (12, "decimalFullWidth", "１２"), (28, "lowerLetter", "bb"),
        (3, "upperLetter", "C"), (14, "lowerRoman", "xiv"), (1994, "upperRoman", "MCMXCIV"), (4, "none", ""),
        (2, "ideographTraditional", "乙"),
    ])
    func rendersNumberFormats(value: Int, format: String, expected: String) {
        #expect(NumberFormat.render(value, format: format) == expected)
    }
}
