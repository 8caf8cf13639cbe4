import Foundation
import ZIPFoundation

/// A Word package (.docx) assembled from its XML parts, written as zip bytes.
///
/// The bytes depend only on the parts: every entry carries one fixed date, so
/// the same document always gives the same file (outputs are byte-identical
/// across runs, and test fixtures can be compared).
public struct OOXMLPackage: Sendable {
    /// Part path inside the package (`word/document.xml`) and its bytes, in writing order.
    public var parts: [(path: String, data: Data)]

    public init(parts: [(path: String, data: Data)] = []) {
        self.parts = parts
    }

    /// Adds a part written as UTF-8 text.
    public mutating func add(_ path: String, _ text: String) {
        parts.append((path, Data(text.utf8)))
    }

    /// A package with the three parts every Word document needs around `word/document.xml`,
    /// plus any of `word/numbering.xml`, `word/styles.xml` and others given in `extraParts`.
    public static func wordDocument(body documentXML: String,
                                    extraParts: [(path: String, contentType: String, relationshipType: String, xml: String)] = [])
        -> OOXMLPackage {
        var overrides = """
            <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
            """
        var relationships = ""
        for (index, part) in extraParts.enumerated() {
            overrides += "<Override PartName=\"/\(part.path)\" ContentType=\"\(part.contentType)\"/>"
            let target = part.path.hasPrefix("word/") ? String(part.path.dropFirst(5)) : part.path
            relationships += "<Relationship Id=\"rIdExtra\(index + 1)\" Type=\"\(part.relationshipType)\" Target=\"\(target)\"/>"
        }
        var package = OOXMLPackage()
        package.add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>\(overrides)</Types>
            """)
        package.add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """)
        package.add("word/_rels/document.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relationships)</Relationships>
            """)
        package.add("word/document.xml", documentXML)
        for part in extraParts { package.add(part.path, part.xml) }
        return package
    }

    /// The zip bytes of the package.
    public func zipData() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        // 1980-01-01, the earliest date a zip entry can carry; fixed so output is reproducible.
        let fixedDate = Date(timeIntervalSince1970: 315_532_800)
        for part in parts {
            let data = part.data
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: fixedDate, permissions: 0o644,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        guard let data = archive.data else {
            throw CocoaError(.fileWriteUnknown)
        }
        return data
    }
}

extension OOXMLPackage {
    /// Content type and relationship type of the numbering part.
    public static let numberingPart = (
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
        relationshipType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering")
    /// Content type and relationship type of the styles part.
    public static let stylesPart = (
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
        relationshipType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles")
}

extension OOXMLPackage {
    /// Content type and relationship type of the document settings part.
    public static let settingsPart = (
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
        relationshipType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings")
    /// Content type and relationship type of the font table part.
    public static let fontTablePart = (
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
        relationshipType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable")
    /// Content type and relationship type of a footer part.
    public static let footerPart = (
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
        relationshipType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer")
}
