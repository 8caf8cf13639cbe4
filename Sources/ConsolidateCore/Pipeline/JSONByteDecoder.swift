import Foundation

/// A strict JSON decoder for the state store's reports, several times faster than Foundation's.
///
/// A nightly run decodes every unchanged file's stored report; Foundation's `JSONDecoder` builds
/// a dictionary per object and is slow on Linux. This one parses the bytes once into a flat list
/// of tokens and decodes through the types' own `Codable` code, looking keys up among an object's
/// few members. It is strict: anything that is not well-formed JSON (a cut or damaged entry,
/// malformed UTF-8, a number out of range) throws, so the caller treats the entry as absent.
enum JSONByteDecoder {
    /// `direct`: a stored report or a run record is read by `JSONDirectReportReader` where it takes
    /// it (off: always through `Decodable`, the reference it is tested against).
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, direct: Bool = true) throws -> T {
        let tokens = try data.withUnsafeBytes { raw in
            var parser = JSONTokenParser(bytes: raw.bindMemory(to: UInt8.self))
            return try parser.parseDocument()
        }
        if direct, let value = directly(T.self, from: data, tokens: tokens) { return value }
        let decoder = JSONTokenDecoder(data: data, tokens: tokens, index: 0, codingPath: [])
        return try T(from: decoder)
    }

    /// The value as `JSONDirectReportReader` reads it, where `T` is a type it reads (a stored report,
    /// a run record) and it takes the bytes; nil otherwise.
    static func directly<T>(_ type: T.Type, from data: Data, tokens: [JSONToken]) -> T? {
        guard T.self == UnitReport.self || T.self == RunRecord.self else { return nil }
        let value = try? data.withUnsafeBytes { raw in
            try tokens.withUnsafeBufferPointer { tokens -> Any in
                let reader = JSONDirectReportReader(bytes: raw.bindMemory(to: UInt8.self), tokens: tokens)
                return T.self == UnitReport.self ? try reader.report(0) : try reader.runRecord(0)
            }
        }
        return value as? T
    }

    /// The value as `JSONDirectReportReader` reads it from well-formed `data`: nil where it refuses it.
    static func directly<T>(_ type: T.Type, from data: Data) -> T? {
        guard let tokens = try? data.withUnsafeBytes({ raw in
            var parser = JSONTokenParser(bytes: raw.bindMemory(to: UInt8.self))
            return try parser.parseDocument()
        }) else { return nil }
        return directly(type, from: data, tokens: tokens)
    }

    /// An output the tool wrote and reads back (run.json, summary.json): read by `decode`, or by
    /// Foundation's decoder where this one refuses it (a file an earlier build or a person wrote
    /// may hold what the strict reader does not take); nil where neither reads it.
    static func decodeLeniently<T: Decodable>(_ type: T.Type, from data: Data) -> T? {
        (try? decode(type, from: data)) ?? (try? JSONDecoder().decode(type, from: data))
    }
}

/// One parsed JSON value. Containers know where they end, so a member is skipped in one step.
struct JSONToken {
    enum Kind: UInt8 { case object, array, string, escapedString, number, trueValue, falseValue, null }
    var kind: Kind
    /// For a string or number: its bytes (inside the quotes); for a container: its member count.
    var start: Int32
    var length: Int32
    /// The index of the token after this value and everything inside it.
    var next: Int32
}

