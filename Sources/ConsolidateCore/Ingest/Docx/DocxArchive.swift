import CLibXML2
import Foundation

/// The parts of one .docx, read from its zip bytes in memory with the limits a hostile file needs.
///
/// The zip directory is read here and the entries are inflated with zlib directly
/// (`RawInflater`), because ZIPFoundation 0.9.20 fails badly on damaged files, as found by
/// mutating test packages: its in-memory archive traps (a fatal range error that ends the
/// whole run) when the directory points past the end of the data, its extraction loops
/// forever on a deflate stream cut short, and its `Data.decompress` lets zlib read past the
/// last input chunk. Here every offset is
/// checked against the bytes, the compressed bytes are handed over in bounded slices that
/// end in an error rather than an empty chunk, the declared size is compared with
/// `maxEntryBytes` before inflating, the inflated bytes are counted and inflation stops at
/// the limit, and the CRC-32 of what came out is compared with the entry's. The same limit
/// also bounds the sum of all parts taken out, so that a package cannot multiply its size
/// by listing many headers or notes; and a `DocumentBudget` shared with the archives of
/// the documents it embeds bounds the whole submission, so that twelve altChunks of 190 MB
/// each cannot pass one by one. One value per reading, never shared between tasks.
final class DocxArchive {
    /// Why a part could not be taken out of the package.
    enum Failure: Error, Equatable {
        case notZip
        case entryTooLarge(entry: String, limit: Int)
        /// The submission with everything it embeds inflates past `DocumentBudget.byteLimit`.
        case documentTooLarge(entry: String, limit: Int)
        case checksumMismatch(entry: String)
        case damagedEntry(entry: String)
        /// An entry named with a path that climbs out of the package (`../`, `/etc/…`, `C:\…`).
        case unsafePath(entry: String)
        /// Entries whose data overlap: one stretch of compressed bytes read many times over,
        /// the trick of overlapping zip bombs; a zip tool never writes it.
        case overlappingEntries(entry: String)
    }

    /// One file of the zip directory.
    private struct Entry {
        let path: String
        let method: UInt16
        let checksum: UInt32
        let compressedSize: UInt64
        let uncompressedSize: UInt64
        let localHeaderOffset: UInt64
        let encrypted: Bool
    }

    private let bytes: Data
    private let maxEntryBytes: Int
    /// Entries by path with the leading slash removed, matched case-insensitively
    /// (the package format says part names are case-insensitive).
    private let entries: [String: Entry]
    /// Bytes inflated so far by this reading, across parts.
    private var inflatedTotal = 0
    /// Bytes inflated by the whole submission, shared with the archives of embedded documents.
    let budget: DocumentBudget

    /// `budget` is the outer document's when this archive is embedded in it; a fresh one
    /// of `maxEntryBytes` otherwise.
    init(bytes: Data, maxEntryBytes: Int, budget: DocumentBudget? = nil) throws(Failure) {
        self.bytes = bytes.startIndex == 0 ? bytes : Data(bytes)
        self.maxEntryBytes = maxEntryBytes
        self.budget = budget ?? DocumentBudget(bytes: maxEntryBytes)
        var entries: [String: Entry] = [:]
        for entry in try Self.directory(of: self.bytes) where !entry.path.hasSuffix("/") {
            let key = Self.key(entry.path)
            if entries[key] == nil { entries[key] = entry }
        }
        self.entries = entries
    }

    private static func key(_ path: String) -> String {
        // Some tools write Windows separators into zip names.
        var path = path.utf8.contains(UInt8(ascii: "\\")) ? path.replacingOccurrences(of: "\\", with: "/") : path
        while path.hasPrefix("/") { path.removeFirst() }
        return path.lowercased()
    }

    func contains(_ path: String) -> Bool {
        entries[Self.key(path)] != nil
    }

