import Foundation

/// A JSON encoder that writes the bytes Foundation's `JSONEncoder` writes with sorted keys, far faster.
///
/// Foundation builds a tree of enums and string-keyed dictionaries for every value and then walks
/// it; on Linux that is a large part of a big run's processor time. This encoder keeps every type's
/// `Codable` conformance as the single source of truth and writes straight into one byte buffer:
/// an object's entries are written as they come, each already indented for its depth, and put in
/// key order (UTF-8 byte order, as Foundation sorts outside Apple's platforms) when the object is
/// complete, by moving byte ranges. Escaping, numbers, empty containers and spacing follow
/// Foundation's writer. Whatever it does not reproduce with certainty (nested containers handed
/// out for later, super-encoders, `Data`, `URL`, `Decimal`, a container used out of turn) makes it
/// hand the whole value to Foundation instead, so the bytes are the same either way.
struct JSONByteEncoder {
    /// Two-space indentation and `" : "` between key and value, as `.prettyPrinted`.
    var pretty: Bool
    /// Writes `/` as `\/` (Foundation's default, without `.withoutEscapingSlashes`).
    var escapeSlashes: Bool
    /// Lets the types that write themselves (`JSONDirectEncodable`) do so; off, every value goes
    /// through its `Codable` conformance (the reference the direct writers are tested against).
    var direct = true

    init(pretty: Bool, escapeSlashes: Bool, direct: Bool = true) {
        self.pretty = pretty
        self.escapeSlashes = escapeSlashes
        self.direct = direct
    }

    /// Foundation's encoder with the same settings: the reference these bytes are held to, and the
    /// fallback for values this encoder does not take.
    func foundationEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        var formatting: JSONEncoder.OutputFormatting = [.sortedKeys]
        if pretty { formatting.insert(.prettyPrinted) }
        if !escapeSlashes { formatting.insert(.withoutEscapingSlashes) }
        encoder.outputFormatting = formatting
        return encoder
    }

    /// The value's JSON (no trailing newline), byte for byte what `foundationEncoder()` writes.
    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        if let bytes = try encodeDirectly(value) { return bytes }
        return [UInt8](try foundationEncoder().encode(value))
    }

    /// The value's JSON written by this encoder alone, or nil where it handed the value over.
    func encodeDirectly<T: Encodable>(_ value: T) throws -> [UInt8]? {
        let writer = JSONByteWriter(pretty: pretty, escapeSlashes: escapeSlashes, direct: direct)
        try writer.encodeTopLevel(value)
        if writer.unsupported { return nil }
        return writer.out
    }
}

/// Raised inside the writer when a value needs what only Foundation reproduces.
private struct HandOver: Error {}

/// The writer behind `JSONByteEncoder`: one per encoded value, never shared between threads.
///
/// Its state is marked `@exclusivity(unchecked)`: one thread, no overlapping access, and the
/// dynamic checks were about a quarter of its profile samples at 10,000 units.
final class JSONByteWriter: Encoder {
    let pretty: Bool
    let escapeSlashes: Bool
    /// Whether `JSONDirectEncodable` values write themselves (see `JSONByteEncoder.direct`).
    let direct: Bool
    @exclusivity(unchecked) var out: [UInt8] = []
    /// Set when the value used something this writer does not reproduce; the bytes are then discarded.
    @exclusivity(unchecked) var unsupported = false

    /// An open container: where its entries start, and for an object, where its keys are.
    struct Frame {
        var isObject: Bool
        /// The indentation level of the container's brackets.
        var depth: Int
        /// Where the first entry starts in `out`.
        var contentStart: Int
        /// How many entries were written.
        var count: Int
        /// For an object: where its entries start in `entries`.
        var entryBase: Int
        /// Tells a container handed out for this frame from one of a later frame at the same place.
        var id: Int
    }
    @exclusivity(unchecked) var frames: [Frame] = []
    /// The entries of every open object, innermost last: the key and the byte range written for it.
    @exclusivity(unchecked) var entries: [(key: String, start: Int, end: Int)] = []
    @exclusivity(unchecked) var nextFrameID = 0
    /// Where set, long arrays are left out and marked, to be written apart (`JSONChunkedEncoder`).
    @exclusivity(unchecked) var splitter: JSONArraySplitter?

    /// The value being written: its indentation level, the frames open when it began, and
    /// whether anything was written for it.
    @exclusivity(unchecked) var slotDepth = 0
    @exclusivity(unchecked) var slotFrameBase = 0
    @exclusivity(unchecked) var slotWritten = false
    @exclusivity(unchecked) var slotFrameID = -1

