import Foundation

/// Decoding of .txt submissions in the encodings offices use.
enum TextDecoding {
    /// GB18030 as Foundation names it on Linux (CFStringConvertEncodingToNSStringEncoding of kCFStringEncodingGB_18030_2000).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    static func decode(_ bytes: Data, path: String) throws(IngestError) -> (text: String, encoding: String) {
        let b = [UInt8](bytes)
        if b.starts(with: [0xEF, 0xBB, 0xBF]), let text = String(data: bytes.dropFirst(3), encoding: .utf8) {
            return (text, "utf-8")
        }
        if b.starts(with: [0xFF, 0xFE]), let text = String(data: bytes.dropFirst(2), encoding: .utf16LittleEndian) {
            return (text, "utf-16le")
        }
        if b.starts(with: [0xFE, 0xFF]), let text = String(data: bytes.dropFirst(2), encoding: .utf16BigEndian) {
            return (text, "utf-16be")
        }
        if let offset = b.firstIndex(of: 0) {
            throw .nulByte(path: path, offset: offset)
        }
        if let text = String(data: bytes, encoding: .utf8) { return (text, "utf-8") }
        if let text = String(data: bytes, encoding: gb18030) { return (text, "gb18030") }
        throw .undecodableText(path: path, offset: 0)
    }

    /// Splits text into paragraphs at line ends (LF, CRLF, CR); blank lines are kept out.
    static func paragraphs(_ text: String) -> [RawParagraph] {
        var result: [RawParagraph] = []
        var index = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            index += 1
            if line.allSatisfy({ $0.isWhitespace }) { continue }
            result.append(RawParagraph(text: String(line), location: SourceLocation(paragraph: index)))
        }
        return result
    }
}