    /// The bytes of the part at `path`, or nil when the package has no such part.
    func part(_ path: String) throws(Failure) -> Data? {
        guard let entry = entries[Self.key(path)] else { return nil }
        let name = entry.path
        let budget = budget
        // Which limit is nearer decides the error: this part's (or this package's), or the submission's.
        let entryLimit = max(0, maxEntryBytes - inflatedTotal)
        let limit = min(entryLimit, budget.remainingBytes)
        let exceeded: Failure = entryLimit <= budget.remainingBytes
            ? .entryTooLarge(entry: name, limit: maxEntryBytes) : .documentTooLarge(entry: name, limit: budget.byteLimit)
        guard entry.uncompressedSize <= UInt64(limit) else { throw exceeded }
        guard !entry.encrypted, let range = dataRange(of: entry) else { throw .damagedEntry(entry: name) }
        let compressed = bytes[range]
        var data = Data()
        // The declared size is only a claim: reserve no more than a modest amount up front.
        data.reserveCapacity(Int(min(entry.uncompressedSize, 8 << 20)))
        let checksum: UInt32
        switch entry.method {
        case 0:
            guard compressed.count <= limit else { throw exceeded }
            data = Data(compressed)
            checksum = Self.crc32(of: data, continuing: 0)
        case 8:
            var running: UInt32 = 0
            let outcome = RawInflater.inflate(compressed) { chunk in
                guard chunk.count <= limit - data.count else { return false }
                running = Self.crc32(of: chunk, continuing: running)
                data.append(contentsOf: chunk)
                return true
            }
            switch outcome {
            case .complete: checksum = running
            case .stopped: throw exceeded
            case .damaged: throw .damagedEntry(entry: name)
            }
        default:
            throw .damagedEntry(entry: name)
        }
        guard checksum == entry.checksum else { throw .checksumMismatch(entry: name) }
        guard UInt64(data.count) == entry.uncompressedSize else { throw .damagedEntry(entry: name) }
        inflatedTotal += data.count
        budget.spend(bytes: data.count)
        return data
    }

    /// The compressed bytes of `entry`, after its local header, if they lie inside the file.
    private func dataRange(of entry: Entry) -> Range<Int>? {
        guard entry.localHeaderOffset <= UInt64(bytes.count) else { return nil }
        let header = Int(entry.localHeaderOffset)
        guard header + 30 <= bytes.count, bytes.uint32(at: header) == 0x0403_4B50 else { return nil }
        let start = header + 30 + Int(bytes.uint16(at: header + 26)) + Int(bytes.uint16(at: header + 28))
        guard entry.compressedSize <= UInt64(bytes.count), start + Int(entry.compressedSize) <= bytes.count else { return nil }
        return start..<(start + Int(entry.compressedSize))
    }

