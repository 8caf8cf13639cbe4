import Foundation
@testable import ConsolidateCore

/// Small .docx files for tests, written part by part as OOXML so that each test shows
/// exactly the markup it is about.
enum DocxFixture {
    static let namespaces = """
        xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" \
        xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
        xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
        xmlns:v="urn:schemas-microsoft-com:vml" \
        xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" \
        mc:Ignorable="wps"
        """

    /// A side part of the package: path, content type, relationship type, XML.
    typealias Part = (path: String, contentType: String, relationshipType: String, xml: String)

    /// The zip bytes of a document whose `w:body` holds `body`.
    static func docx(body: String, numbering: String? = nil, styles: String? = nil, parts: [Part] = []) -> Data {
        var extra: [Part] = []
        if let numbering {
            extra.append((path: "word/numbering.xml", contentType: OOXMLPackage.numberingPart.contentType,
                          relationshipType: OOXMLPackage.numberingPart.relationshipType, xml: numberingXML(numbering)))
        }
        if let styles {
            extra.append((path: "word/styles.xml", contentType: OOXMLPackage.stylesPart.contentType,
                          relationshipType: OOXMLPackage.stylesPart.relationshipType, xml: stylesXML(styles)))
        }
        extra += parts
        let package = OOXMLPackage.wordDocument(body: documentXML(body), extraParts: extra)
        return try! package.zipData()
    }

    /// The relationship id `OOXMLPackage.wordDocument` gives the n-th (1-based) extra part.
    static func relationshipID(ofExtraPart position: Int) -> String { "rIdExtra\(position)" }

    static func documentXML(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document \(namespaces)><w:body>\(body)</w:body></w:document>
        """
    }

    static func numberingXML(_ content: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:numbering \(namespaces)>\(content)</w:numbering>"
    }

    static func stylesXML(_ content: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:styles \(namespaces)>\(content)</w:styles>"
    }

    /// `<w:p>` with one run of `text` (escaped), optionally numbered or styled.
    static func paragraph(_ text: String, numID: Int? = nil, level: Int? = nil, style: String? = nil) -> String {
        var properties = ""
        if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
        if numID != nil || level != nil {
            properties += "<w:numPr>"
            if let level { properties += "<w:ilvl w:val=\"\(level)\"/>" }
            if let numID { properties += "<w:numId w:val=\"\(numID)\"/>" }
            properties += "</w:numPr>"
        }
        let pPr = properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>"
        return "<w:p>\(pPr)\(run(text))</w:p>"
    }

    /// `<w:r>` holding `text` as `w:t` (whitespace preserved).
    static func run(_ text: String) -> String {
        "<w:r><w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r>"
    }

    /// One `w:lvl`.
    static func level(_ index: Int, format: String, text: String, start: Int = 1, suffix: String? = nil,
                      extra: String = "") -> String {
        let suff = suffix.map { "<w:suff w:val=\"\($0)\"/>" } ?? ""
        return """
            <w:lvl w:ilvl="\(index)"><w:start w:val="\(start)"/><w:numFmt w:val="\(format)"/>\(suff)\
            <w:lvlText w:val="\(escape(text))"/>\(extra)</w:lvl>
            """
    }

    /// `w:abstractNum` with these levels and a `w:num` pointing at it.
    static func list(abstractID: Int, numIDs: [Int], levels: [String]) -> String {
        "<w:abstractNum w:abstractNumId=\"\(abstractID)\">\(levels.joined())</w:abstractNum>"
            + numIDs.map { "<w:num w:numId=\"\($0)\"><w:abstractNumId w:val=\"\(abstractID)\"/></w:num>" }.joined()
    }

    static func footnotesPart(_ footnotes: String) -> Part {
        (path: "word/footnotes.xml",
         contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
         relationshipType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
         xml: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes \(namespaces)>\(footnotes)</w:footnotes>")
    }

    static func commentsPart(_ comments: String) -> Part {
        (path: "word/comments.xml",
         contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
         relationshipType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
         xml: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:comments \(namespaces)>\(comments)</w:comments>")
    }

    static func headerPart(_ body: String, number: Int = 1) -> Part {
        (path: "word/header\(number).xml",
         contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
         relationshipType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
         xml: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:hdr \(namespaces)>\(body)</w:hdr>")
    }

    static func footerPart(_ body: String, number: Int = 1) -> Part {
        (path: "word/footer\(number).xml",
         contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
         relationshipType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
         xml: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:ftr \(namespaces)>\(body)</w:ftr>")
    }

    static func altChunkPart(path: String, contentType: String, content: String) -> Part {
        (path: path, contentType: contentType,
         relationshipType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk",
         xml: content)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Reads fixture bytes with the default limits under a .docx name.
    static func read(_ bytes: Data, name: String = "单位汇报.docx",
                     inputs: PipelineConfiguration.Inputs = .default) throws(IngestError) -> RawDocument {
        try Ingest.read(bytes: bytes, displayPath: name, inputs: inputs)
    }
}