private struct JSONTokenParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var tokens: [JSONToken] = []
    static let maximumDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        tokens.reserveCapacity(bytes.count / 12)
    }

    static func corrupt(_ what: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "JSON 损坏：\(what)"))
    }

    mutating func parseDocument() throws -> [JSONToken] {
        guard bytes.count < Int(Int32.max) else { throw Self.corrupt("过大") }
        try parseValue(depth: 0)
        skipSpace()
        guard position == bytes.count else { throw Self.corrupt("多余内容") }
        return tokens
    }

    mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws {
        guard depth < Self.maximumDepth else { throw Self.corrupt("嵌套过深") }
        skipSpace()
        guard position < bytes.count else { throw Self.corrupt("意外结束") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            let index = tokens.count
            tokens.append(JSONToken(kind: .object, start: 0, length: 0, next: 0))
            position += 1
            var count: Int32 = 0
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
            } else {
                while true {
                    skipSpace()
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw Self.corrupt("缺少键") }
                    try parseString()
                    skipSpace()
                    guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw Self.corrupt("缺少冒号") }
                    position += 1
                    try parseValue(depth: depth + 1)
                    count += 1
                    skipSpace()
                    guard position < bytes.count else { throw Self.corrupt("意外结束") }
                    if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    if bytes[position] == UInt8(ascii: "}") { position += 1; break }
                    throw Self.corrupt("对象未闭合")
                }
            }
            tokens[index].length = count
            tokens[index].next = Int32(tokens.count)
        case UInt8(ascii: "["):
            let index = tokens.count
            tokens.append(JSONToken(kind: .array, start: 0, length: 0, next: 0))
            position += 1
            var count: Int32 = 0
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
            } else {
                while true {
                    try parseValue(depth: depth + 1)
                    count += 1
                    skipSpace()
                    guard position < bytes.count else { throw Self.corrupt("意外结束") }
                    if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    if bytes[position] == UInt8(ascii: "]") { position += 1; break }
                    throw Self.corrupt("数组未闭合")
                }
            }
            tokens[index].length = count
            tokens[index].next = Int32(tokens.count)
        case UInt8(ascii: "\""):
            try parseString()
        case UInt8(ascii: "t"): try literal("true", .trueValue)
        case UInt8(ascii: "f"): try literal("false", .falseValue)
        case UInt8(ascii: "n"): try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try parseNumber()
        default:
            throw Self.corrupt("无法识别的值")
        }
    }

    mutating func literal(_ word: StaticString, _ kind: JSONToken.Kind) throws {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw Self.corrupt("意外结束") }
        for i in 0..<count where bytes[position + i] != word.utf8Start[i] { throw Self.corrupt("无法识别的值") }
        tokens.append(JSONToken(kind: kind, start: Int32(position), length: Int32(count), next: Int32(tokens.count + 1)))
        position += count
    }

    /// A string token; its contents are checked here (escapes well-formed, no raw control
    /// characters) and its UTF-8 when it is read.
    mutating func parseString() throws {
        position += 1
        let start = position
        var escaped = false
        while true {
            guard position < bytes.count else { throw Self.corrupt("字符串未闭合") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw Self.corrupt("字符串含控制字符") }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                position += 1
                guard position < bytes.count else { throw Self.corrupt("字符串未闭合") }
                switch bytes[position] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    guard position + 4 < bytes.count else { throw Self.corrupt("字符串未闭合") }
                    for i in 1...4 where hexValue(bytes[position + i]) == nil { throw Self.corrupt("转义有误") }
                    position += 4
                default:
                    throw Self.corrupt("转义有误")
                }
            }
            position += 1
        }
        tokens.append(JSONToken(kind: escaped ? .escapedString : .string, start: Int32(start),
                                length: Int32(position - start), next: Int32(tokens.count + 1)))
        position += 1
    }

    mutating func parseNumber() throws {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        func digits() -> Int {
            let from = position
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") { position += 1 }
            return position - from
        }
        let whole = digits()
        guard whole > 0 else { throw Self.corrupt("数字有误") }
        if whole > 1 && bytes[position - whole] == UInt8(ascii: "0") { throw Self.corrupt("数字有误") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw Self.corrupt("数字有误") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw Self.corrupt("数字有误") }
        }
        tokens.append(JSONToken(kind: .number, start: Int32(start), length: Int32(position - start), next: Int32(tokens.count + 1)))
    }
}

@inline(__always)
private func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
}

/// A string token's text where it holds escapes, for readers outside this file.
enum JSONTokenText {
    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
        try JSONTokenDecoder.unescape(bytes, mismatch: DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "转义有误")))
    }
}

/// The decoder handed to a type's `init(from:)`: one token of the parsed document.
private struct JSONTokenDecoder: Decoder {
    let data: Data
    let tokens: [JSONToken]
    let index: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var token: JSONToken { tokens[index] }

