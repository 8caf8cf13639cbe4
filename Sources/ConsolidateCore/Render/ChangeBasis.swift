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

    /// How many slices (written) or parts (read) are worked on at once: twice the cores, so that a
    /// core that finishes early takes another while the rest are held to a batch.
    static var batchWidth: Int { 2 * max(1, ProcessInfo.processInfo.activeProcessorCount) }

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
        let width = batchWidth
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
        var rest: Data? = data
        let totals = parse(summarySize: summarySize, summaryModified: summaryModified,
                           next: { defer { rest = nil }; return rest }, handing: { statements += $0 })
        return totals.map { ChangeBasis(statements: statements, totals: $0) }
    }

    /// The basis in the file at `url`, read a piece at a time; nil as for `decode`, or where it cannot be read.
    static func read(_ url: URL, summarySize: Int, summaryModified: Int, pieceSize: Int = 1 << 20) -> ChangeBasis? {
        var statements: [ChangeReport.StatementKey] = []
        let basis = read(url, summarySize: summarySize, summaryModified: summaryModified, pieceSize: pieceSize) {
            statements += $0
        }
        return basis.map { ChangeBasis(statements: statements, totals: $0.totals) }
    }

    /// The file at `url` read a piece at a time (a megabyte), its statements handed to `batch` a batch at a
    /// time as they are read and none kept: the basis returned holds the totals alone. At a hundred
    /// thousand units the file is hundreds of megabytes, which a rerun compares without holding. Nil as
    /// for `decode`, or where the file cannot be read, when `batch` may have had some of the statements
    /// already (what it made of them is then to be let go).
    static func read(_ url: URL, summarySize: Int, summaryModified: Int, pieceSize: Int = 1 << 20,
                     handing batch: ([ChangeReport.StatementKey]) -> Void) -> ChangeBasis? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var failed = false
        let totals = parse(summarySize: summarySize, summaryModified: summaryModified, next: {
            do {
                let piece = try handle.read(upToCount: pieceSize)
                return piece?.isEmpty == false ? piece : nil
            } catch {
                failed = true
                return nil
            }
        }, handing: batch)
        return failed ? nil : totals.map { ChangeBasis(statements: [], totals: $0) }
    }

    /// The basis's totals from its bytes, handed over in pieces of any size by `next` (nil at the end),
    /// its statements handed to `batch` in order as they are read; nil where the header or the stamp is
    /// not this basis's, a line is malformed or not UTF-8, or the last line has no line feed.
    ///
    /// The header and the stamp are checked as they come; after them, the whole lines of the pieces
    /// read are decoded a part at a time (a piece's lines, with the line the piece before it cut), a
    /// part per core and in order: at a province's scale the file is hundreds of megabytes, which one
    /// thread decoded on the way of a nightly rerun.
    static func parse(summarySize: Int, summaryModified: Int, next: () -> Data?,
                      handing batch: ([ChangeReport.StatementKey]) -> Void) -> [Total]? {
        let expected = [Array(header.utf8), stampLine(summarySize: summarySize, summaryModified: summaryModified)]
        let width = batchWidth
        var pending: [UInt8] = [], linesRead = 0
        var parts: [[UInt8]] = [], totals: [Total] = []
        func decodeParts() -> Bool {
            defer { parts.removeAll() }
            for part in ParallelMap.map(parts, lines) {
                guard let part else { return false }
                if !part.statements.isEmpty { batch(part.statements) }
                totals += part.totals
            }
            return true
        }
        while let piece = next() {
            if linesRead < 2 {
                pending.append(contentsOf: piece)
                while linesRead < 2, let end = pending.firstIndex(of: 0x0A) {
                    guard pending[..<end].elementsEqual(expected[linesRead]) else { return nil }
                    pending.removeSubrange(...end)
                    linesRead += 1
                }
                guard linesRead == 2, let last = pending.lastIndex(of: 0x0A) else { continue }
                parts.append(Array(pending[...last]))
                pending.removeSubrange(...last)
            } else if let last = piece.lastIndex(of: 0x0A) {
                // The piece's bytes are copied once: into its part, behind what the piece before it cut.
                var part: [UInt8] = []
                part.reserveCapacity(pending.count + (last - piece.startIndex) + 1)
                part.append(contentsOf: pending)
                part.append(contentsOf: piece[...last])
                parts.append(part)
                pending = Array(piece[(last + 1)...])
            } else {
                pending.append(contentsOf: piece)
                continue
            }
            if parts.count == width, !decodeParts() { return nil }
        }
        guard decodeParts(), pending.isEmpty, linesRead == 2 else { return nil }
        return totals
    }

    /// What a part of the basis's lines holds, in order.
    struct Lines: Sendable {
        var statements: [ChangeReport.StatementKey] = []
        var totals: [Total] = []
    }

    /// The statements (`S`, unit, text) and totals (`T`, activity, unit, total, unknown units) of
    /// `bytes`, whole lines each ended by a line feed; nil where one is neither.
    static func lines(_ bytes: [UInt8]) -> Lines? {
        var lines = Lines()
        // Each unit's name made once and shared: it is on every one of the unit's lines.
        var units = SpellingPool()
        let whole = bytes.withUnsafeBufferPointer { bytes -> Bool in
            var start = 0
            while start < bytes.count {
                // Never nil: a part ends with a line feed.
                let end = UnsafeRawPointer(memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start)!)
                    - UnsafeRawPointer(bytes.baseAddress!)
                let line = bytes[start..<end]
                start = end + 1
                guard line.count >= 2, line[line.startIndex + 1] == 0x09 else { return false }
                switch line.first {
                case UInt8(ascii: "S"):
                    let fields = line.dropFirst(2)
                    guard let tab = fields.firstIndex(of: 0x09) else { return false }
                    let unitField = fields[..<tab], text = fields[(tab + 1)...]
                    guard !text.contains(0x09),
                          let unit = unitField.contains(0x5C) ? unescape(unitField)
                              : units.shared(validating: UnsafeBufferPointer(rebasing: unitField)),
                          let text = unescape(text) else { return false }
                    lines.statements.append(.init(unit: unit, text: text))
                case UInt8(ascii: "T"):
                    let fields = line.dropFirst(2).split(separator: 0x09, omittingEmptySubsequences: false)
                    guard fields.count >= 3, let activity = unescape(fields[0]), let unit = unescape(fields[1]),
                          let total = unescape(fields[2]).flatMap({ Int($0) }) else { return false }
                    var unknown: [String] = []
                    for field in fields.dropFirst(3) {
                        guard let name = unescape(field) else { return false }
                        unknown.append(name)
                    }
                    lines.totals.append(Total(activity: activity, unit: unit, total: total, unknown: unknown))
                default:
                    return false
                }
            }
            return true
        }
        return whole ? lines : nil
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
