import Foundation

/// Decoding of .txt submissions in the encodings offices use: UTF-8 (with or without BOM),
/// GB18030/GBK (what Notepad on a Chinese Windows writes as "ANSI"), and UTF-16 in either
/// byte order, with or without BOM (Notepad's "Unicode").
enum TextDecoding {
    /// GB18030 as Foundation names it on Linux (CFStringConvertEncodingToNSStringEncoding of kCFStringEncodingGB_18030_2000).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Decoded text and the encoding name reported in `SourceInfo.encoding`.
    struct Decoded: Equatable {
        let text: String
        let encoding: String
    }

    static func decode(_ bytes: Data, path: String) throws(IngestError) -> Decoded {
        let b = [UInt8](bytes)
        if b.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(b.dropFirst(3))
            if let offset = firstInvalidUTF8(body) { throw .undecodableText(path: path, offset: offset + 3) }
            return Decoded(text: String(decoding: body, as: UTF8.self), encoding: "utf-8")
        }
        if b.starts(with: [0xFF, 0xFE]) {
            return try decodeUTF16(Array(b.dropFirst(2)), littleEndian: true, offsetBase: 2, path: path)
        }
        if b.starts(with: [0xFE, 0xFF]) {
            return try decodeUTF16(Array(b.dropFirst(2)), littleEndian: false, offsetBase: 2, path: path)
        }
        // UTF-16 without BOM is recognised before NUL bytes are refused: its ASCII characters
        // (line ends, digits, Latin letters) are half zero bytes, all on one side of each pair.
        if let littleEndian = utf16ByteOrder(b),
           let decoded = try? decodeUTF16(b, littleEndian: littleEndian, offsetBase: 0, path: path),
           looksLikeText(decoded.text) {
            return decoded
        }
        if let offset = b.firstIndex(of: 0) {
            throw .nulByte(path: path, offset: offset)
        }
        guard let utf8Failure = firstInvalidUTF8(b) else {
            return Decoded(text: String(decoding: b, as: UTF8.self), encoding: "utf-8")
        }
        let gbFailure = firstInvalidGB18030(b)
        if gbFailure == nil, let text = String(data: bytes, encoding: gb18030) {
            return Decoded(text: text, encoding: "gb18030")
        }
        // Neither fits: name the failing byte of the encoding that got further, the likelier one meant.
        throw .undecodableText(path: path, offset: max(utf8Failure, gbFailure ?? 0))
    }

    /// The byte order of BOM-less UTF-16, or nil when the bytes do not look like UTF-16.
    ///
    /// Needs an even length and a fair share of zero bytes (one in ten), nearly all at even
    /// offsets (big-endian) or nearly all at odd offsets (little-endian). Chinese text has
    /// no zero bytes of its own, but its line ends and digits do.
    static func utf16ByteOrder(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 2, bytes.count % 2 == 0 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for (offset, byte) in bytes.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let pairs = bytes.count / 2
        guard (evenZeros + oddZeros) * 20 >= pairs else { return nil }
        if oddZeros >= 9 * evenZeros && oddZeros > 0 { return true }
        if evenZeros >= 9 * oddZeros && evenZeros > 0 { return false }
        return nil
    }

    /// Whether decoded text is text rather than binary that happened to decode: at most one
    /// control character (other than tab and line ends) in a hundred.
    static func looksLikeText(_ text: String) -> Bool {
        var total = 0
        var controls = 0
        for scalar in text.unicodeScalars {
            total += 1
            if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { controls += 1 }
        }
        return controls * 100 <= total
    }

    private static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool, offsetBase: Int,
                                    path: String) throws(IngestError) -> Decoded {
        guard bytes.count % 2 == 0 else {
            throw .undecodableText(path: path, offset: offsetBase + bytes.count - 1)
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        for index in stride(from: 0, to: bytes.count, by: 2) {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
        }
        var text = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var unitOffset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                if scalar.value == 0 { throw .nulByte(path: path, offset: offsetBase + unitOffset * 2) }
                text.append(scalar)
                unitOffset += scalar.value > 0xFFFF ? 2 : 1
            case .emptyInput:
                break loop
            case .error:
                throw .undecodableText(path: path, offset: offsetBase + unitOffset * 2)
            }
        }
        return Decoded(text: String(text), encoding: littleEndian ? "utf-16le" : "utf-16be")
    }

    /// The offset of the first byte that breaks UTF-8, or nil when all of it is valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            var lowerBound: UInt8 = 0x80
            var upperBound: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F: index += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upperBound = 0x9F
            case 0xF0: length = 4; lowerBound = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upperBound = 0x8F
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for position in 1..<length {
                let byte = bytes[index + position]
                let low: UInt8 = position == 1 ? lowerBound : 0x80
                let high: UInt8 = position == 1 ? upperBound : 0xBF
                guard byte >= low && byte <= high else { return index }
            }
            index += length
        }
        return nil
    }

    /// The offset of the first byte that breaks GB18030's structure (one byte 00–7F; two bytes
    /// 81–FE then 40–7E or 80–FE; four bytes 81–84 or 90–E3, 30–39, 81–FE, 30–39), or nil.
    static func firstInvalidGB18030(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead <= 0x7F { index += 1; continue }
            guard (0x81...0xFE).contains(lead), index + 1 < bytes.count else { return index }
            let second = bytes[index + 1]
            if (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) {
                index += 2
                continue
            }
            guard (0x30...0x39).contains(second), (0x81...0x84).contains(lead) || (0x90...0xE3).contains(lead),
                  index + 3 < bytes.count,
                  (0x81...0xFE).contains(bytes[index + 2]), (0x30...0x39).contains(bytes[index + 3]) else {
                return index
            }
            index += 4
        }
        return nil
    }

    /// Splits text into paragraphs at line ends (LF, CRLF, CR); `location.paragraph` is the
    /// line number, and blank lines are kept out.
    static func paragraphs(_ text: String) -> [RawParagraph] {
        var result: [RawParagraph] = []
        var index = 0
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        for line in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            index += 1
            if line.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { continue }
            result.append(RawParagraph(text: String(line), location: SourceLocation(paragraph: index)))
        }
        return result
    }
}
