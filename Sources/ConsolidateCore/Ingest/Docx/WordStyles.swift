/// The parts of `word/styles.xml` that change what a reader sees: numbering attached to
/// paragraph styles and character styles that hide text.
struct WordStyles: Sendable {
    struct Style: Sendable {
        let id: String
        /// `w:name`: built-in styles keep their English name whatever the id a localised Word gave them.
        let name: String?
        let type: String
        let basedOn: String?
        /// `w:pPr/w:numPr/w:numId` of the style itself.
        let numberingID: String?
        /// `w:pPr/w:numPr/w:ilvl` of the style itself.
        let numberingLevel: Int?
        /// `w:rPr/w:vanish` of the style itself.
        let hidden: Bool?
    }

    /// Numbering a paragraph takes from its style chain.
    struct InheritedNumbering: Equatable {
        var numberingID: String?
        var level: Int?
        /// The style in the chain that carries the `w:numId` (levels link back to it with `w:pStyle`).
        var linkedStyle: String?
    }

    let styles: [String: Style]
    /// The paragraph style used when a paragraph names none (`w:default="1"`).
    let defaultParagraphStyle: String?

    init(root: XMLElement?) {
        var styles: [String: Style] = [:]
        var defaultParagraphStyle: String?
        for element in root?.wordChildren("style") ?? [] {
            guard let id = element.attributes["styleId"] else { continue }
            let type = element.attributes["type"] ?? "paragraph"
            let numPr = element.wordChild("pPr")?.wordChild("numPr")
            let runProperties = element.wordChild("rPr")
            styles[id] = Style(
                id: id, name: element.wordValue("name"), type: type, basedOn: element.wordValue("basedOn"),
                numberingID: numPr?.wordValue("numId"),
                numberingLevel: numPr?.wordValue("ilvl").flatMap { Int($0) },
                hidden: runProperties?.wordChild("vanish") == nil ? nil : runProperties?.wordToggle("vanish"))
            if type == "paragraph", ["1", "true", "on"].contains(element.attributes["default"]?.lowercased() ?? "") {
                defaultParagraphStyle = id
            }
        }
        self.styles = styles
        self.defaultParagraphStyle = defaultParagraphStyle
    }

    /// The style id reported in `RawParagraph.style`: the canonical id of a built-in style
    /// (`Title`, `Heading1`) even where a Chinese Word wrote it as `a3` or `1`; else the id itself.
    func reportedID(for id: String?) -> String? {
        guard let id else { return nil }
        guard let name = styles[id]?.name?.lowercased() else { return id }
        if let canonical = Self.builtInIDs[name] { return canonical }
        if name.hasPrefix("heading "), let level = Int(name.dropFirst(8)), (1...9).contains(level) { return "Heading\(level)" }
        return id
    }

    private static let builtInIDs: [String: String] = [
        "title": "Title", "subtitle": "Subtitle", "normal": "Normal", "list paragraph": "ListParagraph",
        "body text": "BodyText", "body text indent": "BodyTextIndent", "quote": "Quote", "caption": "Caption",
        "header": "Header", "footer": "Footer", "footnote text": "FootnoteText", "toc heading": "TOCHeading",
    ]

    /// The style chain from `id` up through `w:basedOn`, cycles cut.
    func chain(from id: String?) -> [Style] {
        var result: [Style] = []
        var seen: Set<String> = []
        var current = id
        while let key = current, !seen.contains(key), let style = styles[key] {
            seen.insert(key)
            result.append(style)
            current = style.basedOn
        }
        return result
    }

    /// Numbering the style chain of `paragraphStyle` gives a paragraph: the nearest
    /// `w:numId` and the nearest `w:ilvl`, each looked up independently as Word does.
    func numbering(forParagraphStyle paragraphStyle: String?) -> InheritedNumbering {
        var inherited = InheritedNumbering()
        for style in chain(from: paragraphStyle ?? defaultParagraphStyle) {
            if inherited.numberingID == nil, let id = style.numberingID {
                inherited.numberingID = id
                inherited.linkedStyle = style.id
            }
            if inherited.level == nil, let level = style.numberingLevel { inherited.level = level }
        }
        return inherited
    }

    /// Whether a character style hides its text (`w:vanish` on it or on a style it is based on).
    func hidesText(characterStyle: String?) -> Bool {
        for style in chain(from: characterStyle) {
            if let hidden = style.hidden { return hidden }
        }
        return false
    }
}
