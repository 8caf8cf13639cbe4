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
        // UTF-16 without BOM is recognised before NUL bytes are refused: its line ends, digits
        // and Latin letters are half zero bytes.
        if b.contains(0), zerosLookLikeUTF16(b) || firstInvalidUTF8(b) != nil, let decoded = bomlessUTF16(b) {
            return decoded
        }
        if let offset = b.firstIndex(of: 0) {
            throw .nulByte(path: path, offset: offset)
        }
        guard let utf8Failure = firstInvalidUTF8(b) else {
            return Decoded(text: String(decoding: b, as: UTF8.self), encoding: "utf-8")
        }
        // Chinese-only UTF-16 has no zero bytes at all; GBK read as UTF-16 gives no plausible text.
        if let decoded = bomlessUTF16(b) {
            return decoded
        }
        // A UTF-8 file with a damaged byte or two is not GB18030 that happens to parse: say where it breaks.
        let census = utf8Census(b)
        if census.multibyte >= 10 && census.multibyte >= 10 * census.invalid {
            throw .undecodableText(path: path, offset: utf8Failure)
        }
        let gbFailure = firstInvalidGB18030(b)
        if gbFailure == nil, let text = String(data: bytes, encoding: gb18030) {
            return Decoded(text: text, encoding: "gb18030")
        }
        // Neither fits: name the failing byte of the encoding that got further, the likelier one meant.
        throw .undecodableText(path: path, offset: max(utf8Failure, gbFailure ?? 0))
    }

    /// Whether the zero bytes are those of UTF-16: at least two, and seven in ten or more on
    /// the same side of each byte pair (the high byte of line ends, digits and Latin letters).
    /// A stray NUL in UTF-8 text is one zero byte, not a pattern; short Chinese UTF-16 may
    /// hold a single zero (the low byte of 一, U+4E00), so it is also tried when UTF-8 fails.
    static func zerosLookLikeUTF16(_ bytes: [UInt8]) -> Bool {
        var evenZeros = 0
        var oddZeros = 0
        for (offset, byte) in bytes.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let zeros = evenZeros + oddZeros
        return zeros >= 2 && max(evenZeros, oddZeros) * 10 >= zeros * 7
    }

    /// BOM-less UTF-16, when one byte order gives plausible text (at least 95 % of its characters
    /// Chinese, ASCII or common punctuation). Chinese byte-swapped is often still Chinese, so a
    /// tie goes to the byte order that puts the zero bytes of line ends and ASCII in the high byte.
    static func bomlessUTF16(_ bytes: [UInt8]) -> Decoded? {
        guard bytes.count >= 2, bytes.count % 2 == 0 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for (offset, byte) in bytes.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let preferLittle = oddZeros >= evenZeros
        var best: (decoded: Decoded, score: Double)?
        for littleEndian in preferLittle ? [true, false] : [false, true] {
            guard let decoded = try? decodeUTF16(bytes, littleEndian: littleEndian, offsetBase: 0, path: "") else { continue }
            let score = plausibility(decoded.text)
            if score > (best?.score ?? 0) { best = (decoded, score) }
        }
        guard let best, best.score >= 0.95 else { return nil }
        return best.decoded
    }

    /// The share of characters usual in a Chinese report: CJK ideographs and punctuation,
    /// full-width forms, printable ASCII, tab and line ends, general punctuation.
    static func plausibility(_ text: String) -> Double {
        var total = 0
        var plausible = 0
        for scalar in text.unicodeScalars {
            total += 1
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0xB7, 0xD7, 0x2010...0x206F, 0x2160...0x217F, 0x2460...0x24FF,
                 0x3000...0x303F, 0x4E00...0x9FFF, 0xFF00...0xFFEF:
                plausible += 1
            default:
                break
            }
        }
        return total == 0 ? 0 : Double(plausible) / Double(total)
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

    /// How many valid multi-byte UTF-8 sequences and how many invalid bytes the bytes hold.
    /// GBK text makes valid UTF-8 sequences only by chance, far fewer than invalid bytes.
    static func utf8Census(_ bytes: [UInt8]) -> (multibyte: Int, invalid: Int) {
        var multibyte = 0
        var invalid = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 { index += 1; continue }
            let end = min(bytes.count, index + 4)
            if let length = (2...4).first(where: { index + $0 <= end && firstInvalidUTF8(Array(bytes[index..<index + $0])) == nil }) {
                multibyte += 1
                index += length
            } else {
                invalid += 1
                index += 1
            }
        }
        return (multibyte, invalid)
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
    ///
    /// Cut on the UTF-8: a line end is a character of its own (`\r\n` one character, which the
    /// byte walk takes as one end), so cutting at these bytes cuts where characters would.
    static func paragraphs(_ text: String) -> [RawParagraph] {
        var text = text
        return text.withUTF8 { bytes in
            var result: [RawParagraph] = []
            var index = 0
            var position = 0
            // A byte-order mark is a character of its own.
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
            var lineStart = position
            while position <= bytes.count {
                guard position == bytes.count || bytes[position] == 0x0A || bytes[position] == 0x0D else {
                    position += 1
                    continue
                }
                index += 1
                if index & 0xFF == 0, FileDeadline.passed { break }
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<position]), as: UTF8.self)
                if !line.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
                    result.append(RawParagraph(text: line, location: SourceLocation(paragraph: index)))
                }
                if position + 1 < bytes.count, bytes[position] == 0x0D, bytes[position + 1] == 0x0A { position += 1 }
                position += 1
                lineStart = position
            }
            return result
        }
    }

    /// The reference `paragraphs` keeps to: the text split character by character.
    static func paragraphsByCharacter(_ text: String) -> [RawParagraph] {
        var result: [RawParagraph] = []
        var index = 0
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        let isLineEnd = { (character: Character) -> Bool in
            guard let scalar = character.unicodeScalars.first else { return false }
            return scalar == "\n" || scalar == "\r"
        }
        for line in body.split(omittingEmptySubsequences: false, whereSeparator: isLineEnd) {
            index += 1
            if index & 0xFF == 0, FileDeadline.passed { break }
            if line.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { continue }
            result.append(RawParagraph(text: String(line), location: SourceLocation(paragraph: index)))
        }
        return result
    }
}
