import ConsolidateCore
import Foundation

/// A Word document built from a sample's line markup.
///
/// One body line is one paragraph; blank lines only separate blocks in the source.
///
/// - `= text`: the title, centred and bold;
/// - `> text`: right-aligned (signature and date);
/// - `< text`: flush left, without indent (the addressee above the opening);
/// - `#1 text`, `#2 text`, `#3 text`: a paragraph in Word's automatic list at
///   level 0, 1 or 2, rendered `一、`, `（一）`, `1.` by Word: the number is in
///   `word/numbering.xml`, never in the text. As in Word, a level restarts
///   after any higher level has been used.
/// - `|a|b|c|`: a table row; consecutive rows make one table.
/// - anything else: a body paragraph with a two-character first-line indent.
struct SampleDocx {
    var body: String
    /// Written as Word saves a document rather than in the fewest elements: each paragraph's
    /// text in many runs with their own properties and revision ids, and the parts Word adds
    /// (`SampleDocx+Word.swift`). The text Word shows is the same either way.
    var asSavedByWord = false

    func package() -> OOXMLPackage {
        var dressing = asSavedByWord ? WordDressing(seed: WordDressing.seed(of: body)) : nil
        var xml = ""
        var tableRows: [[String]] = []
        var usesNumbering = false
        for rawLine in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if line.hasPrefix("|") {
                tableRows.append(line.split(separator: "|", omittingEmptySubsequences: false)
                    .dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) })
                continue
            }
            if !tableRows.isEmpty {
                xml += Self.table(tableRows, dressing: &dressing)
                tableRows = []
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.hasPrefix("= ") {
                xml += Self.paragraph(String(line.dropFirst(2)), properties: "<w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/>",
                                      font: "方正小标宋简体", size: 44, bold: true, dressing: &dressing)
            } else if line.hasPrefix("< ") {
                xml += Self.paragraph(String(line.dropFirst(2)), properties: "<w:jc w:val=\"left\"/>", dressing: &dressing)
            } else if line.hasPrefix("> ") {
                xml += Self.paragraph(String(line.dropFirst(2)), properties: "<w:jc w:val=\"right\"/>", dressing: &dressing)
            } else if line.count > 3, line.hasPrefix("#"), let level = Int(String(line.dropFirst().prefix(1))),
                      (1...3).contains(level), line.dropFirst(2).hasPrefix(" ") {
                usesNumbering = true
                let fonts = ["黑体", "楷体_GB2312", "仿宋_GB2312"]
                xml += Self.paragraph(String(line.dropFirst(3)),
                                      properties: "<w:numPr><w:ilvl w:val=\"\(level - 1)\"/><w:numId w:val=\"1\"/></w:numPr>"
                                          + "<w:ind w:firstLine=\"640\"/>",
                                      font: fonts[level - 1], dressing: &dressing)
            } else {
                xml += Self.paragraph(line, properties: "<w:ind w:firstLine=\"640\"/>", font: Self.typedHeadingFont(line),
                                      dressing: &dressing)
            }
        }
        if !tableRows.isEmpty { xml += Self.table(tableRows, dressing: &dressing) }
        if let dressing { return dressing.package(body: xml, usesNumbering: usesNumbering, numbering: Self.numbering) }

        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>\(xml)\
            <w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" \
            w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>
            """
        var parts: [(path: String, contentType: String, relationshipType: String, xml: String)] = [
            ("word/styles.xml", OOXMLPackage.stylesPart.contentType, OOXMLPackage.stylesPart.relationshipType, Self.styles),
        ]
        if usesNumbering {
            parts.append(("word/numbering.xml", OOXMLPackage.numberingPart.contentType,
                          OOXMLPackage.numberingPart.relationshipType, Self.numbering))
        }
        return OOXMLPackage.wordDocument(body: document, extraParts: parts)
    }

    /// 黑体 for a typed `一、` heading, 楷体 for a `（一）` heading standing alone, else the body font.
    private static func typedHeadingFont(_ line: String) -> String {
        let numerals = Set("一二三四五六七八九十")
        let head = line.prefix(while: { numerals.contains($0) })
        if !head.isEmpty, line.dropFirst(head.count).hasPrefix("、") { return "黑体" }
        if line.hasPrefix("（"), line.count < 30, !line.contains("。") { return "楷体_GB2312" }
        return "仿宋_GB2312"
    }

    private static func paragraph(_ text: String, properties: String, font: String = "仿宋_GB2312",
                                  size: Int = 32, bold: Bool = false, dressing: inout WordDressing?) -> String {
        if dressing != nil {
            return dressing!.paragraph(escaped, text, properties: properties, font: font, size: size, bold: bold)
        }
        return "<w:p><w:pPr>\(properties)</w:pPr>\(run(text, font: font, size: size, bold: bold))</w:p>"
    }

    private static func run(_ text: String, font: String, size: Int, bold: Bool) -> String {
        "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"\(font)\"/>"
            + (bold ? "<w:b/>" : "") + "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr>"
            + "<w:t xml:space=\"preserve\">\(escaped(text))</w:t></w:r>"
    }

    private static func table(_ rows: [[String]], dressing: inout WordDressing?) -> String {
        let columns = rows.map(\.count).max() ?? 1
        let width = 8800 / columns
        let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
        var xml = "<w:tbl><w:tblPr><w:tblW w:w=\"\(width * columns)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>"
            + ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) \(border)/>" }.joined()
            + "</w:tblBorders></w:tblPr><w:tblGrid>"
            + String(repeating: "<w:gridCol w:w=\"\(width)\"/>", count: columns) + "</w:tblGrid>"
        for (index, row) in rows.enumerated() {
            xml += "<w:tr>"
            for column in 0..<columns {
                let text = column < row.count ? row[column] : ""
                let font = index == 0 ? "黑体" : "仿宋_GB2312"
                xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr>"
                if dressing != nil {
                    xml += dressing!.paragraph(escaped, text, properties: "<w:jc w:val=\"center\"/>", font: font, size: 28, bold: false)
                } else {
                    xml += "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
                        + (text.isEmpty ? "" : run(text, font: font, size: 28, bold: false)) + "</w:p>"
                }
                xml += "</w:tc>"
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Level 0 `一、` and level 1 `（一）` in chineseCounting, level 2 `1.` in decimal; no tab after the number.
    static let numbering = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>\
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>\
        <w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>\
        <w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:lvl>\
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>\
        <w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>\
        <w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:lvl>\
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/>\
        <w:lvlText w:val="%3."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>\
        </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>
        """

    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" \
        w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/>\
        <w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>\
        </w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
        </w:styles>
        """
}