    /// Scratch space for putting an object's entries in key order.
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private var order: [Int] = []

    init(pretty: Bool, escapeSlashes: Bool, direct: Bool = true) {
        self.pretty = pretty
        self.escapeSlashes = escapeSlashes
        self.direct = direct
    }

    // MARK: Encoder

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(writer: self, frame: openContainer(object: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(writer: self, frame: openContainer(object: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(writer: self, frameBase: slotFrameBase, depth: slotDepth)
    }

    /// Opens the current value's container, or returns the one it already has (a type may ask twice).
    private func openContainer(object: Bool) -> Int {
        if slotWritten {
            if frames.count == slotFrameBase + 1, frames[slotFrameBase].id == slotFrameID,
               frames[slotFrameBase].isObject == object {
                return slotFrameID
            }
            unsupported = true
            return -1
        }
        guard frames.count == slotFrameBase else { unsupported = true; return -1 }
        slotWritten = true
        out.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        if pretty { out.append(0x0A) }
        let id = nextFrameID
        nextFrameID += 1
        frames.append(Frame(isObject: object, depth: slotDepth, contentStart: out.count, count: 0,
                            entryBase: entries.count, id: id))
        slotFrameID = id
        return id
    }

    /// Whether the container of `frame` may write now: it is the innermost open one and no value of
    /// it is being written.
    @inline(__always)
    func isCurrent(_ frame: Int) -> Bool {
        guard !unsupported, let last = frames.last, last.id == frame, slotFrameBase == frames.count - 1 else {
            unsupported = true
            return false
        }
        return true
    }

    // MARK: Values

    func encodeTopLevel<T: Encodable>(_ value: T) throws {
        out.reserveCapacity(1 << 12)
        try encodeValue(value, depth: 0)
    }

    /// Writes one value at the given indentation level, closing whatever container it opened.
    func encodeValue<T: Encodable>(_ value: T, depth: Int) throws {
        if T.self == String.self { writeString(unsafeBitCast(value, to: String.self)); return }
        if T.self == Int.self { writeInteger(unsafeBitCast(value, to: Int.self)); return }
        if T.self == Bool.self { writeBool(unsafeBitCast(value, to: Bool.self)); return }
        if T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            // Foundation writes these its own way (base64, the absolute string, a number).
            unsupported = true
            return
        }
        if direct, let value = value as? any JSONDirectEncodable {
            // The hot types (a report, summary.json's parts) write themselves: the same bytes, no containers.
            try value.writeJSON(to: self, depth: depth)
            return
        }
        if let splitter, splitter.leaveOut(value, depth: depth, writer: self) { return }
        let saved = (slotDepth, slotFrameBase, slotWritten, slotFrameID)
        slotDepth = depth
        slotFrameBase = frames.count
        slotWritten = false
        slotFrameID = -1
        defer { (slotDepth, slotFrameBase, slotWritten, slotFrameID) = saved }
        try value.encode(to: self)
        if unsupported { return }
        if frames.count == slotFrameBase + 1 {
            closeContainer()
        } else if frames.count != slotFrameBase {
            unsupported = true
        } else if !slotWritten {
            // A value that wrote nothing is an empty object to Foundation, except at the top, which it
            // refuses; let it say so.
            if out.isEmpty { unsupported = true; return }
            out.append(UInt8(ascii: "{"))
            if pretty { out.append(0x0A); out.append(0x0A); writeIndent(depth) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Ends the innermost container: its entries in key order (for an object), without the last
    /// separator, then the closing bracket.
    private func closeContainer() {
        guard let frame = frames.popLast() else { return }
        if frame.isObject {
            orderEntries(of: frame)
            entries.removeSubrange(frame.entryBase...)
        }
        if out.count > frame.contentStart {
            // Every entry ends with its separator; the last one's goes.
            out.removeLast(pretty ? 2 : 1)
        }
        if pretty {
            out.append(0x0A)
            writeIndent(frame.depth)
        }
        out.append(frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// Puts an object's entries in UTF-8 order of their keys; of entries under one key, the last
    /// written stays (Foundation keeps them in a dictionary).
    private func orderEntries(of frame: Frame) {
        let base = frame.entryBase
        let count = entries.count - base
        guard count > 1 else { return }
        var sorted = true
        var unique = true
        for i in (base + 1)..<entries.count {
            let a = entries[i - 1].key, b = entries[i].key
            if a == b { unique = false; sorted = false; break }
            if !a.utf8.lexicographicallyPrecedes(b.utf8) { sorted = false }
        }
        if sorted { return }
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: base..<entries.count)
        order.sort { i, j in
            let a = entries[i].key, b = entries[j].key
            if a == b { return i < j }
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        }
        if !unique {
            var kept: [Int] = []
            kept.reserveCapacity(order.count)
            for (n, i) in order.enumerated() where n + 1 == order.count || entries[order[n + 1]].key != entries[i].key {
                kept.append(i)
            }
            order = kept
        }
        let regionStart = entries[base].start
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: out[regionStart...])
        out.removeSubrange(regionStart...)
        scratch.withUnsafeBufferPointer { source in
            for i in order {
                let entry = entries[i]
                out.append(contentsOf: UnsafeBufferPointer(rebasing: source[(entry.start - regionStart)..<(entry.end - regionStart)]))
            }
        }
    }

    // MARK: Entries

    /// Begins an object entry: indentation, the quoted key, the separator.
    func beginEntry(key: String, frame: inout Frame) -> Int {
        let start = out.count
        if pretty { writeIndent(frame.depth + 1) }
        writeString(key)
        if pretty {
            out.append(0x20); out.append(UInt8(ascii: ":")); out.append(0x20)
        } else {
            out.append(UInt8(ascii: ":"))
        }
        return start
    }

    func keyedWrite(key: String, frame id: Int, _ body: (JSONByteWriter, Int) throws -> Void) rethrows {
        guard isCurrent(id) else { return }
        let index = frames.count - 1
        let start = beginEntry(key: key, frame: &frames[index])
        try body(self, frames[index].depth + 1)
        if unsupported { return }
        writeSeparator()
        frames[index].count += 1
        entries.append((key, start, out.count))
    }

    func unkeyedWrite(frame id: Int, _ body: (JSONByteWriter, Int) throws -> Void) rethrows {
        guard isCurrent(id) else { return }
        let index = frames.count - 1
        let depth = frames[index].depth + 1
        if pretty { writeIndent(depth) }
        try body(self, depth)
        if unsupported { return }
        writeSeparator()
        frames[index].count += 1
    }

    @inline(__always)
    private func writeSeparator() {
        out.append(UInt8(ascii: ","))
        if pretty { out.append(0x0A) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    func writeIndent(_ depth: Int) {
        var left = 2 * depth
        Self.spaces.withUnsafeBufferPointer { spaces in
            while left > 0 {
                let n = min(left, spaces.count)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: spaces[0..<n]))
                left -= n
            }
        }
    }

    // MARK: Scalars

    func writeNull() { out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    func writeBool(_ value: Bool) {
        if value {
            out.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
    }

    func writeInteger<I: FixedWidthInteger>(_ value: I) {
        if value == 0 { out.append(UInt8(ascii: "0")); return }
        var digits: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        let magnitude = value.magnitude
        if I.isSigned && value < 0 { out.append(UInt8(ascii: "-")) }
        if magnitude.bitWidth > 64 {
            out.append(contentsOf: magnitude.description.utf8)
            return
        }
        var rest = UInt64(magnitude)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            while rest > 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }

    /// A floating-point number as Foundation writes it: its description, without a trailing `.0`.
    func writeFloat<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) throws {
        guard value.isFinite else {
            // Foundation refuses these by default; let it say so in its own words.
            unsupported = true
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    /// A quoted string, escaped as Foundation escapes: `"` `\` (and `/` unless told not to), control
    /// characters as `\b \f \n \r \t` or `\u00xx` in lower-case hex; all else raw UTF-8.
    func writeString(_ string: String) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var mark = 0
            var i = 0
            let count = bytes.count
            while i < count {
                let byte = bytes[i]
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && (byte != 0x2F || !escapeSlashes) {
                    i += 1
                    continue
                }
                if i > mark { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark..<i])) }
                out.append(0x5C)
                switch byte {
                case 0x22, 0x5C, 0x2F: out.append(byte)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    let hex = Self.hexDigits
                    out.append(UInt8(ascii: "u")); out.append(UInt8(ascii: "0")); out.append(UInt8(ascii: "0"))
                    out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0x0F)])
                }
                i += 1
                mark = i
            }
            if count > mark { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark..<count])) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Writes a scalar or nested value held in a single-value container or an array element.
    func writeAny<T: Encodable>(_ value: T, depth: Int) throws {
        try encodeValue(value, depth: depth)
    }
}

