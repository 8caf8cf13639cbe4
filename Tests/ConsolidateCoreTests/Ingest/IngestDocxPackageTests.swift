import Foundation
import Testing
@testable import ConsolidateCore

/// Hostile, damaged and mislabelled files are refused with a message the unit can act on.
@Suite struct IngestDocxPackageTests {
    typealias F = DocxFixture

    static let sample = F.docx(body: F.paragraph("支部按期召开组织生活会") + F.paragraph("党员参学率达到百分之百"))

    /// Overwrites a 4-byte little-endian field of the local and central headers of `entry`.
    static func patch(_ zip: Data, entry: String, localOffset: Int, centralOffset: Int, value: UInt32) -> Data {
        var bytes = [UInt8](zip)
        let name = Array(entry.utf8)
        func write(at position: Int) {
            for index in 0..<4 { bytes[position + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
        }
        var index = 0
        while index + 46 < bytes.count {
            if bytes[index..<index + 4].elementsEqual([0x50, 0x4B, 0x03, 0x04]),
               bytes[(index + 30)...].starts(with: name) {
                write(at: index + localOffset)
            }
            if bytes[index..<index + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]),
               bytes[(index + 46)...].starts(with: name) {
                write(at: index + centralOffset)
            }
            index += 1
        }
        return Data(bytes)
    }

    @Test func readsAWellFormedPackage() throws {
        let document = try F.read(Self.sample)
        #expect(document.paragraphs.map(\.text) == ["支部按期召开组织生活会", "党员参学率达到百分之百"])
        #expect(document.source.sha256.count == 64)
    }

    @Test func findsTheMainPartThroughPackageRelationshipsAndReadsStrictOOXML() throws {
        let strict = "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><w:body>"
            + F.paragraph("严格格式的正文") + "</w:body></w:document>"
        var package = OOXMLPackage()
        package.add("_rels/.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" \
            Target="/content/main.xml"/></Relationships>
            """)
        package.add("content/main.xml", strict)
        let document = try F.read(package.zipData())
        #expect(document.paragraphs.map(\.text) == ["严格格式的正文"])
    }

    @Test func namespacesAreToldByTheirWholeURI() {
        func namespace(_ uri: String?) -> XMLNamespace {
            guard let uri else { return XMLNamespace(cString: nil) }
            return Array(uri.utf8CString).withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: UInt8.self) { XMLNamespace(cString: $0.baseAddress) }
            }
        }
        #expect(namespace("http://schemas.openxmlformats.org/wordprocessingml/2006/main") == .word)
        #expect(namespace("http://purl.oclc.org/ooxml/wordprocessingml/main") == .word)
        #expect(namespace("http://schemas.openxmlformats.org/markup-compatibility/2006") == .markupCompatibility)
        #expect(namespace("http://schemas.openxmlformats.org/officeDocument/2006/math") == .math)
        #expect(namespace("http://purl.oclc.org/ooxml/officeDocument/math") == .math)
        #expect(namespace("http://schemas.openxmlformats.org/package/2006/relationships") == .relationships)
        // A prefix, a longer URI, another case, nothing: none of them.
        #expect(namespace("http://schemas.openxmlformats.org/wordprocessingml/2006") == .other)
        #expect(namespace("http://schemas.openxmlformats.org/wordprocessingml/2006/main/") == .other)
        #expect(namespace("HTTP://schemas.openxmlformats.org/wordprocessingml/2006/main") == .other)
        #expect(namespace("") == .other)
        #expect(namespace(nil) == .other)
    }

    @Test func acceptsMacroEnabledAndTemplateNames() throws {
        #expect(try F.read(Self.sample, name: "汇报.docm").paragraphs.count == 2)
        #expect(try F.read(Self.sample, name: "汇报.DOTX").paragraphs.count == 2)
    }

    static let large = F.docx(body: String(repeating: F.paragraph("重复的段落内容用于撑大解压后的体积"), count: 400))

    @Test func rejectsZipEntryDeclaredPastTheLimit() {
        var inputs = PipelineConfiguration.Inputs.default
        inputs.maxEntryBytes = 4096
        #expect(throws: IngestError.entryTooLarge(path: "单位汇报.docx", entry: "word/document.xml", limit: 4096)) {
            try F.read(Self.large, inputs: inputs)
        }
    }

    @Test func rejectsZipEntryWhoseInflationPassesTheLimitDespiteItsDeclaredSize() throws {
        let lying = IngestDocxPackageTests.patch(Self.large, entry: "word/document.xml", localOffset: 22, centralOffset: 24, value: 100)
        var inputs = PipelineConfiguration.Inputs.default
        inputs.maxEntryBytes = 4096
        #expect(throws: IngestError.entryTooLarge(path: "单位汇报.docx", entry: "word/document.xml", limit: 4096)) {
            try F.read(lying, inputs: inputs)
        }
    }

    @Test func boundsTheSumOfInflatedPartsByTheEntryLimit() throws {
        // Five headers of 1.5 KB each: every one under the 4 KB limit, together over it.
        let header = (1...5).map { F.headerPart(String(repeating: F.paragraph("页眉文字"), count: 12), number: $0) }
        let references = (1...5).map { "<w:headerReference w:type=\"default\" r:id=\"rIdExtra\($0)\"/>" }.joined()
        var inputs = PipelineConfiguration.Inputs.default
        inputs.maxEntryBytes = 4096
        let bytes = F.docx(body: F.paragraph("正文") + "<w:sectPr>\(references)</w:sectPr>", parts: header)
        #expect(throws: IngestError.self) { try F.read(bytes, inputs: inputs) }
        #expect(try F.read(bytes).paragraphs.count == 61)
    }

    @Test func rejectsEntryWithCorruptedChecksum() {
        let corrupted = IngestDocxPackageTests.patch(Self.sample, entry: "word/document.xml", localOffset: 14, centralOffset: 16, value: 0xDEAD_BEEF)
        #expect(throws: IngestError.corruptedEntry(path: "单位汇报.docx", entry: "word/document.xml")) {
            try F.read(corrupted)
        }
    }

    @Test func rejectsXMLNestedDeeperThanTheLimit() {
        var inputs = PipelineConfiguration.Inputs.default
        inputs.maxXMLDepth = 12
        let deep = String(repeating: "<w:sdt><w:sdtContent>", count: 8) + F.paragraph("深") + String(repeating: "</w:sdtContent></w:sdt>", count: 8)
        #expect(throws: IngestError.xmlTooDeep(path: "单位汇报.docx", part: "word/document.xml", limit: 12)) {
            try F.read(F.docx(body: deep), inputs: inputs)
        }
    }

    @Test func refusesDocumentTypeDeclarations() throws {
        var package = OOXMLPackage.wordDocument(body: "")
        package.parts = package.parts.map { part in
            part.path == "word/document.xml"
                ? (part.path, Data("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x \"爆\">]><w:document \(F.namespaces)><w:body>\(F.paragraph("&x;"))</w:body></w:document>".utf8))
                : part
        }
        #expect(throws: IngestError.malformedXML(path: "单位汇报.docx", part: "word/document.xml", line: 1)) {
            try F.read(package.zipData())
        }
    }

    /// The inputs of a machine without LibreOffice and poppler.
    static let withoutConverters: PipelineConfiguration.Inputs = {
        var inputs = PipelineConfiguration.Inputs.default
        inputs.converters.libreOffice = ""
        inputs.converters.pdfToText = ""
        return inputs
    }()

    @Test func quarantinesLegacyDocAndWpsWhereNothingConvertsThem() {
        var ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(repeating: 0, count: 504)
        ole += Data("WordDocument".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let inputs = Self.withoutConverters
        #expect(throws: IngestError.legacyDocument(path: "旧格式.doc", kind: .word97)) {
            try F.read(ole, name: "旧格式.doc", inputs: inputs)
        }
        #expect(throws: IngestError.legacyDocument(path: "旧格式.docx", kind: .word97)) {
            try F.read(ole, name: "旧格式.docx", inputs: inputs)
        }
        #expect(throws: IngestError.legacyDocument(path: "金山.wps", kind: .wps)) {
            try F.read(ole, name: "金山.wps", inputs: inputs)
        }
        let message = IngestError.legacyDocument(path: "旧格式.doc", kind: .word97).description
        #expect(message.contains("旧格式.doc") && message.contains(".docx"))
    }

    @Test func recognisesPasswordProtectedDocx() {
        var ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(repeating: 0, count: 504)
        ole += Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(throws: IngestError.encryptedDocument(path: "加密.docx")) { try F.read(ole, name: "加密.docx") }
    }

    @Test func rejectsBytesThatDoNotMatchTheName() throws {
        #expect(throws: IngestError.brokenDocx(path: "假的.docx", reason: "文件内容不是 Word 文档应有的 zip 压缩格式")) {
            try F.read(Data("一段文字".utf8), name: "假的.docx")
        }
        #expect(throws: IngestError.mismatchedExtension(path: "改名.txt", named: "纯文本文件（.txt）", actual: "Word 文档（.docx）")) {
            try F.read(Self.sample, name: "改名.txt")
        }
        var package = OOXMLPackage()
        package.add("content.xml", "<office/>")
        #expect(throws: IngestError.brokenDocx(path: "空包.docx", reason: "压缩包中没有 word/document.xml 正文部件")) {
            try F.read(package.zipData(), name: "空包.docx")
        }
        #expect(throws: IngestError.unsupportedFormat(path: "表格.pdf", detected: "PDF 文件（本机没有可读取 PDF 文字的 pdftotext）")) {
            try F.read(Data("%PDF-1.7".utf8), name: "表格.pdf", inputs: Self.withoutConverters)
        }
    }

    @Test func rejectsFilesOverTheSizeLimitAndEmptyFiles() {
        var inputs = PipelineConfiguration.Inputs.default
        inputs.maxFileBytes = 10
        #expect(throws: IngestError.tooLarge(path: "大.txt", bytes: 12, limit: 10)) {
            try Ingest.read(bytes: Data("党建工作".utf8), displayPath: "大.txt", inputs: inputs)
        }
        #expect(throws: IngestError.empty(path: "空.txt")) {
            try Ingest.read(bytes: Data("\r\n  \n".utf8), displayPath: "空.txt", inputs: .default)
        }
        #expect(throws: IngestError.empty(path: "空.docx")) { try F.read(F.docx(body: "<w:p/>"), name: "空.docx") }
    }

    @Test func readsFromAFileURL() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString).docx")
        try Self.sample.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let document = try Ingest.read(url, displayPath: "样例/单位.docx", inputs: .default)
        #expect(document.source.path == "样例/单位.docx")
        #expect(document.paragraphs.count == 2)
    }

    @Test func readsNestingUpToTheDepthLimitInsideATask() async throws {
        // 120 content controls make 240 levels under w:body, close to the default limit of 256;
        // the recursive walkers must fit in a task's stack.
        let deep = String(repeating: "<w:sdt><w:sdtContent>", count: 120) + F.paragraph("深处的段落")
            + String(repeating: "</w:sdtContent></w:sdt>", count: 120)
        let bytes = F.docx(body: deep)
        let texts = await Task.detached { (try? DocxFixture.read(bytes).paragraphs.map(\.text)) ?? [] }.value
        #expect(texts == ["深处的段落"])
    }

    @Test func readsConcurrentlyFromSeveralTasks() async throws {
        let sample = Self.sample
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (try? DocxFixture.read(sample).paragraphs.count) ?? -1 }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 2, count: 8))
    }
}

/// The parsed tree's attributes: by local name, each once, a WordprocessingML one over a foreign one.
@Suite struct XMLTreeAttributeTests {
    static let word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    @Test func attributesAreFoundByLocalNameAndTheWordOneWinsOverAForeignOne() throws {
        let xml = "<w:r xmlns:w=\"\(Self.word)\" xmlns:o=\"urn:other\">"
            + "<w:fldChar o:type=\"foreign\" w:fldCharType=\"begin\" w:type=\"word\"/>"
            + "<w:x w:id=\"1\" o:id=\"2\"/><w:y o:id=\"3\" w:val=\"zh-CN\"/></w:r>"
        let root = try XMLTreeParser(maxDepth: 16).parse(Data(xml.utf8))
        let children = root.elements
        #expect(children.map(\.name) == ["fldChar", "x", "y"])
        #expect(children[0].attributes["fldCharType"] == "begin")
        #expect(children[0].attributes["type"] == "word")
        #expect(children[0].attributes.count == 2)
        // The Word attribute came first and stays; the foreign one after it does not replace it.
        #expect(children[1].attributes["id"] == "1")
        #expect(children[2].attributes["id"] == "3")
        #expect(children[2].attributes["val"] == "zh-CN")
        #expect(children[1].attributes["val"] == nil)
        #expect(root.attributes.isEmpty)
    }

    @Test func onlyTheAttributesTheReaderReadsAreKept() throws {
        // Word's revision ids and paragraph ids, a language, a font for Chinese: never read, not kept.
        let xml = "<w:p xmlns:w=\"\(Self.word)\" xmlns:w14=\"urn:w14\" w14:paraId=\"1A2B3C4D\" w:rsidR=\"00AB12CD\">"
            + "<w:r w:rsidRPr=\"00AB12CD\"><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"仿宋\" "
            + "w:hAnsi=\"Arial\" w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">文字</w:t></w:r></w:p>"
        let paragraph = try XMLTreeParser(maxDepth: 16).parse(Data(xml.utf8))
        #expect(paragraph.attributes.isEmpty)
        let run = try #require(paragraph.wordChild("r"))
        #expect(run.attributes.isEmpty)
        let fonts = try #require(run.wordChild("rPr")?.wordChild("rFonts"))
        #expect(fonts.attributes == ["ascii": "Times New Roman", "hAnsi": "Arial"])
        #expect(run.wordChild("t")?.text == "文字")
        let bytesContained = { (set: XMLNameSet, name: String) in
            name.withCString { set.contains(UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        }
        for name in ["rsidR", "paraId", "eastAsia", "hint", "space", "lang", "", "valx", "va"] {
            #expect(!XMLAttributes.readNames.contains(name))
            #expect(!bytesContained(XMLAttributes.readNames, name), "\(name)")
        }
        for name in XMLAttributes.readNames.names {
            #expect(bytesContained(XMLAttributes.readNames, name), "\(name)")
        }
        for name in XMLTreeParser.skipped.names {
            #expect(bytesContained(XMLTreeParser.skipped, name), "\(name)")
            #expect(!bytesContained(XMLTreeParser.skipped, name + "s"), "\(name)s")
        }
    }

    @Test func elementsTheReaderNeverReadsAreNotBuiltButStillCounted() throws {
        let xml = "<w:styles xmlns:w=\"\(Self.word)\"><w:latentStyles w:count=\"2\">"
            + "<w:lsdException w:name=\"Normal\"/><w:lsdException w:name=\"heading 1\"/></w:latentStyles>"
            + "<w:style w:styleId=\"a\"><w:rPr><w:kern w:val=\"0\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
            + "<w:lang w:val=\"en-US\"/></w:rPr></w:style>"
            + "<w:p><w:r><w:t>前</w:t></w:r><w:proofErr w:type=\"gramStart\"/><w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/>"
            + "<w:bookmarkEnd w:id=\"0\"/><w:r><w:t>后</w:t></w:r><w:proofErr w:type=\"gramEnd\"/></w:p></w:styles>"
        let root = try XMLTreeParser(maxDepth: 16).parse(Data(xml.utf8))
        #expect(root.elements.map(\.name) == ["style", "p"])
        #expect(root.wordChild("style")?.wordChild("rPr")?.elements.map(\.name) == ["sz"])
        #expect(root.wordChild("p")?.elements.map(\.name) == ["r", "r"])
        // The budget still counts every element: a flood of skipped ones is refused as any other.
        let flood = "<w:p xmlns:w=\"\(Self.word)\">" + String(repeating: "<w:proofErr/>", count: 50) + "</w:p>"
        #expect(throws: XMLTreeParser.Failure.tooManyElements(limit: 20)) {
            try XMLTreeParser(maxDepth: 16, budget: DocumentBudget(bytes: 1 << 20, elements: 20)).parse(Data(flood.utf8))
        }
    }

    @Test func anElementWithThousandsOfAttributesKeepsEachNameOnceAsAFewWould() throws {
        // Past a few, names are found by a dictionary: the same result, in linear time. The read
        // names come in many namespaces; the unread thousands are dropped.
        let many = (0..<5000).map { "o:a\($0)=\"v\($0)\"" }.joined(separator: " ")
        let foreign = (0..<200).map { "xmlns:n\($0)=\"urn:n\($0)\" n\($0):val=\"\($0)\"" }.joined(separator: " ")
        let xml = "<w:r xmlns:w=\"\(Self.word)\" xmlns:o=\"urn:other\">"
            + "<w:x o:id=\"foreign\" \(many) \(foreign) w:id=\"word\" o:val=\"1\" w:val=\"2\"/></w:r>"
        let element = try XMLTreeParser(maxDepth: 16).parse(Data(xml.utf8)).elements[0]
        #expect(element.attributes.count == 2)
        #expect(element.attributes["id"] == "word")
        #expect(element.attributes["val"] == "2")
    }

    @Test func attributesCompareAsADictionaryWouldInAnyOrder() {
        let a: XMLAttributes = ["val": "1", "id": "x"]
        let b: XMLAttributes = ["id": "x", "val": "1"]
        #expect(a == b)
        #expect(a != ["val": "1"])
        #expect(a != ["val": "2", "id": "x"])
        var c = a
        c["val"] = nil
        #expect(c == ["id": "x"])
        c["id"] = "y"
        #expect(c["id"] == "y" && c.count == 1)
    }
}
