import Foundation
import Testing
@testable import ConsolidateCore

@Suite struct SummaryDocxTests {
    static let markdown = SummaryMarkdown(consolidation: RenderFixtures.samples, configuration: RenderFixtures.configuration).render()
    static let bytes = try! SummaryDocx(markdown: markdown).data()

    static func part(_ path: String) throws -> String {
        let archive = try DocxArchive(bytes: bytes, maxEntryBytes: 1 << 26)
        return String(decoding: try #require(try archive.part(path)), as: UTF8.self)
    }

    @Test func writesGBT9704Layout() throws {
        let document = try Self.part("word/document.xml")
        #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        #expect(document.contains("w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""))
        #expect(document.contains("w:linePitch=\"579\""))
        let styles = try Self.part("word/styles.xml")
        for expected in ["w:eastAsia=\"仿宋_GB2312\"", "<w:sz w:val=\"32\"/>", "w:firstLineChars=\"200\"",
                         "w:eastAsia=\"方正小标宋简体\"", "<w:sz w:val=\"44\"/>", "<w:jc w:val=\"center\"/>",
                         "w:eastAsia=\"黑体\"", "w:eastAsia=\"楷体_GB2312\"", "w:line=\"579\" w:lineRule=\"exact\""] {
            #expect(styles.contains(expected), "\(expected)")
        }
        #expect(document.contains("<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t xml:space=\"preserve\">青川区"))
        #expect(document.contains("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">一、主要做法和成效"))
        #expect(document.contains("<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">（一）共性做法"))
        #expect(try Self.part("word/fontTable.xml").contains("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>"))
    }

    @Test func numbersPagesInTheFooterWithEveryPartDeclared() throws {
        let footer = try Self.part("word/footer1.xml")
        #expect(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"))
        #expect(footer.contains("— "))
        let document = try Self.part("word/document.xml")
        let relationships = try Self.part("word/_rels/document.xml.rels")
        let types = try Self.part("[Content_Types].xml")
        for (id, target) in [("rIdExtra4", "footer1.xml"), ("rIdExtra5", "footer2.xml")] {
            #expect(document.contains("r:id=\"\(id)\""))
            #expect(relationships.contains("Id=\"\(id)\" Type=\"\(OOXMLPackage.footerPart.relationshipType)\" Target=\"\(target)\""))
        }
        for part in ["document", "styles", "settings", "fontTable", "footer1", "footer2"] {
            #expect(types.contains("PartName=\"/word/\(part).xml\""), "\(part)")
        }
        #expect(try Self.part("word/settings.xml").contains("<w:evenAndOddHeaders/>"))
    }

    @Test func writesTheAppendixAsABorderedTableWithAHeaderRow() throws {
        let document = try Self.part("word/document.xml")
        #expect(document.contains("<w:tbl><w:tblPr><w:tblStyle w:val=\"SummaryTable\"/>"))
        #expect(document.contains("<w:tblHeader/>"))
        #expect(try Self.part("word/styles.xml").contains("<w:insideV w:val=\"single\""))
        let widths = SummaryDocx.columnWidths([["序号", "单位"], ["1", "青川区财政局"]], columns: 2)
        #expect(widths.reduce(0, +) == SummaryDocx.textWidth)
    }

    @Test func writesTheSameBytesForTheSameSummary() throws {
        #expect(try SummaryDocx(markdown: Self.markdown).data() == Self.bytes)
    }

    /// What our own reader finds in summary.docx is the text of summary.md, markup aside.
    @Test func readsBackAsTheParagraphsOfTheMarkdown() throws {
        let document = try Ingest.read(bytes: Self.bytes, displayPath: "summary.docx", inputs: RenderFixtures.configuration.inputs)
        let read = document.paragraphs.filter { $0.location.origin == .body || $0.location.origin == .table }
            .map(\.displayText).filter { !$0.isEmpty }
        let expected = MarkdownBlock.parse(Self.markdown).flatMap(\.plainTexts).filter { !$0.isEmpty }
        #expect(read == expected)
        #expect(expected.contains("一、主要做法和成效"))
        #expect(expected.contains { $0.hasPrefix("本期14个单位应报送") })
        #expect(!Self.markdown.contains("**") || !read.joined().contains("**"))
    }

    @Test func escapesMarkupInUnitsWords() throws {
        let data = try SummaryDocx(markdown: "# 标题\n\n甲<乙>&“丙”\u{1}\n").data()
        let document = try Ingest.read(bytes: data, displayPath: "x.docx", inputs: RenderFixtures.configuration.inputs)
        #expect(document.paragraphs.filter { $0.location.origin == .body }.map(\.text) == ["标题", "甲<乙>&“丙”"])
    }

    /// LibreOffice opens the file and lays it out on A4 pages (skipped where `soffice` is not installed).
    @Test(.enabled(if: RenderFixtures.program("soffice") != nil, "LibreOffice (soffice) is not installed"))
    func convertsToPDFInLibreOffice() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.bytes.write(to: folder.appendingPathComponent("summary.docx"))
        let soffice = try #require(RenderFixtures.program("soffice"))
        try RenderFixtures.execute(soffice, ["-env:UserInstallation=file://\(folder.path)/profile", "--headless",
                                             "--convert-to", "pdf", "--outdir", folder.path,
                                             folder.appendingPathComponent("summary.docx").path])
        let pdf = try Data(contentsOf: folder.appendingPathComponent("summary.pdf"))
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        if let pdfinfo = RenderFixtures.program("pdfinfo") {
            let info = try RenderFixtures.execute(pdfinfo, [folder.appendingPathComponent("summary.pdf").path]).output
            #expect(info.contains("595.") && info.contains("841."), "A4 pages: \(info)")
        }
    }
}
