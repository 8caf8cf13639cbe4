/// Reads one story of a Word document (the body, a footnote, a header…) into paragraphs
/// as Word displays them with all revisions accepted.
///
/// What a reader sees, not what the XML holds: deleted and moved-away text is dropped,
/// inserted text kept; of a field only its cached result is read, never its instruction;
/// hidden text is left out; of `mc:AlternateContent` exactly one branch is read. Text
/// boxes are read once, right after the paragraph that anchors them. Automatic numbers
/// are rendered by `ListNumberer`.
struct WordStoryReader {
    /// What the reading came across that the user may need to know.
    struct Findings: Sendable, Equatable {
        var trackedChanges = false
        var hiddenText = false
        var textBoxes = 0
        /// `r:id`s of `w:altChunk` elements, in document order.
        var alternativeChunks: [String] = []
        /// `r:id`s of header and footer references in section properties, in document order.
        var headerReferences: [String] = []
        var footerReferences: [String] = []
    }

    /// Whether a field's instruction or its result is being read.
    private enum FieldPhase { case instruction, result }

    private let styles: WordStyles
    private var numberer: ListNumberer
    private var fields: [FieldPhase] = []
    private(set) var paragraphs: [RawParagraph] = []
    private(set) var findings = Findings()
    /// The running paragraph index across all stories of the document.
    private(set) var paragraphIndex: Int
    /// A paragraph whose mark is deleted or hidden: Word joins it to the next paragraph.
    private var carried: CarriedParagraph?
    /// Footnote and endnote reference marks shown so far: Word numbers them 1, 2, 3 and i, ii, iii.
    private var footnoteMarks = 0
    private var endnoteMarks = 0

    /// The part of a joined paragraph read so far.
    private struct CarriedParagraph {
        var content: ParagraphContent
        /// The paragraph properties of the first paragraph, when its mark is hidden: a style
        /// separator, which runs a numbered heading into the paragraph after it on one line.
        var leadingProperties: XMLElement?
    }

    init(styles: WordStyles, numbering: WordNumbering, firstParagraphIndex: Int) {
        self.styles = styles
        self.numberer = ListNumberer(numbering: numbering, styles: styles)
        self.paragraphIndex = firstParagraphIndex
    }

    /// Reads the block-level content of `container` (`w:body`, `w:tc`, `w:footnote`, `w:txbxContent`…).
    mutating func readBlocks(_ container: XMLElement, origin: ParagraphOrigin) {
        readBlockContent(container, origin: origin)
        flushCarried(origin: origin)
    }

    private mutating func readBlockContent(_ container: XMLElement, origin: ParagraphOrigin) {
        for case let .element(element) in container.children {
            readBlock(element, origin: origin)
        }
    }

    /// A joined paragraph with nothing left to join to (the last of a cell or story) stands alone.
    private mutating func flushCarried(origin: ParagraphOrigin) {
        guard let joined = carried else { return }
        carried = nil
        emitNumbered(properties: joined.leadingProperties, content: joined.content, origin: origin)
    }

    private mutating func readBlock(_ element: XMLElement, origin: ParagraphOrigin) {
        switch (element.namespace, element.name) {
        case (.word, "p"):
            readParagraph(element, origin: origin)
        case (.word, "tbl"), (.word, "tr"):
            if element.wordChild("trPr")?.wordChild("del") != nil {
                findings.trackedChanges = true
                return
            }
            readBlockContent(element, origin: origin == .body ? .table : origin)
        case (.word, "tc"):
            // A vertically merged continuation cell shows the content of the cell above it.
            if let merge = element.wordChild("tcPr")?.wordChild("vMerge"), merge.attributes["val"] != "restart" {
                return
            }
            readBlocks(element, origin: origin == .body ? .table : origin)
        case (.word, "sdt"):
            if let content = element.wordChild("sdtContent") { readBlockContent(content, origin: origin) }
        case (.word, "del"), (.word, "moveFrom"):
            findings.trackedChanges = true
        case (.word, "ins"), (.word, "moveTo"):
            findings.trackedChanges = true
            readBlockContent(element, origin: origin)
        case (.word, "altChunk"):
            if let id = element.attributes["id"] { findings.alternativeChunks.append(id) }
        case (.word, "sectPr"):
            readSectionProperties(element)
        case (.word, "pPr"), (.word, "tblPr"), (.word, "tblGrid"), (.word, "trPr"), (.word, "tcPr"),
             (.word, "sdtPr"), (.word, "sdtEndPr"), (.word, "tblPrEx"):
            return
        case (.markupCompatibility, "AlternateContent"):
            if let branch = AlternateContent.branch(of: element) { readBlockContent(branch, origin: origin) }
        default:
            // customXml, smartTag and anything unknown: read what it wraps.
            readBlockContent(element, origin: origin)
        }
    }

