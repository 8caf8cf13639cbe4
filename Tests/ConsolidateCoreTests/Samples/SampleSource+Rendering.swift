import ConsolidateCore
import Foundation

extension SampleSource {
    /// The bytes of the file this source describes, the same on every run.
    func renderedBytes() throws -> Data {
        switch format {
        case .txt:
            return try encodedText()
        case .docx:
            return try SampleDocx(body: body).package().zipData()
        case .bytes:
            var bytes: [UInt8] = []
            for token in body.split(whereSeparator: { $0.isWhitespace }) {
                guard token.count == 2, let byte = UInt8(token, radix: 16) else {
                    throw SampleSourceError.badHex(source: sourceName, token: String(token))
                }
                bytes.append(byte)
            }
            return Data(bytes)
        }
    }

    private func encodedText() throws(SampleSourceError) -> Data {
        let text = newline == .crlf ? body.replacingOccurrences(of: "\n", with: "\r\n") : body
        switch encoding {
        case .utf8:
            return Data(text.utf8)
        case .utf8BOM:
            return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .gb18030:
            // GB18030 as Foundation on Linux names it (kCFStringEncodingGB_18030_2000).
            guard let data = text.data(using: String.Encoding(rawValue: 0x8000_0632), allowLossyConversion: false) else {
                throw .unencodable(source: sourceName, encoding: encoding.rawValue)
            }
            return data
        }
    }
}
