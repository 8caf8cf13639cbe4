/// What a run keeps of one report's statements and figures from its file's reading to the merge:
/// every leaf's words and every figure's span in one UTF-8 buffer, each leaf and figure a small
/// record into it, and how many residue lines and placeholders the report had.
///
/// A run holds every unit's reading until the merge. Cut to their leaves as `UnitReport`s
/// (`thinned()`), a province's 100,000 readings took 1.12 GB of heap, a `String`, an `Item` and
/// their array's room per leaf and a `Metric` per figure, and freeing them when the merge took
/// the statements left 410 MB of holes the process kept. Packed, a reading is three runs of
/// memory in a block it shares with the readings settled beside it (`ReadingArena`), and a
/// block goes back to the system whole once the merge has taken every reading in it.
///
/// The memory is never written once the reading is made: sending it between threads is safe.
public struct PackedReading: @unchecked Sendable, Equatable {
    /// A leaf statement: where its words end in `bytes` (each starts where the one before ends)
    /// and its place.
    struct Leaf: Sendable, Equatable {
        var end: Int
        var kind: StatementKind
        /// nil where the leaf has no location (then `paragraph` is 0).
        var origin: ParagraphOrigin?
        var paragraph: Int
    }

    /// A figure as read (`Metric`): its span, activity name and measure word are the three words
    /// in `bytes` that end at `end`, `activityEnd` and `measureEnd` (each starts where the one
    /// before ends; the first figure's span starts after the last leaf's words). A `Metric` held
    /// its activity and measure as strings of its own, a buffer each for most activity names.
    struct Figure: Sendable, Equatable {
        var end: Int
        var activityEnd: Int
        var measureEnd: Int
        var value: Int?
        var approx: Bool
        var beyondPeriod: Bool
        /// nil where the figure has no location (then `paragraph` is 0).
        var origin: ParagraphOrigin?
        var paragraph: Int
    }

    /// Keeps the memory below alive: a block of the reading's own, or one it shares (`ReadingArena`).
    let owner: ReadingBlock?
    /// The leaves' words, then each figure's span, activity and measure, one after another.
    private let bytes: UnsafeBufferPointer<UInt8>
    private let leaves: UnsafeBufferPointer<Leaf>
    /// The report's figures as read, in its order.
    private var figureRecords: UnsafeBufferPointer<Figure>
    /// How many lines were set aside as residue, and how many placeholders were found.
    public let residue: Int
    public let placeholders: Int

    /// `report`'s leaves (in `Statement.statements(of:)`'s order, each `Item.statement`, else its
    /// label) and figures.
    public init(_ report: UnitReport) {
        var bytes: [UInt8] = []
        var leaves: [Leaf] = []
        leaves.reserveCapacity(report.sections.reduce(0) { $0 + $1.leafCount })
        // The words gathered and counted first, then copied into a buffer of exactly their size,
        // and that into a block of the reading's own (a run copies it again into its shared blocks).
        var words: [String] = []
        words.reserveCapacity(leaves.capacity + report.metrics.count)
        report.forEachLeaf { kind, text, location in
            words.append(text)
            leaves.append(Leaf(end: 0, kind: kind, origin: location?.origin, paragraph: location?.paragraph ?? 0))
        }
        for metric in report.metrics { words += [metric.text, metric.activity, metric.unit] }
        bytes.reserveCapacity(words.reduce(0) { $0 + $1.utf8.count })
        var ends: [Int] = []
        ends.reserveCapacity(report.metrics.count * 3)
        for (index, word) in words.enumerated() {
            bytes.append(contentsOf: word.utf8)
            if index < leaves.count { leaves[index].end = bytes.count } else { ends.append(bytes.count) }
        }
        let figures = report.metrics.enumerated().map { index, metric in
            Figure(end: ends[3 * index], activityEnd: ends[3 * index + 1], measureEnd: ends[3 * index + 2], value: metric.value,
                   approx: metric.approx, beyondPeriod: metric.beyondPeriod, origin: metric.location?.origin,
                   paragraph: metric.location?.paragraph ?? 0)
        }
        self = bytes.withUnsafeBufferPointer { bytes in
            leaves.withUnsafeBufferPointer { leaves in
                figures.withUnsafeBufferPointer { figures in
                    Self.placed(bytes: bytes, leaves: leaves, figures: figures, residue: report.residue.count,
                                placeholders: report.placeholders.count, in: nil)
                }
            }
        }
    }

