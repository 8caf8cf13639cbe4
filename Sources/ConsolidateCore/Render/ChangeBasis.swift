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
        totals = Self.totals(of: consolidation)
    }

    static func totals(of consolidation: Consolidation) -> [Total] {
        consolidation.metrics.map { Total(activity: $0.activity, unit: $0.unit, total: $0.total, unknown: $0.unknown) }
    }

    init(statements: [ChangeReport.StatementKey], totals: [Total]) {
        self.statements = statements
        self.totals = totals
    }

    static let header = "consolidate change basis 2"

    /// The second line: summary.json's size and time, each right-aligned in 20 characters (any `Int`
    /// fits), so that a run can write it in its place after the statements, once summary.json is written.
    static func stampLine(summarySize: Int, summaryModified: Int) -> [UInt8] {
        func aligned(_ value: Int) -> [UInt8] {
            let digits = Array(String(value).utf8)
            return [UInt8](repeating: UInt8(ascii: " "), count: max(0, 20 - digits.count)) + digits
        }
        return aligned(summarySize) + [0x09] + aligned(summaryModified)
    }

    /// The file's lines: the header, summary.json's size and time as the run left it, then one line
    /// per statement (`S`, unit, text) and per total (`T`, activity, unit, total, unknown units),
    /// fields apart by tabs, with tab, line break and backslash escaped.
    func encoded(summarySize: Int, summaryModified: Int) -> Data {
        var data = Data()
        // Never fails: the sink only appends.
        try? write(summarySize: summarySize, summaryModified: summaryModified) { data.append(contentsOf: $0) }
        return data
    }

    /// `encoded(summarySize:summaryModified:)`'s bytes handed to `sink` a piece at a time (about a
    /// megabyte each): at a hundred thousand units the basis is hundreds of megabytes, which a run
    /// need not hold as lines, as one string and again as data.
    func write(summarySize: Int, summaryModified: Int, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let statements = statements
        try Self.write(statements: statements.count, { statements[$0] }, totals: totals, summarySize: summarySize,
                       summaryModified: summaryModified, to: sink)
    }

    /// Statements encoded per slice, the slices of a batch on every core, then handed over in order.
    static let sliceSize = 1 << 13

    /// The basis's bytes for `count` statements (`statement(position)`) and `totals`, handed to `sink`
    /// a piece at a time: each slice of `sliceSize` statements is encoded apart, a batch of them on every
    /// core, so that the bytes are those of one pass over the lines in order.
    static func write(statements count: Int, _ statement: @Sendable (Int) -> ChangeReport.StatementKey, totals: [Total],
                      summarySize: Int, summaryModified: Int, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        var buffer: [UInt8] = []
        buffer.append(contentsOf: Self.header.utf8)
        buffer.append(0x0A)
        buffer.append(contentsOf: stampLine(summarySize: summarySize, summaryModified: summaryModified))
        try buffer.withUnsafeBytes(sink)
        let width = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        let slices = stride(from: 0, to: count, by: sliceSize).map { $0..<min(count, $0 + sliceSize) }
        for batch in stride(from: 0, to: slices.count, by: width) {
            let encoded = ParallelMap.map(Array(slices[batch..<min(slices.count, batch + width)])) { slice -> [UInt8] in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(slice.count * 128)
                for position in slice {
                    let line = statement(position)
                    bytes.append(0x0A)
                    bytes.append(UInt8(ascii: "S"))
                    bytes.append(0x09)
                    appendEscaped(line.unit, to: &bytes)
                    bytes.append(0x09)
                    appendEscaped(line.text, to: &bytes)
                }
                return bytes
            }
            for bytes in encoded { try bytes.withUnsafeBytes(sink) }
        }
        buffer.removeAll()
        for total in totals {
            buffer.append(0x0A)
            buffer.append(UInt8(ascii: "T"))
            for text in [total.activity, total.unit, String(total.total)] + total.unknown {
                buffer.append(0x09)
                appendEscaped(text, to: &buffer)
            }
        }
        buffer.append(0x0A)
        try buffer.withUnsafeBytes(sink)
    }

    /// `escape(field)`'s UTF-8 bytes appended to `buffer`: the runs between bytes to escape (most
    /// fields have none) appended whole, not a byte at a time.
    static func appendEscaped(_ field: String, to buffer: inout [UInt8]) {
        var field = field
        field.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let escaped: UInt8
                switch bytes[index] {
                case 0x5C: escaped = 0x5C
                case 0x09: escaped = UInt8(ascii: "t")
                case 0x0A: escaped = UInt8(ascii: "n")
                case 0x0D: escaped = UInt8(ascii: "r")
                default: continue
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                buffer.append(0x5C)
                buffer.append(escaped)
                start = index + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// The basis in `data` if it is whole and was made for a summary.json of this size and time; else nil.
    static func decode(_ data: Data, summarySize: Int, summaryModified: Int) -> ChangeBasis? {
        var statements: [ChangeReport.StatementKey] = []
        var reader = Reader(summarySize: summarySize, summaryModified: summaryModified) { statements.append($0) }
        let fed = data.withUnsafeBytes { reader.feed($0.bindMemory(to: UInt8.self)) }
        guard fed, let totals = reader.finish() else { return nil }
        return ChangeBasis(statements: statements, totals: totals)
    }

    /// The basis in the file at `url`, read a piece at a time; nil as for `decode`, or where it cannot be read.
    static func read(_ url: URL, summarySize: Int, summaryModified: Int, pieceSize: Int = 1 << 22) -> ChangeBasis? {
        var statements: [ChangeReport.StatementKey] = []
        let basis = read(url, summarySize: summarySize, summaryModified: summaryModified, pieceSize: pieceSize) {
            statements.append($0)
        }
        return basis.map { ChangeBasis(statements: statements, totals: $0.totals) }
    }

    /// The file at `url` read a piece at a time (4 MB), each statement handed to `statement` as it is
    /// read and none kept: the basis returned holds the totals alone. At a hundred thousand units the
    /// file is hundreds of megabytes, which a rerun compares without holding. Nil as for `decode`, or
    /// where the file cannot be read, when `statement` may have had some of the statements already
    /// (what it made of them is then to be let go).
    static func read(_ url: URL, summarySize: Int, summaryModified: Int, pieceSize: Int = 1 << 22,
                     handing statement: (ChangeReport.StatementKey) -> Void) -> ChangeBasis? {
        withoutActuallyEscaping(statement) { statement in
            var reader = Reader(summarySize: summarySize, summaryModified: summaryModified, handing: statement)
            guard eachPiece(of: url, pieceSize: pieceSize, { reader.feed($0) }), let totals = reader.finish() else { return nil }
            return ChangeBasis(statements: [], totals: totals)
        }
    }

    /// Calls `body` with the file's bytes a piece at a time, while it says to go on; whether the file
    /// could be read to its end with every piece taken.
    private static func eachPiece(of url: URL, pieceSize: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        while true {
            let piece: Data?
            do { piece = try handle.read(upToCount: pieceSize) } catch { return false }
            guard let piece, !piece.isEmpty else { return true }
            guard piece.withUnsafeBytes({ body($0.bindMemory(to: UInt8.self)) }) else { return false }
        }
    }

    /// Decodes the basis's bytes as they come, in pieces of any size, handing each statement over as
    /// its line is read: on UTF-8 bytes, lines at line feeds, fields at tabs (neither occurs inside an
    /// escaped field). Only a line cut by a piece's end is copied, to be finished by the next piece.
    struct Reader {
        private let expectedHeader: [UInt8], expectedStamp: [UInt8]
        private var linesRead = 0
        private var partial: [UInt8] = []
        private var totals: [Total] = []
        // Each unit's name made once and shared: it is on every one of the unit's lines. The words
        // are each statement's own, let go once compared (a pool would keep them all to the last line).
        private var units = SpellingPool()
        private let handing: (ChangeReport.StatementKey) -> Void

        init(summarySize: Int, summaryModified: Int, handing statement: @escaping (ChangeReport.StatementKey) -> Void) {
            expectedHeader = Array(ChangeBasis.header.utf8)
            expectedStamp = ChangeBasis.stampLine(summarySize: summarySize, summaryModified: summaryModified)
            handing = statement
        }

        /// Reads `bytes`'s whole lines and keeps the rest for the next piece; false where a line is not
        /// the basis's (the wrong header or stamp, a malformed line, text that is not UTF-8).
        mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var start = 0
            while start < bytes.count {
                guard let end = bytes[start...].firstIndex(of: 0x0A) else {
                    partial.append(contentsOf: bytes[start...])
                    return true
                }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                if partial.isEmpty {
                    guard take(line) else { return false }
                } else {
                    partial.append(contentsOf: line)
                    let whole = partial.withUnsafeBufferPointer { take($0) }
                    partial.removeAll(keepingCapacity: true)
                    guard whole else { return false }
                }
            }
            return true
        }

        /// The totals, where every line has been whole (the last ends with a line feed) and there was a basis.
        func finish() -> [Total]? {
            guard partial.isEmpty, linesRead >= 2 else { return nil }
            return totals
        }

        private mutating func take(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            defer { linesRead += 1 }
            switch linesRead {
            case 0: return line.elementsEqual(expectedHeader)
            case 1: return line.elementsEqual(expectedStamp)
            default: break
            }
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard let kind = fields.first, kind.count == 1 else { return false }
            switch kind.first {
            case UInt8(ascii: "S") where fields.count == 3:
                guard let unit = shared(fields[1]), let text = ChangeBasis.unescape(fields[2]) else { return false }
                handing(.init(unit: unit, text: text))
            case UInt8(ascii: "T") where fields.count >= 4:
                guard let activity = ChangeBasis.unescape(fields[1]), let unit = ChangeBasis.unescape(fields[2]),
                      let total = ChangeBasis.unescape(fields[3]).flatMap({ Int($0) }) else { return false }
                var unknown: [String] = []
                for field in fields.dropFirst(4) {
                    guard let name = ChangeBasis.unescape(field) else { return false }
                    unknown.append(name)
                }
                totals.append(Total(activity: activity, unit: unit, total: total, unknown: unknown))
            default:
                return false
            }
            return true
        }

        /// A unit's name from the pool, or unescaped where it holds an escape (those are rare).
        private mutating func shared(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
            field.contains(0x5C) ? ChangeBasis.unescape(field) : units.shared(validating: UnsafeBufferPointer(rebasing: field))
        }
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
    static func unescape<Bytes: Collection<UInt8>>(_ field: Bytes) -> String? {
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

    /// The basis of the summary.json in `output`, decoded whole (where the basis a run kept is missing,
    /// or was made for another summary.json); nil where there is no readable summary.json.
    static func ofSummary(in output: URL) -> ChangeBasis? {
        (try? Data(contentsOf: output.appendingPathComponent("summary.json")))
            .flatMap { JSONByteDecoder.decodeLeniently(Consolidation.self, from: $0) }
            .map(ChangeBasis.init)
    }

    /// The basis of `consolidation` for the next run, written beside the outputs but not yet in place,
    /// its stamp left blank: at a hundred thousand units hundreds of megabytes, written while the
    /// outputs are made rather than after them (`keep` puts it in place). The list of its statements
    /// is never made: each is written from where it stands in the consolidation. Nil where it could
    /// not be written (the run then keeps no basis).
    public static func draft(_ consolidation: Consolidation, in output: URL) -> AtomicFile.Draft? {
        let statements = ChangeReport.StatementsByPosition(consolidation)
        let totals = totals(of: consolidation)
        guard let draft = try? AtomicFile.Draft(replacing: url(output)) else { return nil }
        do {
            try write(statements: statements.count, { statements[$0] }, totals: totals, summarySize: 0,
                      summaryModified: 0, to: draft.write)
            return draft
        } catch {
            draft.discard()
            return nil
        }
    }

    /// Puts `draft` in place, stamped with summary.json's size and time now that summary.json is
    /// written. Without summary.json, or without a draft, the folder keeps no basis (an older one no
    /// longer describes it).
    public static func keep(_ draft: AtomicFile.Draft?, in output: URL) {
        guard let draft, let stamp = stamp(output) else {
            draft?.discard()
            try? FileManager.default.removeItem(at: url(output))
            return
        }
        do {
            try stampLine(summarySize: stamp.size, summaryModified: stamp.modified).withUnsafeBytes { line in
                try draft.patch(line, at: header.utf8.count + 1)
            }
            try draft.commit()
        } catch {
            draft.discard()
            try? FileManager.default.removeItem(at: url(output))
        }
    }
}
