import Foundation

/// The units expected to report this period, read from a CSV file.
///
/// The first row names the columns: `unit` (or `单位`) is required; `file`
/// (or `文件`) optionally gives the stem of the file name the unit submits
/// under, where it differs from the unit's name.
public struct Roster: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var unit: String
        public var file: String?
    }

    public let entries: [Entry]
    public var units: [String] { entries.map(\.unit) }
    /// The entries by file column and by name, built once: a file's unit is a few lookups, not a
    /// pass over the roster, so a province's roster costs what its files do.
    private let lookup: Lookup

    public init(entries: [Entry]) {
        self.entries = entries
        lookup = Lookup(entries)
    }

    public static func == (lhs: Roster, rhs: Roster) -> Bool { lhs.entries == rhs.entries }

    public static func load(from url: URL) throws -> Roster {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw RosterError.unreadable(path: url.path)
        }
        return try parse(text, path: url.path)
    }

    public static func parse(_ text: String, path: String) throws -> Roster {
        let rows = CSV.rows(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        guard let header = rows.first else { throw RosterError.noUnitColumn(path: path) }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let unitColumn = names.firstIndex(where: { $0 == "unit" || $0 == "单位" }) else {
            throw RosterError.noUnitColumn(path: path)
        }
        let fileColumn = names.firstIndex { $0 == "file" || $0 == "文件" }
        var entries: [Entry] = []
        var seen = Set<String>()
        for (index, row) in rows.dropFirst().enumerated() {
            guard unitColumn < row.count else { continue }
            let unit = trimmed(row[unitColumn])
            if unit.isEmpty { continue }
            guard seen.insert(unit).inserted else { throw RosterError.duplicate(path: path, line: index + 2, unit: unit) }
            let file = fileColumn.flatMap { $0 < row.count ? trimmed(row[$0]) : nil }
            entries.append(Entry(unit: unit, file: file?.isEmpty == false ? file : nil))
        }
        return Roster(entries: entries)
    }

    private static let spaces = CharacterSet.whitespaces

    /// `field` without the spaces and tabs at its ends (`trimmingCharacters(in: .whitespaces)`),
    /// which a field seldom has: Foundation is asked only where one of its ends is one.
    static func trimmed(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, let last = field.unicodeScalars.last,
              spaces.contains(first) || spaces.contains(last) else { return field }
        return field.trimmingCharacters(in: .whitespaces)
    }

    /// The roster unit a file belongs to: its file column, else its name equal to
    /// the file's stem, else the longest unit name the stem contains.
    public func unit(forFileStem stem: String) -> String? {
        let exact = [lookup.byFile[stem], lookup.byUnit[stem]].compactMap { $0 }.min()
        if let exact { return entries[exact].unit }
        // Every stretch of the stem as long as a unit name can be: the longest that is one wins,
        // the first in code-point order among equally long ones.
        let characters = Array(stem)
        var best: String?
        var bestLength = 0
        for start in characters.indices {
            var stretch = ""
            for end in start..<min(characters.count, start + lookup.longestUnit) {
                stretch.append(characters[end])
                let length = end - start + 1
                guard lookup.byUnit[stretch] != nil, length >= bestLength else { continue }
                if length > bestLength || best.map({ stretch < $0 }) == true {
                    best = stretch
                    bestLength = length
                }
            }
        }
        return best
    }

    /// Entry positions by file column and by unit name (the first entry where two share a file).
    private struct Lookup: Sendable {
        var byFile: [String: Int] = [:]
        var byUnit: [String: Int] = [:]
        /// The longest unit name, in characters.
        var longestUnit = 0

        init(_ entries: [Entry]) {
            for (index, entry) in entries.enumerated() {
                if let file = entry.file, byFile[file] == nil { byFile[file] = index }
                if byUnit[entry.unit] == nil { byUnit[entry.unit] = index }
                longestUnit = max(longestUnit, entry.unit.count)
            }
        }
    }
}

/// A mistake in a roster file.
public enum RosterError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case noUnitColumn(path: String)
    case duplicate(path: String, line: Int, unit: String)

    public var description: String {
        switch self {
        case let .unreadable(path):
            return "无法读取单位名单 \(path)：请确认文件存在且为 UTF-8 编码的 CSV。"
        case let .noUnitColumn(path):
            return "单位名单 \(path) 的第一行没有 unit（或“单位”）列：请在第一行写明列名。"
        case let .duplicate(path, line, unit):
            return "单位名单 \(path) 第 \(line) 行重复列出了“\(unit)”：请删去重复的一行。"
        }
    }
}

/// The small part of RFC 4180 a roster needs: commas, quoted fields, doubled quotes, CRLF.
enum CSV {
    /// The rows of a CSV text (RFC 4180 quoting; a line ends at LF, CR LF or CR), read on its UTF-8
    /// bytes: every mark the format has is ASCII, so no field is cut inside a character, and a
    /// province's roster is a hundred thousand lines read on every run (read a scalar at a time, the
    /// ten-thousand-line roster of the 10k bench took about a tenth of a nightly run in which nothing
    /// changed).
    static func rows(_ text: String) -> [[String]] {
        var text = text
        return text.withUTF8 { bytes in
            var rows: [[String]] = []
            var row: [String] = []
            var field: [UInt8] = []
            var quoted = false
            var index = 0
            func endField() {
                row.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            }
            func endRow() {
                endField()
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if quoted {
                    if byte == UInt8(ascii: "\"") {
                        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                            field.append(byte)
                            index += 1
                        } else {
                            quoted = false
                        }
                    } else {
                        field.append(byte)
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\"") where field.isEmpty: quoted = true
                case UInt8(ascii: ","): endField()
                case UInt8(ascii: "\r"):
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                    endRow()
                case UInt8(ascii: "\n"): endRow()
                default: field.append(byte)
                }
            }
            endRow()
            return rows
        }
    }
}
