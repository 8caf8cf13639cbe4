/// The side parts of summary.docx: styles, settings, font table and page-number footers.
extension SummaryDocx {
    /// Body text: 3号 (16 pt) 仿宋, exact line pitch, two-character first-line indent.
    /// `w:firstLine` repeats the indent in twips for readers that ignore `firstLineChars` (LibreOffice).
    /// 28 characters fill the 442 pt line when each is drawn 0.25 pt narrower (`w:spacing -5`):
    /// a character grid (`linesAndChars`) would say the same to Word, but LibreOffice spreads it to half as many.
    static let stylesXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles \(namespaces)><w:docDefaults><w:rPrDefault><w:rPr>\
        <w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>\
        <w:spacing w:val="-5"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>\
        </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="\(linePitch)" w:lineRule="exact"/><w:jc w:val="both"/>\
        </w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:widowControl w:val="0"/><w:spacing w:line="\(linePitch)" w:lineRule="exact"/>\
        <w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:spacing w:after="\(linePitch)" w:line="700" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/>\
        <w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>\
        <w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="方正小标宋简体" w:hAnsi="Times New Roman"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr>\
        <w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="黑体" w:hAnsi="Times New Roman"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:keepNext/><w:outlineLvl w:val="2"/></w:pPr>\
        <w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="楷体_GB2312" w:hAnsi="Times New Roman"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr>\
        <w:rPr><w:spacing w:val="0"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="TableHeader"><w:name w:val="Table Header"/><w:basedOn w:val="TableText"/><w:qFormat/>\
        <w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="黑体" w:hAnsi="Times New Roman"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>\
        <w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:left="320" w:right="320" w:firstLineChars="0" w:firstLine="0"/></w:pPr>\
        <w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>\
        <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>\
        <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
        <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        <w:style w:type="table" w:styleId="SummaryTable"><w:name w:val="Summary Table"/><w:basedOn w:val="TableNormal"/>\
        <w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
        <w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
        <w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
        <w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>\
        <w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/>\
        <w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>
        """

    /// Different footers on odd and even pages (the page number sits on the outside edge).
    static let settingsXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:settings \(namespaces)><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>\
        <w:characterSpacingControl w:val="compressPunctuation"/><w:compat>\
        <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>\
        </w:compat></w:settings>
        """

    /// The GB2312-era font names official templates use, each with the name Windows and
    /// most machines have today, which Word substitutes when the first is missing.
    static let fontTableXML: String = {
        let fonts = [("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "宋体"), ("黑体", "SimHei"), ("楷体_GB2312", "楷体"),
                     ("宋体", "SimSun"), ("Times New Roman", "Times")]
        let entries = fonts.map { name, alternative in
            "<w:font w:name=\"\(name)\"><w:altName w:val=\"\(alternative)\"/>"
                + (name == "Times New Roman" ? "<w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>"
                                             : "<w:charset w:val=\"86\"/><w:family w:val=\"modern\"/>")
                + "<w:pitch w:val=\"variable\"/></w:font>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:fonts \(namespaces)>\(entries.joined())</w:fonts>
            """
    }()

    /// `— 1 —`: the PAGE field between two em dashes, 4号 宋体, one character in from the edge.
    static func footerXML(alignment: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:ftr \(namespaces)><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="\(alignment)"/></w:pPr>\
        <w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>\
        <w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>\
        <w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>
        """
    }
}