    /// The same reading copied into `arena`'s current block, after the readings settled before it,
    /// on the calling thread. Left where the per-file pass's threads packed it, a reading would lie
    /// among that pass's freed buffers in their allocator arenas, and the room it leaves when the
    /// merge takes it would serve only those threads; in the arena's blocks it goes back whole.
    func settled(in arena: ReadingArena) -> PackedReading {
        Self.placed(bytes: bytes, leaves: leaves, figures: figureRecords, residue: residue, placeholders: placeholders, in: arena)
    }

    /// The three runs copied into a block: `arena`'s, or one of exactly their size.
    private static func placed(bytes: UnsafeBufferPointer<UInt8>, leaves: UnsafeBufferPointer<Leaf>,
                               figures: UnsafeBufferPointer<Figure>, residue: Int, placeholders: Int,
                               in arena: ReadingArena?) -> PackedReading {
        let size = ReadingBlock.room(for: leaves) + ReadingBlock.room(for: figures) + ReadingBlock.room(for: bytes)
        let block = arena?.block(for: size) ?? ReadingBlock(capacity: size, serial: 0)
        // Records first (aligned), the words last.
        let leaves = block.place(leaves), figures = block.place(figures), bytes = block.place(bytes)
        return PackedReading(owner: block, bytes: bytes, leaves: leaves, figures: figures, residue: residue,
                             placeholders: placeholders)
    }

    private init(owner: ReadingBlock?, bytes: UnsafeBufferPointer<UInt8>, leaves: UnsafeBufferPointer<Leaf>,
                 figures: UnsafeBufferPointer<Figure>, residue: Int, placeholders: Int) {
        self.owner = owner
        self.bytes = bytes
        self.leaves = leaves
        figureRecords = figures
        self.residue = residue
        self.placeholders = placeholders
    }

    /// No leaves and no figures: what a reading is once the merge has taken it.
    init() {
        self.init(owner: nil, bytes: UnsafeBufferPointer(start: nil, count: 0), leaves: UnsafeBufferPointer(start: nil, count: 0),
                  figures: UnsafeBufferPointer(start: nil, count: 0), residue: 0, placeholders: 0)
    }

    /// The serial number of the arena block holding the reading (0 for a block of its own): readings
    /// taken in this order let each block go as soon as the last reading in it is taken.
    var blockSerial: Int { owner?.serial ?? 0 }

    public static func == (a: PackedReading, b: PackedReading) -> Bool {
        a.residue == b.residue && a.placeholders == b.placeholders && a.bytes.elementsEqual(b.bytes)
            && a.leaves.elementsEqual(b.leaves) && a.figureRecords.elementsEqual(b.figureRecords)
    }

    /// How many leaf statements the report has.
    public var leafCount: Int { leaves.count }

    /// How many figures the report has (over several years too).
    public var metricCount: Int { figureRecords.count }

    /// The leaves' words, `separator` between each two: `statements(unit:source:).map(\.text).joined(separator:)`.
    func leafText(separator: Unicode.Scalar) -> String {
        let mark = Array(String(separator).utf8)
        var joined: [UInt8] = []
        joined.reserveCapacity((leaves.last?.end ?? 0) + max(0, leaves.count - 1) * mark.count)
        var start = 0
        for (index, leaf) in leaves.enumerated() {
            if index > 0 { joined += mark }
            joined += bytes[start..<leaf.end]
            start = leaf.end
        }
        return String(decoding: joined, as: UTF8.self)
    }

