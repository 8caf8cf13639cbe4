import Foundation
@testable import ConsolidateCore

/// Generated inputs of any size for the robustness tests and for measuring time by hand:
/// no binary fixtures, the same bytes every time.
///
/// `CONSOLIDATE_HOSTILE_OUT=DIR swift test --filter writesHostileInputsForMeasurement` writes
/// them at 1×, 2× and 4× sizes into DIR, for `/usr/bin/time -v consolidate extract FILE`.
enum HostileInputs {
    /// A clause that never ends a sentence: lines of it are rejoined, and it holds no count.
    static let clause = "各党支部围绕理论武装深化认识，结合岗位实际谈体会，"

    /// A .txt report whose body is one sentence hard-wrapped into `lines` lines of 18 characters.
    static func wrappedLines(_ lines: Int) -> String {
        let line = "开展结对帮扶活动，深入困难党员家中走"
        return "青川区测试局党建工作汇报\n一、主要工作\n"
            + Array(repeating: line, count: lines).joined(separator: "\n") + "。\n"
    }

    /// A paragraph of about `bytes` UTF-8 bytes, one unbroken sentence.
    static func longParagraph(bytes: Int) -> String {
        let clauseBytes = clause.utf8.count
        return String(repeating: clause, count: max(1, bytes / clauseBytes)) + "。"
    }

    /// A .docx whose one body paragraph of about `bytes` bytes stands in a single `w:t`.
    static func singleRunDocx(bytes: Int) -> Data {
        let text = longParagraph(bytes: bytes)
        return DocxFixture.docx(body: DocxFixture.paragraph("青川区测试局党建工作汇报") + "<w:p><w:r><w:t>\(text)</w:t></w:r></w:p>")
    }

    /// A .docx embedding `chunks` .docx documents as `w:altChunk`s, each inflating to about
    /// `bytes` bytes: small on disk (the inner documents compress well), large once read.
    static func nestedBomb(chunks: Int, bytes: Int) -> Data {
        let inner = singleRunDocx(bytes: bytes)
        let parts = (1...chunks).map { index in
            DocxFixture.altChunkPart(path: "word/chunk\(index).docx",
                                     contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                     content: "")
        }
        let body = DocxFixture.paragraph("青川区测试局党建工作汇报") + DocxFixture.paragraph("正文一段。")
            + (1...chunks).map { "<w:altChunk r:id=\"\(DocxFixture.relationshipID(ofExtraPart: $0))\"/>" }.joined()
        var package = OOXMLPackage.wordDocument(body: DocxFixture.documentXML(body), extraParts: parts)
        package.parts = package.parts.map { part in
            part.path.hasSuffix(".docx") ? (part.path, inner) : part
        }
        return try! package.zipData()
    }
}