// MARK: - Containers

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONByteWriter
    let frame: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeNull() }
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeBool(value) }
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeString(value) }
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        try writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in try w.writeFloat(value) }
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        try writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in try w.writeFloat(value) }
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeInteger(value) }
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeInteger(value) }
    }
    mutating func encode(_ value: Int16, forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeInteger(value) }
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeInteger(value) }
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeInteger(value) }
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeInteger(value) }
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeInteger(value) }
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeInteger(value) }
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeInteger(value) }
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        writer.keyedWrite(key: key.stringValue, frame: frame) { w, _ in w.writeInteger(value) }
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try writer.keyedWrite(key: key.stringValue, frame: frame) { w, depth in try w.encodeValue(value, depth: depth) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                       forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        writer.unsupported = true
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(writer: writer, frame: -1))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.unsupported = true
        return UnkeyedContainer(writer: writer, frame: -1)
    }
    mutating func superEncoder() -> any Encoder {
        writer.unsupported = true
        return writer
    }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        writer.unsupported = true
        return writer
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONByteWriter
    let frame: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int {
        writer.frames.last(where: { $0.id == frame })?.count ?? 0
    }

    mutating func encodeNil() throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeNull() } }
    mutating func encode(_ value: Bool) throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeBool(value) } }
    mutating func encode(_ value: String) throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeString(value) } }
    mutating func encode(_ value: Double) throws { try writer.unkeyedWrite(frame: frame) { w, _ in try w.writeFloat(value) } }
    mutating func encode(_ value: Float) throws { try writer.unkeyedWrite(frame: frame) { w, _ in try w.writeFloat(value) } }
    mutating func encode(_ value: Int) throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeInteger(value) } }
    mutating func encode(_ value: Int8) throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeInteger(value) } }
    mutating func encode(_ value: Int16) throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeInteger(value) } }
    mutating func encode(_ value: Int32) throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeInteger(value) } }
    mutating func encode(_ value: Int64) throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeInteger(value) } }
    mutating func encode(_ value: UInt) throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeInteger(value) } }
    mutating func encode(_ value: UInt8) throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeInteger(value) } }
    mutating func encode(_ value: UInt16) throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeInteger(value) } }
    mutating func encode(_ value: UInt32) throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeInteger(value) } }
    mutating func encode(_ value: UInt64) throws { writer.unkeyedWrite(frame: frame) { w, _ in w.writeInteger(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try writer.unkeyedWrite(frame: frame) { w, depth in try w.encodeValue(value, depth: depth) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        writer.unsupported = true
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(writer: writer, frame: -1))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.unsupported = true
        return UnkeyedContainer(writer: writer, frame: -1)
    }
    mutating func superEncoder() -> any Encoder {
        writer.unsupported = true
        return writer
    }
}

/// The container of a value that is one scalar (an enum's raw value, an optional's null).
private struct SingleValueContainer: SingleValueEncodingContainer {
    let writer: JSONByteWriter
    /// The value's place: the frames open when it began, and its indentation level.
    let frameBase: Int
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    /// Whether the value may be written now: nothing written for it yet, and it is the current one.
    private func claim() -> Bool {
        guard !writer.unsupported, !writer.slotWritten, writer.slotFrameBase == frameBase,
              writer.frames.count == frameBase, writer.slotDepth == depth else {
            writer.unsupported = true
            return false
        }
        writer.slotWritten = true
        return true
    }

    mutating func encodeNil() throws { if claim() { writer.writeNull() } }
    mutating func encode(_ value: Bool) throws { if claim() { writer.writeBool(value) } }
    mutating func encode(_ value: String) throws { if claim() { writer.writeString(value) } }
    mutating func encode(_ value: Double) throws { if claim() { try writer.writeFloat(value) } }
    mutating func encode(_ value: Float) throws { if claim() { try writer.writeFloat(value) } }
    mutating func encode(_ value: Int) throws { if claim() { writer.writeInteger(value) } }
    mutating func encode(_ value: Int8) throws { if claim() { writer.writeInteger(value) } }
    mutating func encode(_ value: Int16) throws { if claim() { writer.writeInteger(value) } }
    mutating func encode(_ value: Int32) throws { if claim() { writer.writeInteger(value) } }
    mutating func encode(_ value: Int64) throws { if claim() { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt) throws { if claim() { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt8) throws { if claim() { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt16) throws { if claim() { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt32) throws { if claim() { writer.writeInteger(value) } }
    mutating func encode(_ value: UInt64) throws { if claim() { writer.writeInteger(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws {
        if claim() { try writer.encodeValue(value, depth: depth) }
    }
}
