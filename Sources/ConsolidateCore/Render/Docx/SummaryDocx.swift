import Foundation

/// The consolidated report as a Word document (`summary.docx`) in the layout of
/// Chinese official documents, GB/T 9704-2012.
///
/// It is laid out from the blocks of the rendered summary.md (see `MarkdownBlock`),
/// so both files say the same. The page: A4, margins 37/35/28/26 mm, 22 lines of
/// 28 characters; title 2号 小标宋 centred; body 3号 仿宋 with a two-character
/// first-line indent; `一、` headings 黑体, `（一）` headings 楷体; page numbers
/// `— 1 —` at the foot, outside edge (right on odd pages, left on even ones).
public struct SummaryDocx: Sendable {
    public let blocks: [MarkdownBlock]

    public init(markdown: String) {
        blocks = MarkdownBlock.parse(markdown)
    }

    /// The text area is 156 mm wide (210 − 28 − 26): 8844 twips.
    static let textWidth = 8844
    /// 225 mm of text height (297 − 37 − 35) over 22 lines: 28.95 pt a line, in twips.
    static let linePitch = 579

    /// The .docx bytes; equal markdown gives equal bytes.
    public func data() throws -> Data {
        let footer = OOXMLPackage.footerPart
        let parts: [(path: String, contentType: String, relationshipType: String, xml: String)] = [
            (path: "word/styles.xml", contentType: OOXMLPackage.stylesPart.contentType,
             relationshipType: OOXMLPackage.stylesPart.relationshipType, xml: Self.stylesXML),
            (path: "word/settings.xml", contentType: OOXMLPackage.settingsPart.contentType,
             relationshipType: OOXMLPackage.settingsPart.relationshipType, xml: Self.settingsXML),
            (path: "word/fontTable.xml", contentType: OOXMLPackage.fontTablePart.contentType,
             relationshipType: OOXMLPackage.fontTablePart.relationshipType, xml: Self.fontTableXML),
            (path: "word/footer1.xml", contentType: footer.contentType,
             relationshipType: footer.relationshipType, xml: Self.footerXML(alignment: "right")),
            (path: "word/footer2.xml", contentType: footer.contentType,
             relationshipType: footer.relationshipType, xml: Self.footerXML(alignment: "left")),
        ]
        // `OOXMLPackage.wordDocument` names the n-th extra part's relationship `rIdExtra<n>`.
        let body = documentXML(oddFooter: "rIdExtra4", evenFooter: "rIdExtra5")
        return try OOXMLPackage.wordDocument(body: body, extraParts: parts).zipData()
    }

    func documentXML(oddFooter: String, evenFooter: String) -> String {
        var body = ""
        for block in blocks {
            switch block {
            case let .heading(level, spans):
                let style = level == 1 ? "Title" : level == 2 ? "Heading1" : "Heading2"
                body += paragraph(style: style, spans: spans)
            case let .paragraph(spans):
                body += paragraph(style: nil, spans: spans)
            case let .table(rows):
                body += table(rows)
                // A table may not end the body or touch the next table; Word also wants a paragraph after it.
                body += "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>"
            }
        }
        let section = """
            <w:sectPr><w:footerReference w:type="default" r:id="\(oddFooter)"/>\
            <w:footerReference w:type="even" r:id="\(evenFooter)"/>\
            <w:pgSz w:w="11906" w:h="16838"/>\
            <w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1247" w:gutter="0"/>\
            <w:cols w:space="425"/>\
            <w:docGrid w:type="lines" w:linePitch="\(Self.linePitch)"/></w:sectPr>
            """
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document \(Self.namespaces)><w:body>\(body)\(section)</w:body></w:document>
            """
    }

    private func paragraph(style: String?, spans: [MarkdownSpan]) -> String {
        let pPr = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
        return "<w:p>\(pPr)\(spans.map(Self.run).joined())</w:p>"
    }

    static func run(_ span: MarkdownSpan) -> String {
        let rPr = span.bold ? "<w:rPr><w:b/></w:rPr>" : ""
        return "<w:r>\(rPr)<w:t xml:space=\"preserve\">\(XMLText.escape(span.text))</w:t></w:r>"
    }

    /// A bordered table filling the text width; the first row is a header row repeated on every page.
    private func table(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        guard columns > 0 else { return "" }
        let widths = Self.columnWidths(rows, columns: columns)
        var xml = """
            <w:tbl><w:tblPr><w:tblStyle w:val="SummaryTable"/><w:tblW w:w="\(Self.textWidth)" w:type="dxa"/>\
            <w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" \
            w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>
            """
        xml += widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        for (index, row) in rows.enumerated() {
            let header = index == 0
            xml += "<w:tr>" + (header ? "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>")
            for column in 0..<columns {
                let text = column < row.count ? row[column] : ""
                let shading = header ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>" : ""
                xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[column])\" w:type=\"dxa\"/>\(shading)<w:vAlign w:val=\"center\"/></w:tcPr>"
                xml += "<w:p><w:pPr><w:pStyle w:val=\"\(header ? "TableHeader" : "TableText")\"/></w:pPr>"
                xml += text.isEmpty ? "" : Self.run(MarkdownSpan(text, bold: header))
                xml += "</w:p></w:tc>"
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }

    /// Column widths in twips summing to the text width: each column is at least two table
    /// characters wide (a header wraps as `模板/残留`), and the rest is shared by the longest
    /// cell of each column, kept between 2 and 24 characters so a long remark cannot squeeze the numbers.
    static func columnWidths(_ rows: [[String]], columns: Int) -> [Int] {
        let character = 210, margins = 120, least = 2 * character + margins
        let needs = (0..<columns).map { column in
            min(24, max(2, rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0))
        }
        let spare = max(0, textWidth - least * columns), total = needs.reduce(0, +)
        var widths = needs.map { least + spare * $0 / total }
        widths[columns - 1] += textWidth - widths.reduce(0, +)
        return widths
    }

    static let namespaces = """
        xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        """
}
