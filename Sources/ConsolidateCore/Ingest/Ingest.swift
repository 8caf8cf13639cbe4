import Foundation

/// The Ingest stage: a submission's bytes into paragraphs as a person reading it sees them.
///
/// - .docx (.docm, .dotx): the body in reading order (tables cell by cell, text boxes after
///   the paragraph that anchors them), Word's automatic numbers rendered into
///   `RawParagraph.number`, revisions accepted, fields read as their results; then footnotes,
///   endnotes, comments, headers, footers and alternative-format chunks, each tagged.
/// - .txt: UTF-8, GB18030/GBK or UTF-16 (with or without BOM), one paragraph per line.
/// - Anything else, or bytes that contradict the name (a .doc renamed .docx, a .docx renamed
///   .txt, a zip without a document), is refused with an `IngestError` that tells the unit
///   how to resubmit. Safe on several threads at once; nothing is shared between readings.
public enum Ingest {
    /// Reads the file at `url`. `displayPath` is the path named in the report and in errors.
    public static func read(_ url: URL, displayPath: String,
                            inputs: PipelineConfiguration.Inputs) throws(IngestError) -> RawDocument {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: displayPath, reason: error.localizedDescription)
        }
        return try read(bytes: bytes, displayPath: displayPath, inputs: inputs)
    }

    /// Reads a submission from its bytes; the format comes from the bytes, the name only confirms it.
    public static func read(bytes: Data, displayPath: String,
                            inputs: PipelineConfiguration.Inputs) throws(IngestError) -> RawDocument {
        guard bytes.count <= inputs.maxFileBytes else {
            throw .tooLarge(path: displayPath, bytes: bytes.count, limit: inputs.maxFileBytes)
        }
        guard !bytes.isEmpty else { throw .empty(path: displayPath) }
        let sha = Fingerprint.sha256(bytes)
        let named = FormatSniffer.namedKind(of: displayPath)
        let document: RawDocument
        switch FormatSniffer.signature(of: bytes) {
        case .zip:
            document = try readZip(bytes, named: named, path: displayPath, sha: sha, inputs: inputs)
        case .compoundFile:
            let compound = FormatSniffer.compoundFileKind(of: bytes, named: named)
            if compound.encrypted { throw .encryptedDocument(path: displayPath) }
            guard compound.kind != .other else { throw .legacyDocument(path: displayPath, kind: compound.kind) }
            document = try readConverted(bytes, kind: compound.kind, path: displayPath, sha: sha, inputs: inputs)
        case .pdf:
            document = try readPDF(bytes, path: displayPath, sha: sha, inputs: inputs)
        case .rtf:
            throw .unsupportedFormat(path: displayPath, detected: "RTF 格式的文档")
        case .other:
            switch named {
            case .docx:
                throw .brokenDocx(path: displayPath, reason: "文件内容不是 Word 文档应有的 zip 压缩格式")
            case .doc:
                throw .mismatchedExtension(path: displayPath, named: LegacyDocumentKind.word97.description,
                                           actual: "纯文本或网页文件")
            case .wps:
                throw .mismatchedExtension(path: displayPath, named: LegacyDocumentKind.wps.description,
                                           actual: "纯文本或网页文件")
            case .txt, .other:
                let decoded = try TextDecoding.decode(bytes, path: displayPath)
                let source = SourceInfo(path: displayPath, format: .txt, encoding: decoded.encoding, sha256: sha)
                document = RawDocument(source: source, paragraphs: TextDecoding.paragraphs(decoded.text))
            }
        }
        guard !document.paragraphs.isEmpty else { throw .empty(path: displayPath) }
        return document
    }

    /// A Word 97-2003 or WPS file converted to .docx by LibreOffice and read as one; where
    /// LibreOffice is not installed, the advice to re-save it.
    private static func readConverted(_ bytes: Data, kind: LegacyDocumentKind, path: String, sha: String,
                                      inputs: PipelineConfiguration.Inputs) throws(IngestError) -> RawDocument {
        let converter = DocumentConverter(settings: inputs.converters)
        let converted: DocumentConverter.Output
        do {
            converted = try converter.officeToDocx(bytes, fileExtension: kind == .wps ? "wps" : "doc",
                                                   maxBytes: inputs.maxFileBytes)
        } catch .toolMissing {
            throw .legacyDocument(path: path, kind: kind)
        } catch {
            throw .conversionFailed(path: path, tool: "LibreOffice", reason: error.reason)
        }
        var document = try readZip(converted.bytes, named: .docx, path: path, sha: sha, inputs: inputs)
        document.source = SourceInfo(path: path, format: kind == .wps ? .wps : .doc, sha256: sha,
                                     convertedBy: converted.tool)
        document.notes.append("本文件为\(kind.description)，已用 LibreOffice 转换为 .docx 后读取，请核对版式复杂处（表格、文本框）。")
        return document
    }

    /// A PDF's text layer, through pdftotext, without running headers, footers and page numbers.
    private static func readPDF(_ bytes: Data, path: String, sha: String,
                                inputs: PipelineConfiguration.Inputs) throws(IngestError) -> RawDocument {
        let converted: DocumentConverter.Output
        do {
            converted = try DocumentConverter(settings: inputs.converters).pdfText(bytes, maxBytes: inputs.maxFileBytes)
        } catch .toolMissing {
            throw .unsupportedFormat(path: path, detected: "PDF 文件（本机没有可读取 PDF 文字的 pdftotext）")
        } catch {
            throw .conversionFailed(path: path, tool: "pdftotext（读取 PDF 文字）", reason: error.reason)
        }
        let text = String(decoding: converted.bytes, as: UTF8.self)
        let pages = PDFText.pages(text)
        guard PDFText.hasTextLayer(pages) else { throw .scannedPDF(path: path) }
        let source = SourceInfo(path: path, format: .pdf, encoding: "utf-8", sha256: sha, convertedBy: converted.tool)
        return RawDocument(source: source, paragraphs: PDFText.paragraphs(pages),
                           notes: ["本文件为 PDF，已读取其中的文字层（页眉、页脚和页码已略去），请核对分段。"])
    }

    private static func readZip(_ bytes: Data, named: FormatSniffer.NamedKind, path: String, sha: String,
                                inputs: PipelineConfiguration.Inputs) throws(IngestError) -> RawDocument {
        let archive: DocxArchive
        do {
            archive = try DocxArchive(bytes: bytes, maxEntryBytes: inputs.maxEntryBytes)
        } catch {
            throw DocxReader.ingestError(error, path: path)
        }
        let isWord = archive.contains("word/document.xml")
        switch named {
        case .docx:
            break
        case .txt:
            throw .mismatchedExtension(path: path, named: "纯文本文件（.txt）",
                                       actual: isWord ? "Word 文档（.docx）" : "zip 压缩包")
        case .doc, .wps:
            throw .mismatchedExtension(path: path, named: named == .doc ? LegacyDocumentKind.word97.description
                                                                          : LegacyDocumentKind.wps.description,
                                       actual: isWord ? "Word 文档（.docx）" : "zip 压缩包")
        case .other:
            guard isWord else { throw .unsupportedFormat(path: path, detected: "zip 压缩包") }
        }
        let reading = try DocxReader(path: path, inputs: inputs).read(archive)
        return RawDocument(source: SourceInfo(path: path, format: .docx, encoding: nil, sha256: sha),
                           paragraphs: reading.paragraphs, notes: reading.notes)
    }
}
