import Foundation
import Testing
@testable import ConsolidateCore

/// Runs, revisions, fields, text boxes, tables and side channels read as Word shows them.
@Suite struct IngestDocxContentTests {
    typealias F = DocxFixture

    private func texts(_ body: String, parts: [F.Part] = []) throws -> [String] {
        try F.read(F.docx(body: body, parts: parts)).paragraphs.map(\.text)
    }

    @Test func readsTabsBreaksSymbolsAndHyphensAsShown() throws {
        let body = """
            <w:p><w:r><w:t>　　支部</w:t><w:tab/><w:t>书记</w:t><w:br/><w:t>讲党课</w:t><w:cr/><w:t>两次</w:t></w:r>\
            <w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:t>已完成</w:t><w:softHyphen/><w:t>学习</w:t>\
            <w:noBreakHyphen/><w:t>强国</w:t></w:r></w:p>
            """
        // Word shows w:noBreakHyphen as a non-breaking hyphen, U+2011.
        #expect(try texts(body) == ["　　支部\t书记\n讲党课\n两次✓已完成学习\u{2011}强国"])
    }

    @Test func symbolFontsAreToldByNameInAnyCase() {
        for font in ["Symbol", "SYMBOL", "symbol", "Wingdings", "Wingdings 2", "WINGDINGS 3"] {
            #expect(SymbolFont.isSymbolic(font), "\(font)")
        }
        for font in ["Symbola", "Symbo", "仿宋_GB2312", "Times New Roman", "", "Wingding", "MT Symbol"] {
            #expect(!SymbolFont.isSymbolic(font), "\(font)")
        }
    }

    @Test func readsEmojiStoredAsSymExAndSymbolFontCharactersAsShown() throws {
        let emoji = """
            <mc:AlternateContent xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex">            <mc:Choice Requires="w16se"><w16se:symEx w16se:font="Segoe UI Emoji" w16se:char="2764"/></mc:Choice>            <mc:Fallback><w:t>❤</w:t></mc:Fallback></mc:AlternateContent>
            """
        let body = """
            <w:p><w:r><w:t>点赞</w:t></w:r><w:r>\(emoji)</w:r><w:r><w:t>\u{FE0F}</w:t></w:r>            <w:r><w:sym w:font="Symbol" w:char="00DA"/><w:sym w:font="Symbol" w:char="F0DA"/></w:r>            <w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>\u{F028}a\u{F029}</w:t></w:r>            <w:r><w:sym w:font="宋体" w:char="00DA"/></w:r></w:p>
            """
        #expect(try texts(body) == ["点赞❤\u{FE0F}∨∨(a)Ú"])
    }

    @Test func aDropCapIsTheFirstLetterOfItsParagraph() throws {
        let body = """
            <w:p><w:pPr><w:framePr w:dropCap="drop" w:lines="3"/></w:pPr><w:r><w:t>今</w:t></w:r></w:p>            <w:p><w:r><w:t>年以来，支部开展集中学习12次。</w:t></w:r></w:p>
            """
        #expect(try texts(body) == ["今年以来，支部开展集中学习12次。"])
    }

    @Test func footnoteAndEndnoteReferencesShowTheirMarks() throws {
        let body = """
            <w:p><w:r><w:t>学习</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>交流</w:t></w:r>            <w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r>            <w:r><w:footnoteReference w:customMarkFollows="1" w:id="3"/><w:t>*</w:t></w:r></w:p>
            """
        #expect(try texts(body) == ["学习1交流2i*"])
    }

    @Test func readsPageBreaksAsLineBreaksOnlyBetweenText() throws {
        let pageBreak = "<w:r><w:br w:type=\"page\"/></w:r>"
        let body = "<w:p>\(pageBreak)\(F.run("二、存在的问题"))</w:p>"
            + "<w:p>\(F.run("上半年"))\(pageBreak)\(F.run("下半年"))\(pageBreak)</w:p>"
            + "<w:p>\(pageBreak)</w:p>"
        #expect(try texts(body) == ["二、存在的问题", "上半年\n下半年"])
    }

