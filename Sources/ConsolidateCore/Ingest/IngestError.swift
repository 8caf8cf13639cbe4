/// Why a submission could not be read. Descriptions are Chinese: they are shown to the
/// department's staff and passed on to the unit, and each names the file and says what to do.
public enum IngestError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// The bytes are text in no encoding the reader knows; `offset` is the first byte that fails.
    case undecodableText(path: String, offset: Int)
    case nulByte(path: String, offset: Int)
    /// The bytes are a format the reader does not take (`detected` names it in Chinese).
    case unsupportedFormat(path: String, detected: String)
    case brokenDocx(path: String, reason: String)
    /// A legacy binary document: Word 97-2003 `.doc`, WPS `.wps` or another OLE compound file.
    case legacyDocument(path: String, kind: LegacyDocumentKind)
    /// A Word document protected by an opening password (an OLE file holding `EncryptedPackage`).
    case encryptedDocument(path: String)
    /// The name says one format and the bytes another (`named` and `actual` are file kinds in Chinese).
    case mismatchedExtension(path: String, named: String, actual: String)
    /// A zip entry whose declared or inflated size is over `Inputs.maxEntryBytes`.
    case entryTooLarge(path: String, entry: String, limit: Int)
    /// A .docx whose parts, with those of every document it embeds, inflate past
    /// `Inputs.maxDocumentBytes` (`entry` is the part at which the budget ran out).
    case documentTooLarge(path: String, entry: String, limit: Int)
    /// A zip entry whose inflated bytes do not match its CRC-32 or its declared size.
    case corruptedEntry(path: String, entry: String)
    /// A package part nested deeper than `Inputs.maxXMLDepth`.
    case xmlTooDeep(path: String, part: String, limit: Int)
    /// A .docx whose parts, with those of every document it embeds, hold more XML elements
    /// than `Inputs.maxXMLElements` (`part` is the part at which the budget ran out).
    case xmlTooLarge(path: String, part: String, limit: Int)
    /// A package part that is not well-formed XML, or declares a document type (Word never does).
    case malformedXML(path: String, part: String, line: Int)
    /// A file with no text at all.
    case empty(path: String)
    /// A .doc, .wps or .pdf whose conversion failed or ran past its time limit (`tool` names the tool).
    case conversionFailed(path: String, tool: String, reason: String)
    /// A PDF without a text layer: a scan.
    case scannedPDF(path: String)
    /// Reading the file ran past `Inputs.fileTimeLimitSeconds` (`stage` names the stage in Chinese).
    case timeLimit(path: String, seconds: Double, stage: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "无法读取文件 \(path)（\(reason)），请检查文件权限后重新提交。"
        case let .tooLarge(path, bytes, limit):
            return "文件 \(path) 大小为 \(bytes) 字节，超过上限 \(limit) 字节，请删去图片等附件后重新提交。"
        case let .undecodableText(path, offset):
            return "文件 \(path) 的文字编码无法识别（第 \(offset) 字节处），请另存为 UTF-8 编码的 .txt 或 .docx 后重新提交。"
        case let .nulByte(path, offset):
            return "文件 \(path) 在第 \(offset) 字节处含有空字节，不是纯文本文件，请另存为 .docx 或 UTF-8 编码的 .txt 后重新提交。"
        case let .unsupportedFormat(path, detected):
            return "文件 \(path) 是\(detected)，本工具无法读取，请用 Word 另存为 .docx 后重新提交。"
        case let .brokenDocx(path, reason):
            return "文件 \(path) 不是完好的 Word 文档（\(reason)），请用 Word 打开后另存为 .docx 再提交。"
        case let .legacyDocument(path, kind):
            return "文件 \(path) 是\(kind.description)，本机没有可用于转换它的 LibreOffice，本工具只读取 .docx 和 .txt，请用 Word 或 WPS 打开后“另存为”Word 文档（.docx）再提交。"
        case let .encryptedDocument(path):
            return "文件 \(path) 设置了打开密码，本工具无法读取，请取消密码后另存为 .docx 再提交。"
        case let .mismatchedExtension(path, named, actual):
            return "文件 \(path) 的扩展名表明是\(named)，内容却是\(actual)，请用 Word 打开后另存为 .docx 再提交。"
        case let .entryTooLarge(path, entry, limit):
            return "文件 \(path) 中的部件 \(entry) 解压后超过 \(limit) 字节的上限，文件可能已损坏或被恶意构造，请用 Word 打开后另存为 .docx 再提交。"
        case let .documentTooLarge(path, entry, limit):
            return "文件 \(path) 连同其中嵌入的文档解压后总计超过 \(limit) 字节的上限（读到部件 \(entry) 时超出），文件可能被恶意构造（压缩炸弹），已隔离未读取；请用 Word 打开后另存为 .docx（不要嵌入其他文档）再提交。"
        case let .corruptedEntry(path, entry):
            return "文件 \(path) 中的部件 \(entry) 已损坏（校验不符），请用 Word 打开检查后另存为 .docx 再提交。"
        case let .xmlTooDeep(path, part, limit):
            return "文件 \(path) 中的部件 \(part) 嵌套层数超过 \(limit) 层，文件可能已损坏，请用 Word 打开后另存为 .docx 再提交。"
        case let .xmlTooLarge(path, part, limit):
            return "文件 \(path) 连同其中嵌入的文档含有的 XML 元素超过 \(limit) 个的上限（读到部件 \(part) 时超出），文件可能被恶意构造，已隔离未读取；请用 Word 打开后另存为 .docx 再提交。"
        case let .malformedXML(path, part, line):
            return "文件 \(path) 中的部件 \(part) 第 \(line) 行不是有效的 XML，文件已损坏，请用 Word 打开后另存为 .docx 再提交。"
        case let .empty(path):
            return "文件 \(path) 中没有任何文字，请确认提交的是汇报正文后重新提交。"
        case let .conversionFailed(path, tool, reason):
            return "文件 \(path) 用 \(tool) 转换失败（\(reason)），请用 Word 或 WPS 打开后另存为 .docx 或 .txt 再提交。"
        case let .timeLimit(path, seconds, stage):
            let limit = seconds == seconds.rounded() && seconds < 1e9 ? String(Int(seconds)) : String(seconds)
            return "文件 \(path) 在\(stage)时超过了每个文件 \(limit) 秒的处理时限（inputs.fileTimeLimitSeconds），已隔离，未计入汇总；"
                + "文件可能异常复杂、已损坏或被恶意构造，请用 Word 打开后另存为 .docx 或 .txt 再提交。"
        case let .scannedPDF(path):
            return "文件 \(path) 是扫描件 PDF，没有可读取的文字，请提交 Word 文档（.docx）或可复制文字的 PDF。"
        }
    }
}
