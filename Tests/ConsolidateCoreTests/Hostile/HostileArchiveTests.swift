import Foundation
import Testing
@testable import ConsolidateCore

/// Zip tricks no zip tool writes are refused before anything is inflated: entries whose data
/// overlap (the overlapping zip bomb) and entry names that climb out of the package.
@Suite struct HostileArchiveTests {
    static let body = DocxFixture.paragraph("青川区测试局2024年第二季度党建工作汇报") + DocxFixture.paragraph("组织党员开展集中学习。")

    /// A zip whose every central record points at one local file of `size` inflated bytes.
    static func overlapping(names: [String], size: Int) -> Data {
        let inner = OOXMLPackage(parts: [("word/document.xml", Data(repeating: 0x20, count: size))])
        let single = try! inner.zipData()
        // The one local file of the single-entry zip: from 0 to its central directory.
        let centralStart = Int(single.uint32LE(at: single.count - 22 + 16))
        let centralRecord = single[centralStart..<(single.count - 22)]
        var central = Data()
        for name in names {
            var record = Data(centralRecord.prefix(46))
            record.replaceSubrange(28..<30, with: [UInt8(name.utf8.count & 0xFF), UInt8(name.utf8.count >> 8)])
            record.replaceSubrange(30..<34, with: [0, 0, 0, 0])
            record += Data(name.utf8)
            central += record
        }
        var end = Data([0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0])
        end += [UInt8(names.count & 0xFF), UInt8(names.count >> 8), UInt8(names.count & 0xFF), UInt8(names.count >> 8)]
        end += Data.uint32LE(UInt32(central.count)) + Data.uint32LE(UInt32(centralStart)) + [0, 0]
        return single.prefix(centralStart) + central + end
    }

    @Test func entriesSharingOneLocalFileAreRefusedAsOverlapping() {
        let names = ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml"]
        #expect {
            try DocxFixture.read(Self.overlapping(names: names, size: 1_000_000))
        } throws: { error in
            guard case let IngestError.brokenDocx(path, reason)? = error as? IngestError else { return false }
            return path == "单位汇报.docx" && reason.contains("重叠") && reason.contains("压缩炸弹")
        }
    }

    @Test func entryNamedWithParentStepsIsRefusedNamingTheEntry() throws {
        var package = OOXMLPackage.wordDocument(body: DocxFixture.documentXML(Self.body))
        package.add("../../outside/evil.xml", "<x/>")
        #expect {
            try DocxFixture.read(try package.zipData())
        } throws: { error in
            guard case let IngestError.brokenDocx(_, reason)? = error as? IngestError else { return false }
            return reason.contains("../../outside/evil.xml") && reason.contains("文档之外")
        }
    }

    @Test func absoluteAndDriveNamesAreUnsafeButOrdinaryPartNamesAreNot() {
        #expect(DocxArchive.isUnsafe("/etc/passwd"))
        #expect(DocxArchive.isUnsafe("C:/Windows/x.xml"))
        #expect(DocxArchive.isUnsafe("word\\..\\x.xml"))
        #expect(DocxArchive.isUnsafe("word/../../x.xml"))
        #expect(!DocxArchive.isUnsafe("word/document.xml"))
        #expect(!DocxArchive.isUnsafe("[Content_Types].xml"))
        #expect(!DocxArchive.isUnsafe("word/media/image..png"))
    }

    @Test func ordinaryPackageWithManyPartsIsStillRead() throws {
        var package = OOXMLPackage.wordDocument(body: DocxFixture.documentXML(Self.body))
        for index in 1...20 { package.add("customXml/item\(index).xml", "<item>\(index)</item>") }
        let document = try DocxFixture.read(try package.zipData())
        #expect(document.paragraphs.map(\.text).contains("组织党员开展集中学习。"))
    }

    @Test func crcByZlibMatchesTheKnownValue() {
        // The CRC-32 of "123456789" is CBF43926 in every implementation.
        #expect(DocxArchive.crc32(of: Data("123456789".utf8), continuing: 0) == 0xCBF4_3926)
        let split = DocxArchive.crc32(of: Data("56789".utf8), continuing: DocxArchive.crc32(of: Data("1234".utf8), continuing: 0))
        #expect(split == 0xCBF4_3926)
    }
}

private extension Data {
    func uint32LE(at offset: Int) -> UInt32 {
        let base = startIndex + offset
        return UInt32(self[base]) | UInt32(self[base + 1]) << 8 | UInt32(self[base + 2]) << 16 | UInt32(self[base + 3]) << 24
    }

    static func uint32LE(_ value: UInt32) -> Data {
        Data([UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)])
    }
}
