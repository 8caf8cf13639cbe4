/// What a run keeps of one report's statements and figures from its file's reading to the merge:
/// every leaf's words and every figure's span in one UTF-8 buffer, each leaf and figure a small
/// record into it, and how many residue lines and placeholders the report had.
///
/// A run holds every unit's reading until the merge. Cut to their leaves as `UnitReport`s
/// (`thinned()`), a province's 100,000 readings took 1.12 GB of heap, a `String`, an `Item` and
/// their array's room per leaf and a `Metric` per figure, and freeing them when the merge took
/// the statements left 410 MB of holes the process kept. Packed, a reading is four blocks.
public struct PackedReading: Sendable, Equatable {
    /// A leaf statement: where its words end in `bytes` (each starts where the one before ends)
    /// and its place.
    struct Leaf: Sendable, Equatable {
        var end: Int
        var kind: StatementKind
        /// nil where the leaf has no location (then `paragraph` is 0).
        var origin: ParagraphOrigin?
        var paragraph: Int
    }

    /// The leaves' words, then the figures' spans, one after another.
    private let bytes: [UInt8]
    private let leaves: [Leaf]
    /// The report's figures as read, each with its `text` left empty: the span is in `bytes`.
    private var metrics: [Metric]
    /// Where each figure's span ends in `bytes` (the first starts after the last leaf's words).
    private var metricEnds: [Int]
    /// How many lines were set aside as residue, and how many placeholders were found.
    public let residue: Int
    public let placeholders: Int

    /// `report`'s leaves (in `Statement.statements(of:)`'s order, each `Item.statement`, else its
    /// label) and figures.
    public init(_ report: UnitReport) {
        var bytes: [UInt8] = []
        var leaves: [Leaf] = []
        leaves.reserveCapacity(report.sections.reduce(0) { $0 + $1.leafCount })
        // The words gathered and counted first, then copied into a buffer of exactly their size:
        // a buffer grown by doubling keeps up to twice the room it needs for the whole run.
        var words: [String] = []
        words.reserveCapacity(leaves.capacity + report.metrics.count)
        report.forEachLeaf { kind, text, location in
            words.append(text)
            leaves.append(Leaf(end: 0, kind: kind, origin: location?.origin, paragraph: location?.paragraph ?? 0))
        }
        words += report.metrics.lazy.map(\.text)
        bytes.reserveCapacity(words.reduce(0) { $0 + $1.utf8.count })
        var metricEnds: [Int] = []
        metricEnds.reserveCapacity(report.metrics.count)
        for (index, word) in words.enumerated() {
            bytes.append(contentsOf: word.utf8)
            if index < leaves.count { leaves[index].end = bytes.count } else { metricEnds.append(bytes.count) }
        }
        self.bytes = bytes
        self.leaves = leaves
        metrics = report.metrics.map { metric in
            var metric = metric
            metric.text = ""
            return metric
        }
        self.metricEnds = metricEnds
        residue = report.residue.count
        placeholders = report.placeholders.count
    }

    /// The same reading in blocks of its own, made on the calling thread.
    ///
    /// glibc's allocator gives each thread an arena of its own: readings packed on the per-file
    /// pass's threads lie among that pass's freed buffers there, and when the merge lets them go
    /// their room serves only those threads, not the merge's own thread, which makes the
    /// statements. Copied on the thread that runs the merge, the room a reading leaves serves
    /// the statements made from the readings after it.
    public func settled() -> PackedReading {
        PackedReading(bytes: bytes.withUnsafeBufferPointer { Array($0) }, leaves: leaves.withUnsafeBufferPointer { Array($0) },
                      metrics: metrics.withUnsafeBufferPointer { Array($0) },
                      metricEnds: metricEnds.withUnsafeBufferPointer { Array($0) }, residue: residue, placeholders: placeholders)
    }

    private init(bytes: [UInt8], leaves: [Leaf], metrics: [Metric], metricEnds: [Int], residue: Int, placeholders: Int) {
        self.bytes = bytes
        self.leaves = leaves
        self.metrics = metrics
        self.metricEnds = metricEnds
        self.residue = residue
        self.placeholders = placeholders
    }

    /// No leaves and no figures: what a reading is once the merge has taken it.
    init() {
        self.init(bytes: [], leaves: [], metrics: [], metricEnds: [], residue: 0, placeholders: 0)
    }

    /// Lets go of the figures' records (once the merge has made its own of them); the leaves stay.
    mutating func dropFigures() {
        metrics = []
        metricEnds = []
    }

    /// How many leaf statements the report has.
    public var leafCount: Int { leaves.count }

    /// How many figures the report has (over several years too).
    public var metricCount: Int { metrics.count }

    private func text(from start: Int, to end: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

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
        var start = 0
        for leaf in leaves {
            body(leaf.kind, text(from: start, to: leaf.end), leaf.origin, leaf.paragraph)
            start = leaf.end
        }
    }

    /// The report's figures, each with its span, in the report's order.
    public var figures: [Metric] {
        var start = leaves.last?.end ?? 0
        return zip(metrics, metricEnds).map { metric, end in
            var metric = metric
            metric.text = text(from: start, to: end)
            start = end
            return metric
        }
    }
}

/// A report as a run holds it until the merge: its account (the report without sections, metrics,
/// residue or placeholders: what run.json and the account of units read) and its packed reading.
public struct PackedReport: Sendable {
    public var account: UnitReport
    public var reading: PackedReading

    public init(_ report: UnitReport) {
        reading = PackedReading(report)
        var account = report
        account.title = ""
        account.sections = []
        account.metrics = []
        account.residue = []
        account.placeholders = []
        self.account = account
    }

    /// The report with its reading in blocks of its own, made on the calling thread (`PackedReading.settled()`).
    public func settled() -> PackedReport {
        PackedReport(account: account, reading: reading.settled())
    }

    public init(account: UnitReport, reading: PackedReading) {
        self.account = account
        self.reading = reading
    }
}
