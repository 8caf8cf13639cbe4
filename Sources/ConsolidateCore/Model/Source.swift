/// The file format of a submission as the reader recognised it from its bytes.
public enum SourceFormat: String, Codable, Sendable, Equatable {
    case docx
    case txt
    /// Word 97-2003, read through LibreOffice's conversion to .docx.
    case doc
    /// WPS Office's own format, read through LibreOffice's conversion to .docx.
    case wps
    /// A PDF's text layer, read through pdftotext.
    case pdf
}

/// Where a submission came from and how its bytes were read.
public struct SourceInfo: Codable, Sendable, Equatable, Hashable {
    /// The path as given to the tool (relative to the input folder in a run).
    public var path: String
    public var format: SourceFormat
    /// The text encoding of a .txt file (`utf-8`, `gb18030`, `utf-16le`, `utf-16be`); nil for .docx.
    public var encoding: String?
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String
    /// The tool that converted the file into a format the readers take (`LibreOffice (…)`), if any.
    public var convertedBy: String?

    public init(path: String, format: SourceFormat, encoding: String? = nil, sha256: String, convertedBy: String? = nil) {
        self.path = path
        self.format = format
        self.encoding = encoding
        self.sha256 = sha256
        self.convertedBy = convertedBy
    }
}

/// The part of a document a paragraph was read from.
///
/// Side channels are never mixed into the body silently: a reader tags every
/// paragraph so later stages can decide what to use.
public enum ParagraphOrigin: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case body
    case table
    case textBox = "text-box"
    case footnote
    case endnote
    case comment
    case header
    case footer
    case altChunk = "alt-chunk"

    /// Whether the paragraph belongs to the report's running text.
    public var isMainText: Bool {
        switch self {
        case .body, .table, .textBox: return true
        default: return false
        }
    }
}

/// Where a thing was found: the paragraph (1-based, in reading order) and its origin.
public struct SourceLocation: Codable, Sendable, Equatable, Hashable, Comparable {
    public var paragraph: Int
    public var origin: ParagraphOrigin

    public init(paragraph: Int, origin: ParagraphOrigin = .body) {
        self.paragraph = paragraph
        self.origin = origin
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.paragraph < rhs.paragraph
    }
}
