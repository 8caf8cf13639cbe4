import Foundation
import Testing
@testable import ConsolidateCore

/// .txt submissions in the encodings offices write.
@Suite struct IngestTextDecodingTests {
    static let text = "关于本季度党建工作的情况汇报\r\n一、组织学习十二次\r\n二、发展党员两名"

    private func read(_ bytes: Data, name: String = "单位.txt") throws(IngestError) -> RawDocument {
        try Ingest.read(bytes: bytes, displayPath: name, inputs: .default)
    }

    private func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> Data {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return Data(bytes)
    }

    private let lines = ["关于本季度党建工作的情况汇报", "一、组织学习十二次", "二、发展党员两名"]

    @Test func readsUTF8WithAndWithoutBOM() throws {
        let plain = try read(Data(Self.text.utf8))
        #expect(plain.source.encoding == "utf-8")
        #expect(plain.source.format == .txt)
        #expect(plain.paragraphs.map(\.text) == lines)
        let withBOM = try read(Data([0xEF, 0xBB, 0xBF]) + Data(Self.text.utf8))
        #expect(withBOM.paragraphs.map(\.text) == lines)
    }

    @Test func detectsGB18030() throws {
        let bytes = try #require(Self.text.data(using: String.Encoding(rawValue: 0x8000_0632)))
        let document = try read(bytes)
        #expect(document.source.encoding == "gb18030")
        #expect(document.paragraphs.map(\.text) == lines)
    }

    @Test func readsUTF16WithBOMInBothByteOrders() throws {
        let little = try read(utf16(Self.text, bigEndian: false, bom: true))
        #expect(little.source.encoding == "utf-16le")
        #expect(little.paragraphs.map(\.text) == lines)
        let big = try read(utf16(Self.text, bigEndian: true, bom: true))
        #expect(big.source.encoding == "utf-16be")
        #expect(big.paragraphs.map(\.text) == lines)
    }

    @Test func recognisesUTF16WithoutBOMBeforeRefusingNulBytes() throws {
        let little = try read(utf16(Self.text, bigEndian: false, bom: false))
        #expect(little.source.encoding == "utf-16le")
        #expect(little.paragraphs.map(\.text) == lines)
        let big = try read(utf16(Self.text, bigEndian: true, bom: false))
        #expect(big.source.encoding == "utf-16be")
        #expect(big.paragraphs.map(\.text) == lines)
    }

    @Test func recognisesChineseOnlyUTF16WithoutAnyZeroByte() throws {
        let document = try read(utf16("党建引领基层治理", bigEndian: false, bom: false))
        #expect(document.source.encoding == "utf-16le")
        #expect(document.paragraphs.map(\.text) == ["党建引领基层治理"])
        // 一 (U+4E00) brings a single zero byte: still UTF-16, not a stray NUL.
        let single = try read(utf16("党建第一", bigEndian: false, bom: false))
        #expect(single.paragraphs.map(\.text) == ["党建第一"])
    }

    @Test func splitsAtCRLFAndLoneCRAndKeepsLineNumbers() throws {
        let document = try read(Data("第一行\r\n\r\n第三行\r第四行\n　　第五行".utf8))
        #expect(document.paragraphs.map(\.text) == ["第一行", "第三行", "第四行", "　　第五行"])
        #expect(document.paragraphs.map(\.location.paragraph) == [1, 3, 4, 5])
    }

    @Test func refusesNulBytesNamingTheOffset() {
        let bytes = Data("党员大会".utf8) + Data([0x00]) + Data("三次".utf8)
        #expect(throws: IngestError.nulByte(path: "单位.txt", offset: 12)) { try read(bytes) }
        // Even length and mostly ASCII: read as UTF-16 it would be plausible Chinese, but one NUL is no UTF-16.
        let ascii = Data("Party branch meetings: 8".utf8) + Data([0x00]) + Data("3 sessions held".utf8)
        #expect(ascii.count % 2 == 0)
        #expect(throws: IngestError.nulByte(path: "单位.txt", offset: 24)) { try read(ascii) }
    }

    @Test func namesTheFirstUndecodableByte() {
        // Valid UTF-8 for nine bytes, then a byte that neither UTF-8 nor GB18030 accepts.
        let bytes = Data("支部书".utf8) + Data([0xFF, 0x41])
        #expect(throws: IngestError.undecodableText(path: "单位.txt", offset: 9)) { try read(bytes) }
        #expect(TextDecoding.firstInvalidUTF8(Array("ab".utf8) + [0xE4, 0xB8]) == 2)
        #expect(TextDecoding.firstInvalidGB18030([0x41, 0xD6, 0xD0, 0x80]) == 3)
    }

    @Test func reportsDamagedUTF8RatherThanReadingItAsGB18030() {
        var bytes = [UInt8]("基层党组织按期换届，党员教育管理规范有序。".utf8)
        bytes.remove(at: 13)  // the middle byte of the fifth character
        #expect(throws: IngestError.undecodableText(path: "单位.txt", offset: 12)) { try read(Data(bytes)) }
    }

    @Test func readsTextUnderAnUnfamiliarExtension() throws {
        let document = try read(Data("季度小结".utf8), name: "小结.text")
        #expect(document.paragraphs.map(\.text) == ["季度小结"])
    }
}