    @Test func reportsBuiltInStylesByTheirCanonicalIDEvenWhenLocalised() throws {
        let styles = """
            <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
            <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="ReportBody"><w:name w:val="汇报正文"/></w:style>
            """
        let body = F.paragraph("某局工作汇报", style: "a3") + F.paragraph("总体情况", style: "1") + F.paragraph("正文", style: "ReportBody")
        let document = try F.read(F.docx(body: body, styles: styles))
        #expect(document.paragraphs.map(\.style) == ["Title", "Heading1", "ReportBody"])
        #expect(document.paragraphs.map(\.location.origin) == [.body, .body, .body])
    }

    @Test func dropsHiddenTextAndReadsRubyBase() throws {
        let body = """
            <w:p><w:r><w:t>开展</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>（内部备注）</w:t></w:r>\
            <w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>dǎng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>党</w:t></w:r></w:rubyBase></w:ruby></w:r>\
            <w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>日活动</w:t></w:r></w:p>
            """
        let document = try F.read(F.docx(body: body))
        #expect(document.paragraphs.map(\.text) == ["开展党日活动"])
        #expect(document.notes.contains("文档含有隐藏文字，已略去。"))
    }

    @Test func readsTrackedChangesAsAccepted() throws {
        let body = """
            <w:p><w:r><w:t>召开支委会</w:t></w:r><w:del w:id="1" w:author="甲"><w:r><w:delText>六</w:delText></w:r></w:del>\
            <w:ins w:id="2" w:author="甲"><w:r><w:t>八</w:t></w:r></w:ins><w:r><w:t>次</w:t></w:r>\
            <w:moveFrom w:id="3"><w:r><w:t>（旧位置）</w:t></w:r></w:moveFrom><w:moveTo w:id="4"><w:r><w:t>，均有记录</w:t></w:r></w:moveTo></w:p>
            """
        let document = try F.read(F.docx(body: body))
        #expect(document.paragraphs.map(\.text) == ["召开支委会八次，均有记录"])
        #expect(document.notes.contains("文档含有修订痕迹，已按接受全部修订后的文字读取。"))
    }

    @Test func joinsAParagraphWhoseMarkIsDeletedToTheNextWithoutCountingItsNumber() throws {
        let numbering = F.list(abstractID: 0, numIDs: [1], levels: [F.level(0, format: "chineseCounting", text: "%1、")])
        let deletedMark = "<w:rPr><w:del w:id=\"9\" w:author=\"甲\"/></w:rPr>"
        let body = F.paragraph("思想建设", numID: 1, level: 0)
            + "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>\(deletedMark)</w:pPr>"
            + "<w:del w:id=\"10\" w:author=\"甲\"><w:r><w:delText>整段删去的旧标题</w:delText></w:r></w:del></w:p>"
            + "<w:p><w:pPr>\(deletedMark)</w:pPr>\(F.run("组织建设，"))</w:p>"
            + F.paragraph("制度建设", numID: 1, level: 0)
        let document = try F.read(F.docx(body: body, numbering: numbering))
        #expect(document.paragraphs.map(\.displayText) == ["一、\t思想建设", "二、\t组织建设，制度建设"])
    }

    @Test func runsAHeadingWithAHiddenMarkIntoTheNextParagraph() throws {
        let numbering = F.list(abstractID: 0, numIDs: [1], levels: [F.level(0, format: "chineseCounting", text: "（%1）", suffix: "nothing")])
        let body = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:rPr><w:vanish/><w:specVanish/></w:rPr></w:pPr>"
            + F.run("高度重视。") + "</w:p>" + F.paragraph("一是建立台账，二是定期调度。")
        let document = try F.read(F.docx(body: body, numbering: numbering))
        #expect(document.paragraphs.map(\.displayText) == ["（一）高度重视。一是建立台账，二是定期调度。"])
    }

    @Test func readsFieldResultsNeverInstructions() throws {
        let body = """
            <w:p><w:r><w:t>截至</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>\
            <w:r><w:instrText> DATE \\@ "yyyy年M月" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>\
            <w:r><w:t>2024年6月</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>\
            <w:r><w:t>，详见</w:t></w:r><w:fldSimple w:instr=" REF 附表 "><w:r><w:t>附表一</w:t></w:r></w:fldSimple>\
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>\
            <w:r><w:instrText> = 9 "甲" "乙"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>\
            <w:r><w:t>（第二部分）</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
            """
        #expect(try texts(body) == ["截至2024年6月，详见附表一（第二部分）"])
    }