    private mutating func readSectionProperties(_ element: XMLElement) {
        for reference in element.wordChildren("headerReference") {
            if let id = reference.attributes["id"], !findings.headerReferences.contains(id) {
                findings.headerReferences.append(id)
            }
        }
        for reference in element.wordChildren("footerReference") {
            if let id = reference.attributes["id"], !findings.footerReferences.contains(id) {
                findings.footerReferences.append(id)
            }
        }
    }

    private mutating func readParagraph(_ paragraph: XMLElement, origin: ParagraphOrigin) {
        paragraphIndex += 1
        var properties = paragraph.wordChild("pPr")
        var content = ParagraphContent()
        if let joined = carried {
            content = joined.content
            if let leading = joined.leadingProperties { properties = leading }
            carried = nil
        }
        readInline(paragraph, into: &content)
        if let sectionProperties = paragraph.wordChild("pPr")?.wordChild("sectPr") { readSectionProperties(sectionProperties) }

        // A deleted paragraph mark (accepted) joins this paragraph to the next, which keeps its
        // own mark: its style and number. A hidden mark (a style separator) joins them too, but
        // the line starts with this paragraph's number.
        let mark = paragraph.wordChild("pPr")?.wordChild("rPr")
        // A drop cap stands in a frame of its own paragraph; Word shows it as the first letter of the next.
        if let dropCap = paragraph.wordChild("pPr")?.wordChild("framePr")?.attributes["dropCap"],
           dropCap == "drop" || dropCap == "margin" {
            carried = CarriedParagraph(content: content, leadingProperties: nil)
            return
        }
        if mark?.wordChild("del") != nil || mark?.wordChild("moveFrom") != nil {
            findings.trackedChanges = true
            carried = CarriedParagraph(content: content, leadingProperties: nil)
            return
        }
        if mark?.wordToggle("vanish") ?? false {
            let showsText = !content.text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
            if !showsText { findings.hiddenText = true }
            carried = CarriedParagraph(content: content, leadingProperties: showsText ? properties : nil)
            return
        }
        emitNumbered(properties: properties, content: content, origin: origin)
    }

    private mutating func emitNumbered(properties: XMLElement?, content: ParagraphContent, origin: ParagraphOrigin) {
        let number = numberer.number(paragraphProperties: properties)
        emit(number: number, content: content, index: paragraphIndex,
             style: styles.reportedID(for: properties?.wordValue("pStyle")), origin: origin)
    }