    /// The report's statements, as `Statement.statements(of:)` gives them for the whole report.
    public func statements(unit: String, source: String?) -> [Statement] {
        var result: [Statement] = []
        result.reserveCapacity(leaves.count)
        forEachLeaf { kind, text, origin, paragraph in
            result.append(Statement(kind: kind, unit: unit, text: text, source: source,
                                    location: origin.map { SourceLocation(paragraph: paragraph, origin: $0) }))
        }
        return result
    }

    /// Each leaf in order: its kind, its words, and its place (origin nil and paragraph 0 for none).
    func forEachLeaf(_ body: (StatementKind, String, ParagraphOrigin?, Int) -> Void) {
        forEachLeaf(making: { String(decoding: $0, as: UTF8.self) }, body)
    }

    /// `forEachLeaf(_:)`, each leaf's words taken from `pool` (a wording seen before is not made again).
    func forEachLeaf(spellings pool: inout SpellingPool, _ body: (StatementKind, String, ParagraphOrigin?, Int) -> Void) {
        forEachLeaf(making: { pool.shared(bytes: $0) }, body)
    }

    private func forEachLeaf(making text: (UnsafeBufferPointer<UInt8>) -> String,
                             _ body: (StatementKind, String, ParagraphOrigin?, Int) -> Void) {
        var start = 0
        for leaf in leaves {
            body(leaf.kind, text(UnsafeBufferPointer(rebasing: bytes[start..<leaf.end])), leaf.origin, leaf.paragraph)
            start = leaf.end
        }
    }

    /// The report's figures, each with its span, in the report's order.
    public var figures: [Metric] {
        figures(making: { String(decoding: $0, as: UTF8.self) })
    }

    /// `figures`, each span's words taken from `pool` (a wording seen before is not made again).
    func figures(spellings pool: inout SpellingPool) -> [Metric] {
        figures(making: { pool.shared(bytes: $0) })
    }

    private func figures(making text: (UnsafeBufferPointer<UInt8>) -> String) -> [Metric] {
        var start = leaves.last?.end ?? 0
        return figureRecords.map { figure in
            defer { start = figure.measureEnd }
            return Metric(text: text(UnsafeBufferPointer(rebasing: bytes[start..<figure.end])),
                          activity: text(UnsafeBufferPointer(rebasing: bytes[figure.end..<figure.activityEnd])),
                          value: figure.value,
                          unit: text(UnsafeBufferPointer(rebasing: bytes[figure.activityEnd..<figure.measureEnd])),
                          approx: figure.approx, beyondPeriod: figure.beyondPeriod,
                          location: figure.origin.map { SourceLocation(paragraph: figure.paragraph, origin: $0) })
        }
    }
}

/// The reading as the state store keeps it (`PackedReport.storedBytes`).
extension PackedReading {
    /// The runs field by field: residue, placeholders, the counts, each leaf, each figure, then the words.
    func write(to writer: inout StoredWriter) {
        writer.int(residue)
        writer.int(placeholders)
        writer.int(leaves.count)
        writer.int(figureRecords.count)
        writer.int(bytes.count)
        for leaf in leaves {
            writer.int(leaf.end)
            writer.byte(StatementKind.allCases.firstIndex(of: leaf.kind)!)
            writer.origin(leaf.origin)
            writer.int(leaf.paragraph)
        }
        for figure in figureRecords {
            writer.int(figure.end)
            writer.int(figure.activityEnd)
            writer.int(figure.measureEnd)
            writer.byte(figure.value == nil ? 0 : 1)
            writer.int(figure.value ?? 0)
            writer.byte((figure.approx ? 1 : 0) | (figure.beyondPeriod ? 2 : 0))
            writer.origin(figure.origin)
            writer.int(figure.paragraph)
        }
        writer.bytes(bytes)
    }