    @Test func unwrapsHyperlinksContentControlsSmartTagsAndCustomXML() throws {
        let body = """
            <w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent>\
            <w:p><w:hyperlink r:id="rId9"><w:r><w:t>学习</w:t></w:r></w:hyperlink>\
            <w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>强国</w:t></w:r></w:sdtContent></w:sdt>\
            <w:smartTag w:element="place"><w:r><w:t>平台</w:t></w:r></w:smartTag>\
            <w:customXml w:element="note"><w:r><w:t>积分</w:t></w:r></w:customXml></w:p>\
            </w:sdtContent></w:sdt>
            """
        #expect(try texts(body) == ["学习强国平台积分"])
    }

    @Test func readsTextBoxOnceAfterItsParagraph() throws {
        let textBox = "<w:txbxContent><w:p><w:r><w:t>专栏：红色教育基地</w:t></w:r></w:p></w:txbxContent>"
        let body = """
            <w:p><w:r><w:t>组织参观学习</w:t></w:r><w:r><mc:AlternateContent>\
            <mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>\
            <wps:wsp><wps:txbx>\(textBox)</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>\
            <mc:Fallback><w:pict><v:rect><v:textbox>\(textBox)</v:textbox></v:rect></w:pict></mc:Fallback>\
            </mc:AlternateContent></w:r><w:r><w:t>三次</w:t></w:r></w:p>\
            \(F.paragraph("下一段"))
            """
        let document = try F.read(F.docx(body: body))
        #expect(document.paragraphs.map(\.text) == ["组织参观学习三次", "专栏：红色教育基地", "下一段"])
        #expect(document.paragraphs.map(\.location.origin) == [.body, .textBox, .body])
        #expect(document.paragraphs.map(\.location.paragraph) == [1, 2, 3])
    }

    @Test func takesFallbackWhenTheChoiceIsNotUnderstood() throws {
        let body = """
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wpi"><w:t>墨迹</w:t></mc:Choice>\
            <mc:Fallback><w:t>替代文字</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>
            """
        #expect(try texts(body) == ["替代文字"])
    }

    @Test func readsEachTableCellOnceInOrder() throws {
        func cell(_ text: String, merge: String? = nil) -> String {
            let tcPr = merge.map { $0.isEmpty ? "<w:tcPr><w:vMerge/></w:tcPr>" : "<w:tcPr><w:vMerge w:val=\"\($0)\"/></w:tcPr>" } ?? ""
            return "<w:tc>\(tcPr)\(F.paragraph(text))</w:tc>"
        }
        let nested = "<w:tbl><w:tr>\(cell("内表甲"))\(cell("内表乙"))</w:tr></w:tbl>"
        let body = """
            \(F.paragraph("表前"))<w:tbl><w:tblPr/><w:tblGrid/>\
            <w:tr>\(cell("支部", merge: "restart"))\(cell("学习次数"))</w:tr>\
            <w:tr>\(cell("支部", merge: ""))<w:tc>\(F.paragraph("12"))\(nested)</w:tc></w:tr>\
            </w:tbl>\(F.paragraph("表后"))
            """
        let document = try F.read(F.docx(body: body))
        #expect(document.paragraphs.map(\.text) == ["表前", "支部", "学习次数", "12", "内表甲", "内表乙", "表后"])
        #expect(document.paragraphs.map(\.location.origin) == [.body, .table, .table, .table, .table, .table, .body])
    }

    @Test func tagsFootnotesCommentsHeadersAndFootersAfterTheBody() throws {
        let footnotes = F.footnotesPart("""
            <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
            <w:footnote w:id="1"><w:p><w:r><w:t>数据截至六月底。</w:t></w:r></w:p></w:footnote>
            """)
        let comments = F.commentsPart("<w:comment w:id=\"0\" w:author=\"审核\"><w:p><w:r><w:t>请核实次数</w:t></w:r></w:p></w:comment>")
        let header = F.headerPart(F.paragraph("机关党委"))
        let footer = F.footerPart("<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>")
        let body = """
            <w:p><w:r><w:t>学习四次</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>\
            \(F.paragraph("工作汇报", style: "Title"))\
            <w:sectPr><w:headerReference w:type="default" r:id="\(F.relationshipID(ofExtraPart: 3))"/>\
            <w:footerReference w:type="default" r:id="\(F.relationshipID(ofExtraPart: 4))"/></w:sectPr>
            """
        let document = try F.read(F.docx(body: body, parts: [footnotes, comments, header, footer]))
        // The body shows the footnote's mark, as Word does.
        #expect(document.paragraphs.map(\.text) == ["学习四次1", "工作汇报", "数据截至六月底。", "请核实次数", "机关党委", "1"])
        #expect(document.paragraphs.map(\.location.origin) == [.body, .body, .footnote, .comment, .header, .footer])
        #expect(document.paragraphs.map(\.location.paragraph) == [1, 2, 3, 4, 5, 6])
        #expect(document.paragraphs[1].style == "Title")
    }