    /// Adds a paragraph unless nothing of it shows, then reads its text boxes after it.
    private mutating func emit(number: String, content: ParagraphContent, index: Int, style: String?,
                               origin: ParagraphOrigin) {
        let displayed = number + content.text
        if !displayed.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            paragraphs.append(RawParagraph(number: number, text: content.text,
                                           location: SourceLocation(paragraph: index, origin: origin),
                                           style: style))
        }
        for textBox in content.textBoxes {
            findings.textBoxes += 1
            readBlocks(textBox, origin: origin.isMainText ? .textBox : origin)
        }
    }

    /// Text and text boxes gathered from one paragraph's inline content.
    private struct ParagraphContent {
        private(set) var text = ""
        var textBoxes: [XMLElement] = []
        /// A page or column break waiting for text after it. A break with text on both sides
        /// reads as a line break; at either end of the paragraph it shows nothing.
        private var pendingBreak = false

        mutating func append(_ string: String) {
            guard !string.isEmpty else { return }
            if pendingBreak {
                text += "\n"
                pendingBreak = false
            }
            text += string
        }

        mutating func appendPageBreak() {
            if !text.isEmpty { pendingBreak = true }
        }
    }

    /// Whether run text is shown now: outside fields, or in the result of every open field.
    private var showsFieldText: Bool {
        fields.allSatisfy { $0 == .result }
    }

    private mutating func readInline(_ element: XMLElement, into content: inout ParagraphContent) {
        for case let .element(child) in element.children {
            switch (child.namespace, child.name) {
            case (.word, "r"):
                readRun(child, into: &content)
            case (.word, "del"), (.word, "moveFrom"):
                findings.trackedChanges = true
                // Field characters inside deleted runs still open and close fields in the XML.
                readFieldCharactersOnly(child)
            case (.word, "ins"), (.word, "moveTo"):
                findings.trackedChanges = true
                readInline(child, into: &content)
            case (.word, "sdt"):
                if let inner = child.wordChild("sdtContent") { readInline(inner, into: &content) }
            case (.word, "pPr"), (.word, "rPr"), (.word, "sdtPr"), (.word, "sdtEndPr"), (.word, "fldData"):
                continue
            case (.markupCompatibility, "AlternateContent"):
                if let branch = AlternateContent.branch(of: child) { readInline(branch, into: &content) }
            case (.math, "t"):
                if showsFieldText { content.append(child.text) }
            default:
                // hyperlink, smartTag, customXml, fldSimple (its runs are the result), dir, bdo,
                // math zones and anything unknown: read what it wraps.
                readInline(child, into: &content)
            }
        }
    }

    private func runIsHidden(_ run: XMLElement) -> Bool {
        guard let properties = run.wordChild("rPr") else { return false }
        if properties.wordChild("vanish") != nil { return properties.wordToggle("vanish") }
        return styles.hidesText(characterStyle: properties.wordValue("rStyle"))
    }

    private mutating func readRun(_ run: XMLElement, into content: inout ParagraphContent) {
        if runIsHidden(run) {
            findings.hiddenText = true
            readFieldCharactersOnly(run)
            return
        }
        readRunContent(run, into: &content)
    }

    /// The children of a run, or of the chosen branch of alternate content inside a run.
    private mutating func readRunContent(_ run: XMLElement, into content: inout ParagraphContent) {
        let font = run.wordChild("rPr")?.wordChild("rFonts").flatMap { $0.attributes["ascii"] ?? $0.attributes["hAnsi"] }
        for case let .element(child) in run.children {
            // An emoji Word 2016 stores as `w16se:symEx` (its Fallback holds the same character as text).
            if child.name == "symEx", let code = child.attributes["char"], let value = UInt32(code, radix: 16),
               let scalar = Unicode.Scalar(value) {
                if showsFieldText { content.append(String(Character(scalar))) }
                continue
            }
            guard child.namespace == .word || child.namespace == .markupCompatibility else {
                continue
            }
            switch child.name {
            case "fldChar":
                readFieldCharacter(child)
            case "t":
                guard showsFieldText else { continue }
                // Private-use characters in a Symbol or Wingdings run are that font's characters.
                if let font, SymbolFont.isSymbolic(font), child.text.unicodeScalars.contains(where: { (0xF000...0xF0FF).contains($0.value) }) {
                    content.append(SymbolFont.bullet(child.text, font: font))
                } else {
                    content.append(child.text)
                }
            case "footnoteReference", "endnoteReference":
                // A custom mark is the text that follows; otherwise Word shows the note's number.
                let custom = child.attributes["customMarkFollows"].map { $0 == "1" || $0 == "true" || $0 == "on" } ?? false
                guard showsFieldText, !custom else { continue }
                if child.name == "footnoteReference" {
                    footnoteMarks += 1
                    content.append(String(footnoteMarks))
                } else {
                    endnoteMarks += 1
                    content.append(NumberFormat.render(endnoteMarks, format: "lowerRoman"))
                }
            case "tab", "ptab":
                if showsFieldText { content.append("\t") }
            case "br":
                guard showsFieldText else { continue }
                switch child.attributes["type"] {
                case "page", "column": content.appendPageBreak()
                default: content.append("\n")
                }
            case "cr":
                if showsFieldText { content.append("\n") }
            case "sym":
                if showsFieldText { content.append(SymbolFont.character(font: child.attributes["font"], code: child.attributes["char"])) }
            case "noBreakHyphen":
                // Word shows a non-breaking hyphen (U+2011).
                if showsFieldText { content.append("\u{2011}") }
            case "ruby":
                if let base = child.wordChild("rubyBase") { readInline(base, into: &content) }
            case "AlternateContent":
                if let branch = AlternateContent.branch(of: child) { readRunContent(branch, into: &content) }
            case "drawing", "pict", "object":
                collectTextBoxes(child, into: &content.textBoxes)
            default:
                // softHyphen (invisible), instrText, delText, rPr, footnote references and
                // page-number placeholders show no text of their own here.
                continue
            }
        }
    }

    /// Keeps field nesting right when the runs that carry `w:fldChar` are deleted or hidden.
    private mutating func readFieldCharactersOnly(_ element: XMLElement) {
        for case let .element(child) in element.children {
            if child.isWord("fldChar") {
                readFieldCharacter(child)
            } else {
                readFieldCharactersOnly(child)
            }
        }
    }

    /// `w:fldChar`: a field opens in its instruction, turns to its cached result at `separate`,
    /// and closes at `end`. Fields nest (an IF whose condition holds a PAGE field).
    private mutating func readFieldCharacter(_ character: XMLElement) {
        switch character.attributes["fldCharType"] {
        case "begin": fields.append(.instruction)
        case "separate": if !fields.isEmpty { fields[fields.count - 1] = .result }
        case "end": _ = fields.popLast()
        default: break
        }
    }

    /// Finds `w:txbxContent` inside a drawing, reading one branch of any alternate content.
    private func collectTextBoxes(_ element: XMLElement, into textBoxes: inout [XMLElement]) {
        if element.isWord("txbxContent") {
            textBoxes.append(element)
            return
        }
        if element.namespace == .markupCompatibility && element.name == "AlternateContent" {
            if let branch = AlternateContent.branch(of: element) { collectTextBoxes(branch, into: &textBoxes) }
            return
        }
        for case let .element(child) in element.children { collectTextBoxes(child, into: &textBoxes) }
    }
}
