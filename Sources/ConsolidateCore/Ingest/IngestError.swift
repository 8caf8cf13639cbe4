/// Why a submission could not be read. Descriptions are Chinese: they are shown to the
/// department's staff and passed on to the unit, and each says what to do.
public enum IngestError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case undecodableText(path: String, offset: Int)
    case nulByte(path: String, offset: Int)
    case unsupportedFormat(path: String, detected: String)
    case brokenDocx(path: String, reason: String)

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
        }
    }
}