    @Test func readsHTMLAltChunkAsTaggedParagraphs() throws {
        let chunk = F.altChunkPart(path: "word/chunk1.htm", contentType: "text/html", content: """
            <html><head><title>忽略</title><style>p{}</style></head><body><p>嵌入的&nbsp;段落&amp;说明</p><div>第二段</div></body></html>
            """)
        let body = F.paragraph("正文") + "<w:altChunk r:id=\"\(F.relationshipID(ofExtraPart: 1))\"/>"
        let document = try F.read(F.docx(body: body, parts: [chunk]))
        #expect(document.paragraphs.map(\.text) == ["正文", "嵌入的\u{00A0}段落&说明", "第二段"])
        #expect(document.paragraphs.map(\.location.origin) == [.body, .altChunk, .altChunk])
    }

    @Test func readsEndnotesAndPlainTextAndWordChunks() throws {
        let endnotes: F.Part = (path: "word/endnotes.xml",
            contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
            relationshipType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes",
            xml: "<w:endnotes \(F.namespaces)><w:endnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p/></w:endnote><w:endnote w:id=\"1\">\(F.paragraph("尾注说明"))</w:endnote></w:endnotes>")
        let text = F.altChunkPart(path: "word/note.txt", contentType: "text/plain", content: "附：纯文本\n第二行")
        let inner = F.docx(body: F.paragraph("嵌入文档的段落"))
        let innerPart: F.Part = (path: "word/inner.docx",
            contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            relationshipType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk", xml: "")
        var package = OOXMLPackage.wordDocument(
            body: F.documentXML(F.paragraph("正文") + "<w:altChunk r:id=\"rIdExtra2\"/><w:altChunk r:id=\"rIdExtra3\"/>"),
            extraParts: [endnotes, text, innerPart])
        package.parts = package.parts.map { $0.path == "word/inner.docx" ? ($0.path, inner) : $0 }
        let document = try F.read(package.zipData())
        #expect(document.paragraphs.map(\.text) == ["正文", "尾注说明", "附：纯文本", "第二行", "嵌入文档的段落"])
        #expect(document.paragraphs.map(\.location.origin) == [.body, .endnote, .altChunk, .altChunk, .altChunk])
    }

    @Test func dropsTextHiddenByItsCharacterStyle() throws {
        let styles = """
            <w:style w:type="character" w:styleId="Secret"><w:rPr><w:vanish/></w:rPr></w:style>
            <w:style w:type="character" w:styleId="SecretToo"><w:basedOn w:val="Secret"/></w:style>
            """
        let body = "<w:p>\(F.run("公开"))<w:r><w:rPr><w:rStyle w:val=\"SecretToo\"/></w:rPr><w:t>隐藏</w:t></w:r></w:p>"
        #expect(try F.read(F.docx(body: body, styles: styles)).paragraphs.map(\.text) == ["公开"])
    }

    @Test func readsAFieldResultThatSpansParagraphs() throws {
        let body = """
            <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \\o "1-3"</w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、基本情况</w:t></w:r></w:p>\
            <w:p><w:r><w:t>二、主要做法</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>\
            \(F.paragraph("正文开始"))
            """
        #expect(try texts(body) == ["一、基本情况", "二、主要做法", "正文开始"])
    }

    @Test func keepsEmptyParagraphsOutButCountsThem() throws {
        let body = F.paragraph("第一段") + "<w:p/>" + F.paragraph("　") + F.paragraph("第四段")
        let document = try F.read(F.docx(body: body))
        #expect(document.paragraphs.map(\.text) == ["第一段", "第四段"])
        #expect(document.paragraphs.map(\.location.paragraph) == [1, 4])
    }
}
