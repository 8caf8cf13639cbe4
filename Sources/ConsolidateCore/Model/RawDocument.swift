/// One paragraph as a reader of the file shows it.
public struct RawParagraph: Codable, Sendable, Equatable {
    /// Automatic numbering rendered as Word shows it, including its suffix
    /// (`一、`, `（二）`, `3.` followed by a tab or space); empty when the
    /// paragraph has none. A number the author typed stays in `text`.
    public var number: String
    /// The paragraph's text: runs joined, tabs and line breaks kept as `\t` and `\n`.
    public var text: String
    public var location: SourceLocation
    /// The paragraph's style id where the format has styles (`Heading1`, `Title`).
    public var style: String?

    public init(number: String = "", text: String, location: SourceLocation, style: String? = nil) {
        self.number = number
        self.text = text
        self.location = location
        self.style = style
    }

    /// What a person reading the document sees: the number, then the text.
    public var displayText: String { number + text }
}

/// A submission read into paragraphs: the output of the Ingest stage.
public struct RawDocument: Codable, Sendable, Equatable {
    public var source: SourceInfo
    public var paragraphs: [RawParagraph]
    /// Facts about the reading a user should know (a converted legacy file, a skipped part).
    public var notes: [String]

    public init(source: SourceInfo, paragraphs: [RawParagraph], notes: [String] = []) {
        self.source = source
        self.paragraphs = paragraphs
        self.notes = notes
    }
}
