import Foundation
import ZIPFoundation

/// The parts of one .docx, read from its zip bytes with the limits a hostile file needs.
///
/// ZIPFoundation 0.9.20 neither enforces an entry's declared size nor checks its CRC,
/// so both are done here: the declared size is compared with `maxEntryBytes` before
/// inflating, the inflated bytes are counted and inflation stops at the limit, and the
/// CRC-32 of what came out is compared with the entry's. The same limit also bounds the
/// sum of all parts taken out, so that a package cannot multiply its size by listing many
/// headers or notes. One `Archive` per reading, never shared between tasks.
final class DocxArchive {
    /// Why a part could not be taken out of the package.
    enum Failure: Error, Equatable {
        case notZip
        case entryTooLarge(entry: String, limit: Int)
        case checksumMismatch(entry: String)
        case damagedEntry(entry: String)
    }

    private let archive: Archive
    private let maxEntryBytes: Int
    /// Entries by path with the leading slash removed, matched case-insensitively
    /// (the package format says part names are case-insensitive).
    private let entries: [String: Entry]
    /// Bytes inflated so far by this reading, across parts.
    private var inflatedTotal = 0

    init(bytes: Data, maxEntryBytes: Int) throws(Failure) {
        do {
            archive = try Archive(data: bytes, accessMode: .read)
        } catch {
            throw .notZip
        }
        self.maxEntryBytes = maxEntryBytes
        var entries: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            let key = Self.key(entry.path)
            if entries[key] == nil { entries[key] = entry }
        }
        self.entries = entries
    }

    private static func key(_ path: String) -> String {
        // Some tools write Windows separators into zip names.
        var path = path.replacingOccurrences(of: "\\", with: "/")
        while path.hasPrefix("/") { path.removeFirst() }
        return path.lowercased()
    }

    func contains(_ path: String) -> Bool {
        entries[Self.key(path)] != nil
    }

    /// All part paths, for diagnostics and sniffing.
    var paths: [String] { entries.values.map(\.path).sorted() }

    /// The bytes of the part at `path`, or nil when the package has no such part.
    func part(_ path: String) throws(Failure) -> Data? {
        guard let entry = entries[Self.key(path)] else { return nil }
        let name = entry.path
        let limit = maxEntryBytes - inflatedTotal
        guard entry.uncompressedSize <= UInt64(max(0, limit)) else {
            throw .entryTooLarge(entry: name, limit: maxEntryBytes)
        }
        var data = Data()
        data.reserveCapacity(Int(entry.uncompressedSize))
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= limit else { throw Failure.entryTooLarge(entry: name, limit: self.maxEntryBytes) }
                data.append(chunk)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .damagedEntry(entry: name)
        }
        guard checksum == entry.checksum else { throw .checksumMismatch(entry: name) }
        guard UInt64(data.count) == entry.uncompressedSize else { throw .damagedEntry(entry: name) }
        inflatedTotal += data.count
        return data
    }

    /// Resolves a relationship target against the part that holds the relationship.
    static func resolve(target rawTarget: String, relativeTo sourcePart: String) -> String {
        let target = rawTarget.removingPercentEncoding ?? rawTarget
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
