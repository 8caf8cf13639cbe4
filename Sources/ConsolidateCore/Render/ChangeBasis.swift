import Foundation

/// What `ChangeReport` compares of a run's summary: its statements by unit and its totals.
///
/// The next run needs only this of the previous summary, so each run keeps it beside its outputs
/// (`OUT/.consolidate/basis`) in a plain line format that reads in a fraction of the time that
/// decoding summary.json takes (at ten thousand units, 150 MB of JSON). It is used only while
/// summary.json is the file that run wrote (same size and time); otherwise summary.json is read.
public struct ChangeBasis: Sendable, Equatable {
    /// One total as the comparison shows it.
    public struct Total: Sendable, Equatable {
        public var activity: String
        public var unit: String
        public var total: Int
        public var unknown: [String]
    }

    var statements: [ChangeReport.StatementKey]
    var totals: [Total]

    public init(_ consolidation: Consolidation) {
        statements = ChangeReport.statements(of: consolidation)
        totals = consolidation.metrics.map { Total(activity: $0.activity, unit: $0.unit, total: $0.total, unknown: $0.unknown) }
    }

    init(statements: [ChangeReport.StatementKey], totals: [Total]) {
        self.statements = statements
        self.totals = totals
    }

    static let header = "consolidate change basis 1"

    /// The file's lines: the header, summary.json's size and time as the run left it, then one line
    /// per statement (`S`, unit, text) and per total (`T`, activity, unit, total, unknown units),
    /// fields apart by tabs, with tab, line break and backslash escaped.
    func encoded(summarySize: Int, summaryModified: Int) -> Data {
        var lines = [Self.header, "\(summarySize)\t\(summaryModified)"]
        lines.reserveCapacity(statements.count + totals.count + 2)
        for statement in statements { lines.append("S\t\(Self.escape(statement.unit))\t\(Self.escape(statement.text))") }
        for total in totals {
            lines.append(["T", Self.escape(total.activity), Self.escape(total.unit), String(total.total)]
                .joined(separator: "\t") + total.unknown.map { "\t" + Self.escape($0) }.joined())
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The basis in `data` if it is whole and was made for a summary.json of this size and time; else nil.
    /// Read on UTF-8 bytes: lines at line feeds, fields at tabs (neither occurs inside an escaped field).
    static func decode(_ data: Data, summarySize: Int, summaryModified: Int) -> ChangeBasis? {
        let bytes = [UInt8](data)
        guard bytes.last == 0x0A else { return nil }
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(bytes[start..<index])
            start = index + 1
        }
        guard lines.count >= 2, lines[0].elementsEqual(header.utf8),
              lines[1].elementsEqual("\(summarySize)\t\(summaryModified)".utf8) else { return nil }
        var statements: [ChangeReport.StatementKey] = [], totals: [Total] = []
        statements.reserveCapacity(lines.count)
        for line in lines.dropFirst(2) {
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard let kind = fields.first, kind.count == 1 else { return nil }
            switch kind.first {
            case UInt8(ascii: "S") where fields.count == 3:
                guard let unit = unescape(fields[1]), let text = unescape(fields[2]) else { return nil }
                statements.append(.init(unit: unit, text: text))
            case UInt8(ascii: "T") where fields.count >= 4:
                guard let activity = unescape(fields[1]), let unit = unescape(fields[2]),
                      let total = unescape(fields[3]).flatMap({ Int($0) }) else { return nil }
                var unknown: [String] = []
                for field in fields.dropFirst(4) {
                    guard let name = unescape(field) else { return nil }
                    unknown.append(name)
                }
                totals.append(Total(activity: activity, unit: unit, total: total, unknown: unknown))
            default:
                return nil
            }
        }
        return ChangeBasis(statements: statements, totals: totals)
    }

    static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        var escaped = ""
        for scalar in field.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A field's text, its escapes undone; nil where it is not UTF-8.
    static func unescape(_ field: ArraySlice<UInt8>) -> String? {
        guard field.contains(0x5C) else { return String(validating: field, as: UTF8.self) }
        var plain: [UInt8] = []
        plain.reserveCapacity(field.count)
        var pending = false
        for byte in field {
            if pending {
                switch byte {
                case UInt8(ascii: "t"): plain.append(0x09)
                case UInt8(ascii: "n"): plain.append(0x0A)
                case UInt8(ascii: "r"): plain.append(0x0D)
                default: plain.append(byte)
                }
                pending = false
            } else if byte == 0x5C {
                pending = true
            } else {
                plain.append(byte)
            }
        }
        return String(validating: plain, as: UTF8.self)
    }

    // MARK: Kept beside the outputs

    static func url(_ output: URL) -> URL { output.appendingPathComponent(".consolidate/basis") }

    /// summary.json's size and modification time in nanoseconds, where it exists.
    static func stamp(_ output: URL) -> (size: Int, modified: Int)? {
        RunReuse.stamp(output.appendingPathComponent("summary.json")).map { ($0[0], $0[1]) }
    }

    /// The previous run's basis: from the file a run kept while summary.json is as it left it, else
    /// from summary.json itself; nil where there is no readable summary.json.
    public static func previous(in output: URL) -> ChangeBasis? {
        guard let stamp = stamp(output) else { return nil }
        if let data = try? Data(contentsOf: url(output)),
           let basis = decode(data, summarySize: stamp.size, summaryModified: stamp.modified) {
            return basis
        }
        return (try? Data(contentsOf: output.appendingPathComponent("summary.json")))
            .flatMap { JSONByteDecoder.decodeLeniently(Consolidation.self, from: $0) }
            .map(ChangeBasis.init)
    }

    /// Keeps this run's basis for the next, after summary.json is written; a folder without
    /// summary.json keeps none (and loses an older one, which no longer describes it).
    public func keep(in output: URL) {
        guard let stamp = Self.stamp(output) else {
            try? FileManager.default.removeItem(at: Self.url(output))
            return
        }
        do {
            try AtomicFile.write(encoded(summarySize: stamp.size, summaryModified: stamp.modified), to: Self.url(output))
        } catch {
            try? FileManager.default.removeItem(at: Self.url(output))
        }
    }
}