    func mismatch(_ expected: Any.Type, _ what: String = "") -> DecodingError {
        DecodingError.typeMismatch(expected, DecodingError.Context(codingPath: codingPath,
                                                                   debugDescription: "JSON 类型不符 \(what)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard token.kind == .object else { throw mismatch([String: Any].self) }
        return KeyedDecodingContainer(TokenKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard token.kind == .array else { throw mismatch([Any].self) }
        return TokenUnkeyedContainer(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { TokenSingleValue(decoder: self) }

    /// The decoder of another token. The coding path is not extended: a store entry that does not
    /// decode is only ever set aside, and building paths would cost an allocation per value.
    func child(_ index: Int, _ key: (any CodingKey)?) -> JSONTokenDecoder {
        JSONTokenDecoder(data: data, tokens: tokens, index: index, codingPath: codingPath)
    }

    // MARK: Scalars

    func string() throws -> String {
        let token = self.token
        guard token.kind == .string || token.kind == .escapedString else { throw mismatch(String.self) }
        return try data.withUnsafeBytes { raw -> String in
            let bytes = UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[Int(token.start)..<Int(token.start + token.length)])
            if token.kind == .string {
                guard let text = String(validating: bytes, as: UTF8.self) else { throw mismatch(String.self, "UTF-8") }
                return text
            }
            return try Self.unescape(bytes, mismatch: mismatch(String.self, "转义"))
        }
    }

    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, mismatch: @autoclosure () -> DecodingError) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        func unit(at i: Int) -> UInt32 {
            (hexValue(bytes[i]) ?? 0) << 12 | (hexValue(bytes[i + 1]) ?? 0) << 8 | (hexValue(bytes[i + 2]) ?? 0) << 4 | (hexValue(bytes[i + 3]) ?? 0)
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte != UInt8(ascii: "\\") { out.append(byte); i += 1; continue }
            i += 1
            switch bytes[i] {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = unit(at: i + 1)
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate must be followed by an escaped low one.
                    guard i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"), bytes[i + 2] == UInt8(ascii: "u") else { throw mismatch() }
                    let low = unit(at: i + 3)
                    guard low >= 0xDC00 && low < 0xE000 else { throw mismatch() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                guard let value = Unicode.Scalar(scalar) else { throw mismatch() }
                UTF8.encode(value) { out.append($0) }
            default: out.append(bytes[i])
            }
            i += 1
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw mismatch() }
        return text
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let token = self.token
        guard token.kind == .number else { throw mismatch(I.self) }
        return try data.withUnsafeBytes { raw -> I in
            let bytes = raw[Int(token.start)..<Int(token.start + token.length)]
            var value: I = 0
            var negative = false
            for byte in bytes {
                if byte == UInt8(ascii: "-") { negative = true; continue }
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                    // A fraction or exponent: as Foundation, only where the number is whole and fits.
                    guard let double = Double(String(decoding: bytes, as: UTF8.self)), let exact = I(exactly: double) else {
                        throw mismatch(I.self, "数字")
                    }
                    return exact
                }
                let digit = I(byte - UInt8(ascii: "0"))
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                guard !o1, !o2 else { throw mismatch(I.self, "数字越界") }
                value = sum
            }
            return value
        }
    }

    func floating<F: BinaryFloatingPoint & LosslessStringConvertible>(_ type: F.Type) throws -> F {
        let token = self.token
        guard token.kind == .number else { throw mismatch(F.self) }
        let text = data.withUnsafeBytes { raw in
            String(decoding: raw[Int(token.start)..<Int(token.start + token.length)], as: UTF8.self)
        }
        guard let value = F(text), value.isFinite else { throw mismatch(F.self, "数字") }
        return value
    }

    func bool() throws -> Bool {
        switch token.kind {
        case .trueValue: return true
        case .falseValue: return false
        default: throw mismatch(Bool.self)
        }
    }

    func decodeAny<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return try string() as! T }
        if T.self == Int.self { return try integer(Int.self) as! T }
        if T.self == Bool.self { return try bool() as! T }
        if T.self == Data.self || T.self == URL.self || T.self == Decimal.self || T.self == Date.self {
            // Foundation reads these its own way; the store holds none.
            throw mismatch(T.self, "不支持的类型")
        }
        return try T(from: self)
    }
}

