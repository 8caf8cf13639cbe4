/// What the grouper reads of each statement: its words and its unit's name.
protocol GroupedStatements: Sendable {
    var count: Int { get }
    func text(_ index: Int) -> String
    func unit(_ index: Int) -> String
}

extension Array: GroupedStatements where Element == Statement {
    func text(_ index: Int) -> String { self[index].text }
    func unit(_ index: Int) -> String { self[index].unit }
}

/// The merge's statements in `Merger.statementOrder`, each held in 40 bytes rather than a
/// `Statement`'s 72: its words and its place, and its unit's and its source's spellings as ids
/// into tables that every row shares (a unit's hundreds of statements spell its name and its
/// file once). A province's two million statements are held this way while they are grouped.
struct StatementRows: GroupedStatements {
    struct Row: Sendable {
        var text: String
        /// The location's paragraph; 0 where there is no location (`origin` is nil).
        var paragraph: Int
        /// The unit's spelling, by id into `unitSpellings`.
        var unit: Int32
        /// The source's spelling, by id into `sourceSpellings`; -1 for none.
        var source: Int32
        var kind: StatementKind
        /// The location's origin; nil where the statement has no location.
        var origin: ParagraphOrigin?
    }

    private(set) var rows: [Row]
    /// Each unit name as spelled, byte for byte, once (two spellings equal as `String`s are two entries).
    let unitSpellings: [String]
    /// Each source path as spelled, once.
    let sourceSpellings: [String]

    var count: Int { rows.count }
    func text(_ index: Int) -> String { rows[index].text }
    func unit(_ index: Int) -> String { unitSpellings[Int(rows[index].unit)] }

    func source(_ index: Int) -> String? {
        let id = rows[index].source
        return id < 0 ? nil : sourceSpellings[Int(id)]
    }

    func location(_ index: Int) -> SourceLocation? {
        rows[index].origin.map { SourceLocation(paragraph: rows[index].paragraph, origin: $0) }
    }

    func statement(_ index: Int) -> Statement {
        Statement(kind: rows[index].kind, unit: unit(index), text: rows[index].text, source: source(index),
                  location: location(index))
    }

    func member(_ index: Int) -> Member {
        Member(unit: unit(index), text: rows[index].text, source: source(index), location: location(index))
    }

    /// Every statement as a `Statement`, in order.
    var statements: [Statement] { rows.indices.map(statement) }

    /// `statements` sorted by `Merger.statementOrder`, units and sources compared by their rank among
    /// the distinct ones (each distinct name compared as text once, not once per comparison).
    init(sorting statements: [Statement]) {
        var none: [MergeInput.PackedStatements] = []
        self.init(sorting: statements, taking: &none)
    }

    /// `init(sorting:)` of `statements` followed by every packed report's, made straight from the
    /// readings (no `Statement` per leaf on the way, and one `String` per distinct wording: `SpellingPool`);
    /// each reading is let go once its rows are made and `beside` has been shown it (with its
    /// position in `packed`, which is emptied).
    ///
    /// The readings are taken `chunk` at a time, and `beside` is shown a chunk's readings, in order,
    /// on a thread of its own while that chunk's rows are made: what else is made of each reading (its
    /// figures) does not wait for the rows of every reading on one core (a province's 1.8 s).
    init(sorting statements: [Statement], taking packed: inout [MergeInput.PackedStatements], chunk: Int = 1024,
         beside: (@Sendable (Int, MergeInput.PackedStatements) -> Void)? = nil) {
        var units = Spellings(), sources = Spellings()
        var rows: [Row] = []
        rows.reserveCapacity(statements.count + packed.reduce(0) { $0 + $1.reading.leafCount })
        for statement in statements {
            rows.append(Row(text: statement.text, paragraph: statement.location?.paragraph ?? 0,
                            unit: units.id(statement.unit), source: statement.source.map { sources.id($0) } ?? -1,
                            kind: statement.kind, origin: statement.location?.origin))
        }
        // Each wording made once: units copy each other's sentences, and every copy would otherwise
        // hold a buffer of its own from here to the consolidation's members.
        var wordings = SpellingPool(expected: rows.capacity - statements.count)
        // In the order the readings were settled, so that each block of readings goes back whole as
        // soon as its last reading is taken (`ReadingArena`). The rows are sorted below: the order
        // they are made in changes nothing.
        let taking = packed.indices.sorted { (packed[$0].reading.blockSerial, $0) < (packed[$1].reading.blockSerial, $1) }
        for start in stride(from: 0, to: taking.count, by: max(1, chunk)) {
            let indices = Array(taking[start..<min(taking.count, start + max(1, chunk))])
            func makeRows() {
                for index in indices {
                    let (unit, source) = (units.id(packed[index].unit), sources.id(packed[index].source))
                    packed[index].reading.forEachLeaf(spellings: &wordings) { kind, text, origin, paragraph in
                        rows.append(Row(text: text, paragraph: paragraph, unit: unit, source: source, kind: kind, origin: origin))
                    }
                }
            }
            if let beside {
                let entries = indices.map { packed[$0] }
                ParallelMap.beside({ for (index, entry) in zip(indices, entries) { beside(index, entry) } }, while: makeRows)
            } else {
                makeRows()
            }
            for index in indices { packed[index].reading = PackedReading() }
        }
        packed = []
        // Ranks per spelling: equal names (as `String`s) rank alike, as `Merger.ranks` of every row's would.
        let unitRanks = Merger.ranks(units.spellings)
        let sourceRanks = Merger.ranks(sources.spellings + [""])
        let noSource = sourceRanks.count - 1
        // Stable, as the sort of the rows' positions it replaces: rows equal in every key keep their order.
        rows.sort { a, b in
            let (x, y) = (unitRanks[Int(a.unit)], unitRanks[Int(b.unit)])
            if x != y { return x < y }
            let (s, t) = (sourceRanks[a.source < 0 ? noSource : Int(a.source)], sourceRanks[b.source < 0 ? noSource : Int(b.source)])
            if s != t { return s < t }
            if a.paragraph != b.paragraph { return a.paragraph < b.paragraph }
            return a.text < b.text
        }
        self.rows = rows
        unitSpellings = units.spellings
        sourceSpellings = sources.spellings
    }

    private init(rows: [Row], unitSpellings: [String], sourceSpellings: [String]) {
        self.rows = rows
        self.unitSpellings = unitSpellings
        self.sourceSpellings = sourceSpellings
    }

    /// The rows of `kind`, in order, with the same tables; exactly the room they need.
    func ofKind(_ kind: StatementKind) -> StatementRows {
        var selected: [Row] = []
        selected.reserveCapacity(rows.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) })
        for row in rows where row.kind == kind { selected.append(row) }
        return StatementRows(rows: selected, unitSpellings: unitSpellings, sourceSpellings: sourceSpellings)
    }

    /// Lets go of the rows (the tables, a name per unit and source, stay).
    mutating func removeAll() { rows = [] }

    /// Ids of spellings, byte for byte; the spelling before is asked first (a unit's statements come together).
    private struct Spellings {
        private var ids: [PlainKey: Int32] = [:]
        private var last: (text: String, id: Int32)?
        private(set) var spellings: [String] = []

        mutating func id(_ text: String) -> Int32 {
            if let last, TextOrder.sameBytes(last.text, text) { return last.id }
            let key = PlainKey(text)
            let id: Int32
            if let known = ids[key] {
                id = known
            } else {
                id = Int32(spellings.count)
                ids[key] = id
                spellings.append(text)
            }
            last = (text, id)
            return id
        }
    }
}