    /// `write(to:)` read back, in a block of its own; nil where a count, end or case is not one it wrote.
    init?(reading reader: inout StoredReader) {
        guard let residue = reader.int(), let placeholders = reader.int(), let leafCount = reader.int(),
              let figureCount = reader.int(), let byteCount = reader.int(),
              residue >= 0, placeholders >= 0, leafCount >= 0, figureCount >= 0, byteCount >= 0,
              // Each record takes some bytes: counts beyond what is left are not read.
              leafCount <= reader.remaining, figureCount <= reader.remaining
        else { return nil }
        var leaves: [Leaf] = []
        leaves.reserveCapacity(leafCount)
        var last = 0
        for _ in 0..<leafCount {
            guard let end = reader.int(), end >= last, end <= byteCount, let kind = reader.byte(),
                  kind < StatementKind.allCases.count, let origin = reader.origin(), let paragraph = reader.int() else { return nil }
            let kindCase = StatementKind.allCases[StatementKind.allCases.index(StatementKind.allCases.startIndex, offsetBy: kind)]
            leaves.append(Leaf(end: end, kind: kindCase, origin: origin, paragraph: paragraph))
            last = end
        }
        var figures: [Figure] = []
        figures.reserveCapacity(figureCount)
        for _ in 0..<figureCount {
            guard let end = reader.int(), let activityEnd = reader.int(), let measureEnd = reader.int(),
                  last <= end, end <= activityEnd, activityEnd <= measureEnd, measureEnd <= byteCount,
                  let present = reader.byte(), present <= 1, let value = reader.int(), let flags = reader.byte(), flags <= 3,
                  let origin = reader.origin(), let paragraph = reader.int() else { return nil }
            figures.append(Figure(end: end, activityEnd: activityEnd, measureEnd: measureEnd, value: present == 1 ? value : nil,
                                  approx: flags & 1 != 0, beyondPeriod: flags & 2 != 0, origin: origin, paragraph: paragraph))
            last = measureEnd
        }
        guard let words = reader.bytes(byteCount) else { return nil }
        self = leaves.withUnsafeBufferPointer { leaves in
            figures.withUnsafeBufferPointer { figures in
                words.withUnsafeBufferPointer { words in
                    Self.placed(bytes: words, leaves: leaves, figures: figures, residue: residue, placeholders: placeholders, in: nil)
                }
            }
        }
    }
}

/// A report as a run holds it until the merge: its account (the report without sections, metrics,
/// residue or placeholders: what run.json and the account of units read) and its packed reading.
public struct PackedReport: Sendable {
    public var account: UnitReport
    public var reading: PackedReading
    /// The report's copy-detection signature, where it was made as the report was read; a run moves
    /// it into its table of signatures (`carry(into:)`) as it settles the report.
    var signature: CopyDetector.Signature?
    /// Where in the run's table of signatures the report's is (`carry(into:)`).
    var carried: CarriedSignature?

    public init(_ report: UnitReport) {
        self.init(report, signature: nil)
    }

    /// `init(_:)` with, where `signing` and the report has statements (it is not quarantined), its
    /// copy-detection signature made from its packed reading.
    init(_ report: UnitReport, signing: Bool) {
        self.init(report, signature: nil)
        if signing, report.status == .ok { signature = CopyDetector.Signature(unit: report.unit, reading: reading) }
    }

    /// `init(_:)` with the report's copy-detection `signature`.
    init(_ report: UnitReport, signature: CopyDetector.Signature?) {
        self.signature = signature
        reading = PackedReading(report)
        var account = report
        account.title = ""
        account.sections = []
        account.metrics = []
        account.residue = []
        account.placeholders = []
        self.account = account
    }

    /// The report with its reading copied into `arena` (`PackedReading.settled(in:)`).
    func settled(in arena: ReadingArena) -> PackedReport {
        var settled = self
        settled.reading = reading.settled(in: arena)
        return settled
    }

    /// The report with its signature moved into `table`: held there, in one run of memory, rather
    /// than as an array of each report's own.
    func carry(into table: SignatureTable) -> PackedReport {
        var carried = self
        if let signature { carried.carried = table.add(signature) }
        carried.signature = nil
        return carried
    }

    public init(account: UnitReport, reading: PackedReading) {
        self.account = account
        self.reading = reading
    }
}