    /// The central directory, found from the end-of-central-directory record (zip64 included).
    private static func directory(of bytes: Data) throws(Failure) -> [Entry] {
        guard bytes.count >= 22 else { throw .notZip }
        var end: Int?
        var candidate = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while candidate >= lowest {
            if bytes.uint32(at: candidate) == 0x0605_4B50 { end = candidate; break }
            candidate -= 1
        }
        guard let end else { throw .notZip }
        var count = UInt64(bytes.uint16(at: end + 10))
        var offset = UInt64(bytes.uint32(at: end + 16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF {
            let locator = end - 20
            guard locator >= 0, bytes.uint32(at: locator) == 0x0706_4B50 else { throw .notZip }
            let record = bytes.uint64(at: locator + 8)
            guard bytes.count >= 56, record <= UInt64(bytes.count - 56), bytes.uint32(at: Int(record)) == 0x0606_4B50 else {
                throw .notZip
            }
            count = bytes.uint64(at: Int(record) + 32)
            offset = bytes.uint64(at: Int(record) + 48)
        }
        var entries: [Entry] = []
        guard offset <= UInt64(bytes.count) else { throw .notZip }
        var position = Int(offset)
        while UInt64(entries.count) < count {
            guard position + 46 <= bytes.count, bytes.uint32(at: position) == 0x0201_4B50 else { throw .notZip }
            let flags = bytes.uint16(at: position + 8)
            let nameLength = Int(bytes.uint16(at: position + 28))
            let extraLength = Int(bytes.uint16(at: position + 30))
            let commentLength = Int(bytes.uint16(at: position + 32))
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= bytes.count else { throw .notZip }
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            var compressedSize = UInt64(bytes.uint32(at: position + 20))
            var uncompressedSize = UInt64(bytes.uint32(at: position + 24))
            var localHeaderOffset = UInt64(bytes.uint32(at: position + 42))
            // Zip64 extra field: the 64-bit values of exactly those fields that hold 0xFFFFFFFF.
            var extra = position + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = bytes.uint16(at: extra)
                let size = Int(bytes.uint16(at: extra + 2))
                if id == 0x0001 {
                    var field = extra + 4
                    let fieldEnd = min(extraEnd, field + size)
                    if uncompressedSize == 0xFFFF_FFFF, field + 8 <= fieldEnd { uncompressedSize = bytes.uint64(at: field); field += 8 }
                    if compressedSize == 0xFFFF_FFFF, field + 8 <= fieldEnd { compressedSize = bytes.uint64(at: field); field += 8 }
                    if localHeaderOffset == 0xFFFF_FFFF, field + 8 <= fieldEnd { localHeaderOffset = bytes.uint64(at: field) }
                }
                extra += 4 + size
            }
            entries.append(Entry(path: name, method: bytes.uint16(at: position + 10), checksum: bytes.uint32(at: position + 16),
                                 compressedSize: compressedSize, uncompressedSize: uncompressedSize,
                                 localHeaderOffset: localHeaderOffset, encrypted: flags & 1 != 0))
            position = next
        }
        for entry in entries where Self.isUnsafe(entry.path) { throw .unsafePath(entry: entry.path) }
        let ordered = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        for (entry, following) in zip(ordered, ordered.dropFirst()) {
            // A local header is at least 30 bytes before its data.
            let (end, overflow) = entry.localHeaderOffset.addingReportingOverflow(30 &+ min(entry.compressedSize, UInt64(Int.max)))
            if overflow || end > following.localHeaderOffset { throw .overlappingEntries(entry: following.path) }
        }
        return entries
    }

    /// A name that is no part of a package: absolute, a drive, a backslash, or a `..` step.
    static func isUnsafe(_ path: String) -> Bool {
        path.hasPrefix("/") || path.contains("\\") || path.utf8.dropFirst().first == UInt8(ascii: ":")
            || path.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// Resolves a relationship target against the part that holds the relationship.
    static func resolve(target rawTarget: String, relativeTo sourcePart: String) -> String {
        let target = rawTarget.utf8.contains(UInt8(ascii: "%")) ? rawTarget.removingPercentEncoding ?? rawTarget : rawTarget
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = sourcePart.split(separator: "/").dropLast().map(String.init)
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }

    /// The relationships part that belongs to `part` (`word/_rels/document.xml.rels`).
    static func relationshipsPath(for part: String) -> String {
        var components = part.split(separator: "/").map(String.init)
        let file = components.removeLast()
        return (components + ["_rels", file + ".rels"]).joined(separator: "/")
    }
}

/// What one submission may cost, with everything it embeds (`w:altChunk` documents, and
/// theirs): inflated bytes, and XML elements parsed. One per reading, handed to the archives
/// of nested documents and to the parser of every part.
///
/// A per-part limit alone lets a small package multiply its cost by embedding many
/// documents, each just under the limit. Bytes alone do not bound memory either: a part of
/// empty elements (`<w:p/>` is six bytes) costs a hundred bytes or more of tree per element.
/// A class, as the archives and parsers of one reading share it; a reading runs on one thread.
final class DocumentBudget {
    let byteLimit: Int
    let elementLimit: Int
    private(set) var bytes = 0
    private(set) var elements = 0

    init(bytes: Int, elements: Int = .max) {
        byteLimit = max(0, bytes)
        elementLimit = max(0, elements)
    }

    /// Bytes that may still be inflated.
    var remainingBytes: Int { max(0, byteLimit - bytes) }

    func spend(bytes count: Int) {
        bytes = min(byteLimit, bytes + min(count, byteLimit))
    }

    /// Counts one more parsed element; false once the limit is passed.
    func admitElement() -> Bool {
        guard elements < elementLimit else { return false }
        elements += 1
        return true
    }
}

private extension Data {
    /// Little-endian integers at a zero-based offset; callers check the bounds.
    func uint16(at offset: Int) -> UInt16 {
        UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    func uint32(at offset: Int) -> UInt32 {
        UInt32(uint16(at: offset)) | UInt32(uint16(at: offset + 2)) << 16
    }

    func uint64(at offset: Int) -> UInt64 {
        UInt64(uint32(at: offset)) | UInt64(uint32(at: offset + 4)) << 32
    }
}

extension DocxArchive {
    /// The CRC-32 of `bytes` continuing from `crc`, by zlib (in blocks its `UInt32` length takes).
    static func crc32(of bytes: Data, continuing crc: UInt32) -> UInt32 {
        bytes.withUnsafeBytes { crc32(of: $0, continuing: crc) }
    }

    static func crc32(of buffer: UnsafeRawBufferPointer, continuing crc: UInt32) -> UInt32 {
        var value = UInt(crc)
        guard var base = buffer.bindMemory(to: UInt8.self).baseAddress else { return crc }
        var left = buffer.count
        while left > 0 {
            let length = min(left, 1 << 30)
            value = clibxml2_crc32(value, base, UInt32(length))
            base += length
            left -= length
        }
        return UInt32(truncatingIfNeeded: value)
    }
}