private struct TokenKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: JSONTokenDecoder
    /// The object's members: the key token's index and the value token's index.
    let members: [(key: Int, value: Int)]

    init(decoder: JSONTokenDecoder) {
        self.decoder = decoder
        var members: [(key: Int, value: Int)] = []
        let count = Int(decoder.token.length)
        members.reserveCapacity(count)
        var index = decoder.index + 1
        for _ in 0..<count {
            let value = index + 1
            members.append((index, value))
            index = Int(decoder.tokens[value].next)
        }
        self.members = members
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        members.compactMap { member in
            (try? decoder.child(member.key, nil).string()).flatMap { Key(stringValue: $0) }
        }
    }

    /// The value token of the key (the last where a key repeats, as Foundation's dictionary keeps).
    func find(_ key: Key) -> Int? {
        let name = key.stringValue
        var found: Int?
        decoder.data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var name = name
            name.withUTF8 { wanted in
                for member in members {
                    let token = decoder.tokens[member.key]
                    if token.kind == .string {
                        guard Int(token.length) == wanted.count else { continue }
                        if wanted.count == 0 || memcmp(base + Int(token.start), wanted.baseAddress!, wanted.count) == 0 {
                            found = member.value
                        }
                    } else if (try? decoder.child(member.key, nil).string()) == String(decoding: wanted, as: UTF8.self) {
                        found = member.value
                    }
                }
            }
        }
        return found
    }

    func value(_ key: Key) throws -> JSONTokenDecoder {
        guard let index = find(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath, debugDescription: "缺少键 \(key.stringValue)"))
        }
        return decoder.child(index, key)
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key).token.kind == .null }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).bool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key).string() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(key).floating(Double.self) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(key).floating(Float.self) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key).integer(Int.self) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(key).integer(Int8.self) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(key).integer(Int16.self) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(key).integer(Int32.self) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key).integer(Int64.self) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(key).integer(UInt.self) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(key).integer(UInt8.self) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(key).integer(UInt16.self) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(key).integer(UInt32.self) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(key).integer(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try value(key).decodeAny(T.self) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try value(key).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try value(key).unkeyedContainer() }
    func superDecoder() throws -> any Decoder { throw decoder.mismatch(Decoder.self, "不支持 superDecoder") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw decoder.mismatch(Decoder.self, "不支持 superDecoder") }
}

private struct TokenUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: JSONTokenDecoder
    var currentIndex = 0
    /// The token of the next element.
    var position: Int

    init(decoder: JSONTokenDecoder) {
        self.decoder = decoder
        position = decoder.index + 1
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { Int(decoder.token.length) }
    var isAtEnd: Bool { currentIndex >= Int(decoder.token.length) }

    mutating func next() throws -> JSONTokenDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, DecodingError.Context(codingPath: codingPath, debugDescription: "数组已到末尾"))
        }
        let element = decoder.child(position, nil)
        position = Int(decoder.tokens[position].next)
        currentIndex += 1
        return element
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if decoder.tokens[position].kind == .null { _ = try next(); return true }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().bool() }
    mutating func decode(_ type: String.Type) throws -> String { try next().string() }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().floating(Double.self) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next().floating(Float.self) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().integer(Int.self) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().integer(Int8.self) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().integer(Int16.self) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().integer(Int32.self) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().integer(Int64.self) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().integer(UInt.self) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().integer(UInt8.self) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().integer(UInt16.self) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().integer(UInt32.self) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().integer(UInt64.self) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeAny(T.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { throw decoder.mismatch(Decoder.self, "不支持 superDecoder") }
}

private struct TokenSingleValue: SingleValueDecodingContainer {
    let decoder: JSONTokenDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.token.kind == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool() }
    func decode(_ type: String.Type) throws -> String { try decoder.string() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.floating(Double.self) }
    func decode(_ type: Float.Type) throws -> Float { try decoder.floating(Float.self) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.integer(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeAny(T.self) }
}
