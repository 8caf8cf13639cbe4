import ConsolidateCore
import Foundation

/// The markup Word itself writes for a document, for `SampleDocx(asSavedByWord: true)`.
///
/// The samples are written in the fewest elements that give their text and numbering. A
/// document saved by Word carries much more around the same text, and a reader pays for
/// all of it: each paragraph's text in many runs (split where the script changes and
/// wherever an editing session left its revision id), each run with its full properties,
/// proofing marks and a `_GoBack` bookmark between runs, and beside the document the parts
/// Word adds: a styles part with its few hundred latent styles, settings with the
/// revision ids, a font table, web settings and a theme. The text Word shows is the same as
/// the plain rendering's. Everything is drawn from a generator seeded by the document's
/// own text, so the same body always gives the same bytes.
struct WordDressing {
    /// The revision-session ids (`w:rsidR`, `w:rsidRPr`) the document's runs carry.
    let rsids: [String]
    private var state: UInt64
    private var leftBookmark = false
    private var paragraphs = 0

    init(seed: UInt64) {
        var seeding = seed
        rsids = (0..<8).map { _ in Self.hex(UInt32(truncatingIfNeeded: Self.splitMix(&seeding) & 0x00FF_FFFF)) }
        state = seeding
    }

    /// FNV-1a over the text's UTF-8: a seed that is the same in every process (`hashValue` is not).
    static func seed(of text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// SplitMix64.
    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func nextValue() -> UInt64 { Self.splitMix(&state) }

    private mutating func below(_ bound: Int) -> Int { Int(nextValue() % UInt64(bound)) }

    private mutating func rsid() -> String { rsids[below(rsids.count)] }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// One paragraph as Word writes it: the plain rendering's properties in schema order with
    /// what Word adds, the paragraph mark's run properties, and the text in runs.
    mutating func paragraph(_ escape: (String) -> String, _ text: String, properties: String, font: String,
                            size: Int, bold: Bool) -> String {
        paragraphs += 1
        var numbered = ""
        var rest = Substring(properties)
        if properties.hasPrefix("<w:numPr>"), let end = properties.range(of: "</w:numPr>") {
            numbered = String(properties[..<end.upperBound])
            rest = properties[end.upperBound...]
        }
        let spacing = rest.contains("<w:spacing") ? "" : "<w:spacing w:line=\"560\" w:lineRule=\"exact\"/>"
        let others = rest.replacingOccurrences(of: "<w:ind w:firstLine=\"640\"/>",
                                               with: "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>")
        let paragraphID = Self.hex(UInt32(truncatingIfNeeded: nextValue() & 0x7FFF_FFFF))
        let (made, edited) = (rsid(), rsid())
        var xml = "<w:p w14:paraId=\"\(paragraphID)\" w14:textId=\"77777777\" w:rsidR=\"\(made)\" "
            + "w:rsidRDefault=\"\(made)\" w:rsidP=\"\(edited)\"><w:pPr>\(numbered)<w:adjustRightInd w:val=\"0\"/>"
            + "<w:snapToGrid w:val=\"0\"/>\(spacing)\(others)<w:rPr>"
            + Self.fonts(eastAsia: font, latin: font, hint: true) + (bold ? "<w:b/>" : "")
            + "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr></w:pPr>"
        for (index, segment) in segments(of: text).enumerated() {
            let grammar = below(10) == 0
            if grammar { xml += "<w:proofErr w:type=\"gramStart\"/>" }
            let latin = segment.unicodeScalars.first.map(\.isASCII) ?? false
            let space = segment.first == " " || segment.last == " " ? " xml:space=\"preserve\"" : ""
            xml += "<w:r w:rsidRPr=\"\(rsid())\"><w:rPr>"
                + Self.fonts(eastAsia: font, latin: latin ? "Times New Roman" : font, hint: !latin)
                + (bold ? "<w:b/>" : "") + "<w:kern w:val=\"0\"/><w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>"
                + "</w:rPr><w:t\(space)>\(escape(segment))</w:t></w:r>"
            if grammar { xml += "<w:proofErr w:type=\"gramEnd\"/>" }
            if !leftBookmark, paragraphs >= 5, index == 0 {
                xml += "<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"0\"/>"
                leftBookmark = true
            }
        }
        return xml + "</w:p>"
    }

    /// The text in runs: split where Latin letters and digits meet Chinese, and the Chinese
    /// again every few to few dozen characters, where an editing session began or ended.
    private mutating func segments(of text: String) -> [String] {
        var segments: [String] = []
        var current = String.UnicodeScalarView()
        var currentIsLatin = false
        var room = 6 + below(36)
        for scalar in text.unicodeScalars {
            let latin = scalar.isASCII
            if !current.isEmpty, latin != currentIsLatin || (!latin && current.count >= room) {
                segments.append(String(current))
                current = String.UnicodeScalarView()
                room = 6 + below(36)
            }
            currentIsLatin = latin
            current.append(scalar)
        }
        if !current.isEmpty { segments.append(String(current)) }
        return segments
    }

    private static func fonts(eastAsia: String, latin: String, hint: Bool) -> String {
        "<w:rFonts w:ascii=\"\(latin)\" w:eastAsia=\"\(eastAsia)\" w:hAnsi=\"\(latin)\" w:cs=\"Times New Roman\""
            + (hint ? " w:hint=\"eastAsia\"/>" : "/>")
    }

    /// The package: the body in Word's document element, and the parts Word writes beside it.
    func package(body: String, usesNumbering: Bool, numbering: String) -> OOXMLPackage {
        let namespaces = [
            ("wpc", "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"),
            ("mc", "http://schemas.openxmlformats.org/markup-compatibility/2006"),
            ("o", "urn:schemas-microsoft-com:office:office"),
            ("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
            ("m", "http://schemas.openxmlformats.org/officeDocument/2006/math"),
            ("v", "urn:schemas-microsoft-com:vml"),
            ("wp14", "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"),
            ("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
            ("w10", "urn:schemas-microsoft-com:office:word"),
            ("w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
            ("w14", "http://schemas.microsoft.com/office/word/2010/wordml"),
            ("w15", "http://schemas.microsoft.com/office/word/2012/wordml"),
            ("wpg", "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"),
            ("wpi", "http://schemas.microsoft.com/office/word/2010/wordprocessingInk"),
            ("wne", "http://schemas.microsoft.com/office/word/2006/wordml"),
            ("wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"),
        ].map { "xmlns:\($0.0)=\"\($0.1)\"" }.joined(separator: " ")
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
            + "<w:document \(namespaces) mc:Ignorable=\"w14 w15 wp14\"><w:body>\(body)"
            + "<w:sectPr w:rsidR=\"\(rsids[0])\"><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" "
            + "w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
            + "<w:cols w:space=\"425\"/><w:docGrid w:type=\"linesAndChars\" w:linePitch=\"579\" w:charSpace=\"-849\"/>"
            + "</w:sectPr></w:body></w:document>"
        var parts: [(path: String, contentType: String, relationshipType: String, xml: String)] = []
        if usesNumbering {
            parts.append(("word/numbering.xml", OOXMLPackage.numberingPart.contentType,
                          OOXMLPackage.numberingPart.relationshipType, numbering))
        }
        parts.append(("word/styles.xml", OOXMLPackage.stylesPart.contentType, OOXMLPackage.stylesPart.relationshipType,
                      Self.styles))
        parts.append(("word/settings.xml", OOXMLPackage.settingsPart.contentType,
                      OOXMLPackage.settingsPart.relationshipType, settings))
        parts.append(("word/webSettings.xml",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml",
                      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/webSettings",
                      Self.declaration + "<w:webSettings \(Self.wordNamespace)><w:optimizeForBrowser/>"
                        + "<w:allowPNG/></w:webSettings>"))
        parts.append(("word/fontTable.xml", OOXMLPackage.fontTablePart.contentType,
                      OOXMLPackage.fontTablePart.relationshipType, Self.fontTable))
        parts.append(("word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml",
                      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme", Self.theme))
        return OOXMLPackage.wordDocument(body: document, extraParts: parts)
    }

    private static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
    private static let wordNamespace = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

    private var settings: String {
        Self.declaration + "<w:settings \(Self.wordNamespace) "
            + "xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\">"
            + "<w:zoom w:percent=\"100\"/><w:bordersDoNotSurroundHeader/><w:bordersDoNotSurroundFooter/>"
            + "<w:proofState w:spelling=\"clean\" w:grammar=\"dirty\"/><w:defaultTabStop w:val=\"420\"/>"
            + "<w:drawingGridHorizontalSpacing w:val=\"158\"/><w:drawingGridVerticalSpacing w:val=\"290\"/>"
            + "<w:displayHorizontalDrawingGridEvery w:val=\"0\"/><w:displayVerticalDrawingGridEvery w:val=\"2\"/>"
            + "<w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat><w:spaceForUL/>"
            + "<w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/>"
            + "<w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>"
            + "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
            + "</w:compat><w:rsids><w:rsidRoot w:val=\"\(rsids[0])\"/>"
            + rsids.sorted().map { "<w:rsid w:val=\"\($0)\"/>" }.joined()
            + "</w:rsids><m:mathPr><m:mathFont m:val=\"Cambria Math\"/><m:brkBin m:val=\"before\"/>"
            + "<m:brkBinSub m:val=\"--\"/><m:smallFrac m:val=\"0\"/><m:dispDef/><m:lMargin m:val=\"0\"/>"
            + "<m:rMargin m:val=\"0\"/><m:defJc m:val=\"centerGroup\"/><m:wrapIndent m:val=\"1440\"/>"
            + "<m:intLim m:val=\"subSup\"/><m:naryLim m:val=\"undOvr\"/></m:mathPr>"
            + "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/><w:clrSchemeMapping w:bg1=\"light1\" "
            + "w:t1=\"dark1\" w:bg2=\"light2\" w:t2=\"dark2\" w:accent1=\"accent1\" w:accent2=\"accent2\" "
            + "w:accent3=\"accent3\" w:accent4=\"accent4\" w:accent5=\"accent5\" w:accent6=\"accent6\" "
            + "w:hyperlink=\"hyperlink\" w:followedHyperlink=\"followedHyperlink\"/>"
            + "<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>"
    }

    /// Word's styles part: the document defaults, every latent style Word lists (a few hundred,
    /// each an element with its attributes), and the styles a report uses.
    private static let styles: String = {
        var latent: [String] = ["Normal", "heading 1", "heading 2", "heading 3", "heading 4", "heading 5",
                                "heading 6", "heading 7", "heading 8", "heading 9"]
        latent += (1...9).map { "index \($0)" } + (1...9).map { "toc \($0)" }
        latent += ["Normal Indent", "footnote text", "annotation text", "header", "footer", "index heading",
                   "caption", "table of figures", "envelope address", "envelope return", "footnote reference",
                   "annotation reference", "line number", "page number", "endnote reference", "endnote text",
                   "table of authorities", "macro", "toa heading", "List", "List Bullet", "List Number", "List 2",
                   "List 3", "List 4", "List 5", "List Bullet 2", "List Bullet 3", "List Bullet 4", "List Bullet 5",
                   "List Number 2", "List Number 3", "List Number 4", "List Number 5", "Title", "Closing",
                   "Signature", "Default Paragraph Font", "Body Text", "Body Text Indent", "List Continue",
                   "Message Header", "Subtitle", "Salutation", "Date", "Body Text First Indent", "Note Heading",
                   "Block Text", "Hyperlink", "FollowedHyperlink", "Strong", "Emphasis", "Document Map",
                   "Plain Text", "E-mail Signature", "Normal (Web)", "HTML Acronym", "HTML Address", "HTML Cite",
                   "HTML Code", "HTML Definition", "HTML Keyboard", "HTML Preformatted", "HTML Sample",
                   "HTML Typewriter", "HTML Variable", "Normal Table", "annotation subject", "No List",
                   "Balloon Text", "Table Grid", "Placeholder Text", "No Spacing", "Revision", "List Paragraph",
                   "Quote", "Intense Quote", "Subtle Emphasis", "Intense Emphasis", "Subtle Reference",
                   "Intense Reference", "Book Title", "Bibliography", "TOC Heading", "Plain Table 1",
                   "Plain Table 2", "Plain Table 3", "Plain Table 4", "Plain Table 5", "Grid Table Light"]
        let accents = [""] + (1...6).map { " Accent \($0)" }
        for family in ["Light Shading", "Light List", "Light Grid", "Medium Shading 1", "Medium Shading 2",
                       "Medium List 1", "Medium List 2", "Medium Grid 1", "Medium Grid 2", "Medium Grid 3",
                       "Dark List", "Colorful Shading", "Colorful List", "Colorful Grid"] {
            latent += accents.map { family + $0 }
        }
        for kind in ["Grid Table", "List Table"] {
            for number in ["1 Light", "2", "3", "4", "5 Dark", "6 Colorful", "7 Colorful"] {
                latent += accents.map { "\(kind) \(number)\($0)" }
            }
        }
        latent += ["Mention", "Smart Hyperlink", "Hashtag", "Unresolved Mention", "Smart Link"]
        let exceptions = latent.enumerated().map { index, name in
            "<w:lsdException w:name=\"\(name)\" w:uiPriority=\"\(index < 10 ? 9 : 39 + index % 60)\""
                + (index % 3 == 0 ? " w:semiHidden=\"1\" w:unhideWhenUsed=\"1\"" : "")
                + (index < 10 ? " w:qFormat=\"1\"/>" : "/>")
        }.joined()
        let heading = { (level: Int, font: String) in
            "<w:style w:type=\"paragraph\" w:styleId=\"\(level)\"><w:name w:val=\"heading \(level)\"/>"
                + "<w:basedOn w:val=\"a\"/><w:next w:val=\"a\"/><w:link w:val=\"\(level)0\"/><w:uiPriority w:val=\"9\"/>"
                + "<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"340\" w:after=\"330\" "
                + "w:line=\"578\" w:lineRule=\"auto\"/><w:outlineLvl w:val=\"\(level - 1)\"/></w:pPr><w:rPr>"
                + "<w:rFonts w:eastAsia=\"\(font)\"/><w:b/><w:bCs/><w:kern w:val=\"44\"/><w:sz w:val=\"32\"/>"
                + "<w:szCs w:val=\"44\"/></w:rPr></w:style>"
        }
        return declaration + "<w:styles \(wordNamespace) "
            + "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
            + "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" mc:Ignorable=\"w14\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" w:eastAsiaTheme=\"minorEastAsia\" "
            + "w:hAnsiTheme=\"minorHAnsi\" w:cstheme=\"minorBidi\"/><w:kern w:val=\"2\"/><w:sz w:val=\"21\"/>"
            + "<w:szCs w:val=\"22\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr>"
            + "</w:rPrDefault><w:pPrDefault/></w:docDefaults>"
            + "<w:latentStyles w:defLockedState=\"0\" w:defUIPriority=\"99\" w:defSemiHidden=\"0\" "
            + "w:defUnhideWhenUsed=\"0\" w:defQFormat=\"0\" w:count=\"\(latent.count)\">\(exceptions)</w:latentStyles>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/><w:qFormat/>"
            + "<w:pPr><w:widowControl w:val=\"0\"/><w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/></w:pPr>"
            + "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"仿宋_GB2312\" w:hAnsi=\"Times New Roman\"/>"
            + "<w:sz w:val=\"32\"/></w:rPr></w:style>"
            + heading(1, "黑体") + heading(2, "楷体_GB2312") + heading(3, "仿宋_GB2312")
            + "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"a0\"><w:name w:val=\"Default Paragraph Font\"/>"
            + "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
            + "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"a1\"><w:name w:val=\"Normal Table\"/>"
            + "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
            + "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
            + "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
            + "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"a2\"><w:name w:val=\"No List\"/>"
            + "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
            + "<w:style w:type=\"table\" w:styleId=\"a3\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"a1\"/>"
            + "<w:uiPriority w:val=\"39\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
            + "w:color=\"auto\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders>"
            + "</w:tblPr></w:style>"
            + ["header", "footer"].enumerated().map { index, name in
                "<w:style w:type=\"paragraph\" w:styleId=\"a\(index + 4)\"><w:name w:val=\"\(name)\"/>"
                    + "<w:basedOn w:val=\"a\"/><w:link w:val=\"a\(index + 4)0\"/><w:uiPriority w:val=\"99\"/>"
                    + "<w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val=\"center\" w:pos=\"4153\"/>"
                    + "<w:tab w:val=\"right\" w:pos=\"8306\"/></w:tabs><w:snapToGrid w:val=\"0\"/></w:pPr>"
                    + "<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>"
            }.joined()
            + "<w:style w:type=\"paragraph\" w:styleId=\"a6\"><w:name w:val=\"Balloon Text\"/><w:basedOn w:val=\"a\"/>"
            + "<w:semiHidden/><w:unhideWhenUsed/><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>"
            + "</w:styles>"
    }()

    private static let fontTable: String = {
        let fonts: [(name: String, alternative: String?, panose: String, charset: String, family: String, pitch: String)] = [
            ("Calibri", nil, "020F0502020204030204", "00", "swiss", "variable"),
            ("宋体", "SimSun", "02010600030101010101", "86", "auto", "variable"),
            ("Times New Roman", nil, "02020603050405020304", "00", "roman", "variable"),
            ("仿宋_GB2312", nil, "02010609030101010101", "86", "modern", "fixed"),
            ("黑体", "SimHei", "02010609060101010101", "86", "modern", "fixed"),
            ("楷体_GB2312", nil, "02010609030101010101", "86", "modern", "fixed"),
            ("方正小标宋简体", nil, "02000000000000000000", "86", "script", "variable"),
            ("Calibri Light", nil, "020F0302020204030204", "00", "swiss", "variable"),
        ]
        return declaration + "<w:fonts \(wordNamespace)>" + fonts.map { font in
            "<w:font w:name=\"\(font.name)\">" + (font.alternative.map { "<w:altName w:val=\"\($0)\"/>" } ?? "")
                + "<w:panose1 w:val=\"\(font.panose)\"/><w:charset w:val=\"\(font.charset)\"/>"
                + "<w:family w:val=\"\(font.family)\"/><w:pitch w:val=\"\(font.pitch)\"/>"
                + "<w:sig w:usb0=\"00000003\" w:usb1=\"288F0000\" w:usb2=\"00000016\" w:usb3=\"00000000\" "
                + "w:csb0=\"00040001\" w:csb1=\"00000000\"/></w:font>"
        }.joined() + "</w:fonts>"
    }()

    /// A theme of the kind Word writes: colours, fonts per script, fills, lines and effects.
    private static let theme: String = {
        let colours = [("dk1", "<a:sysClr val=\"windowText\" lastClr=\"000000\"/>"),
                       ("lt1", "<a:sysClr val=\"window\" lastClr=\"FFFFFF\"/>")]
            + zip(["dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"],
                  ["44546A", "E7E6E6", "4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "0563C1", "954F72"])
                .map { ($0.0, "<a:srgbClr val=\"\($0.1)\"/>") }
        let scripts = [("Jpan", "游ゴシック"), ("Hang", "맑은 고딕"), ("Hans", "等线"), ("Hant", "新細明體"),
                       ("Arab", "Times New Roman"), ("Hebr", "Times New Roman"), ("Thai", "Tahoma"),
                       ("Ethi", "Nyala"), ("Beng", "Vrinda"), ("Gujr", "Shruti"), ("Khmr", "MoolBoran"),
                       ("Knda", "Tunga"), ("Guru", "Raavi"), ("Cans", "Euphemia"), ("Cher", "Plantagenet Cherokee"),
                       ("Yiii", "Microsoft Yi Baiti"), ("Tibt", "Microsoft Himalaya"), ("Thaa", "MV Boli"),
                       ("Deva", "Mangal"), ("Telu", "Gautami"), ("Taml", "Latha"), ("Syrc", "Estrangelo Edessa"),
                       ("Orya", "Kalinga"), ("Mlym", "Kartika"), ("Laoo", "DokChampa"), ("Sinh", "Iskoola Pota"),
                       ("Mong", "Mongolian Baiti"), ("Viet", "Times New Roman"), ("Uigh", "Microsoft Uighur"),
                       ("Geor", "Sylfaen")]
        let fontList = { (latin: String) in
            "<a:latin typeface=\"\(latin)\" panose=\"020F0302020204030204\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>"
                + scripts.map { "<a:font script=\"\($0.0)\" typeface=\"\($0.1)\"/>" }.joined()
        }
        let fill = { (alpha: Int) in
            "<a:gradFill rotWithShape=\"1\"><a:gsLst>" + [0, 50_000, 100_000].map { position in
                "<a:gs pos=\"\(position)\"><a:schemeClr val=\"phClr\"><a:lumMod val=\"\(100_000 - position / 10)\"/>"
                    + "<a:satMod val=\"\(103_000 + alpha)\"/><a:tint val=\"\(67_000 + position / 5)\"/></a:schemeClr></a:gs>"
            }.joined() + "</a:gsLst><a:lin ang=\"5400000\" scaled=\"0\"/></a:gradFill>"
        }
        return declaration + "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office 主题\">"
            + "<a:themeElements><a:clrScheme name=\"Office\">"
            + colours.map { "<a:\($0.0)>\($0.1)</a:\($0.0)>" }.joined() + "</a:clrScheme>"
            + "<a:fontScheme name=\"Office\"><a:majorFont>\(fontList("Calibri Light"))</a:majorFont>"
            + "<a:minorFont>\(fontList("Calibri"))</a:minorFont></a:fontScheme>"
            + "<a:fmtScheme name=\"Office\"><a:fillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
            + fill(0) + fill(2_000) + "</a:fillStyleLst><a:lnStyleLst>"
            + [6_350, 12_700, 19_050].map { width in
                "<a:ln w=\"\(width)\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\"><a:solidFill><a:schemeClr val=\"phClr\"/>"
                    + "</a:solidFill><a:prstDash val=\"solid\"/><a:miter lim=\"800000\"/></a:ln>"
            }.joined() + "</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle>"
            + "<a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst><a:outerShdw blurRad=\"57150\" "
            + "dist=\"19050\" dir=\"5400000\" algn=\"ctr\" rotWithShape=\"0\"><a:srgbClr val=\"000000\"><a:alpha val=\"63000\"/>"
            + "</a:srgbClr></a:outerShdw></a:effectLst></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>"
            + "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>" + fill(4_000) + fill(6_000)
            + "</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    }()
}
