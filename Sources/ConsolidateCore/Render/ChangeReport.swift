import Foundation

/// What changed since the previous run (`changes.md`, and the first section of review.html),
/// for the reviewer who reads the nightly result.
///
/// Compares the previous run's record and summary with this run's: units newly
/// received, resubmitted or quarantined, statements that entered or left the
/// summary, and totals that moved. It holds no time of day, so the same two
/// states always give the same text.
public struct ChangeReport: Sendable {
    public let previousRecord: RunRecord?
    public let currentRecord: RunRecord
    public let current: Consolidation
    /// Worked out once, for changes.md and review.html alike; nil on the first run into a folder.
    let comparison: Comparison?

    public init(previousRecord: RunRecord?, previous: Consolidation?, currentRecord: RunRecord, current: Consolidation,
                mainActivities: [String] = []) {
        self.init(previousRecord: previousRecord, previousBasis: previous.map(ChangeBasis.init), currentRecord: currentRecord,
                  current: current, mainActivities: mainActivities)
    }

    /// Compares with the previous run's basis (what a run keeps of its summary for the next).
    public init(previousRecord: RunRecord?, previousBasis: ChangeBasis?, currentRecord: RunRecord, current: Consolidation,
                mainActivities: [String] = []) {
        self.previousRecord = previousRecord
        self.currentRecord = currentRecord
        self.current = current
        self.mainActivities = mainActivities
        comparison = Self.compare(previousRecord: previousRecord, previous: previousBasis.map(Self.reading),
                                  currentRecord: currentRecord, current: current, mainActivities: mainActivities)
    }

    /// Compares with what the previous run left in `output`: the basis it kept, while summary.json is
    /// as that run left it, read as it is compared (a province's basis is hundreds of megabytes, and
    /// only the statements that left are held); else summary.json itself, decoded whole. The first run
    /// into a folder, or one whose summary.json is gone, has nothing to compare with.
    public init(previousRecord: RunRecord?, previousIn output: URL, currentRecord: RunRecord, current: Consolidation,
                mainActivities: [String] = []) {
        self.previousRecord = previousRecord
        self.currentRecord = currentRecord
        self.current = current
        self.mainActivities = mainActivities
        guard let previousRecord, let stamp = ChangeBasis.stamp(output) else {
            comparison = nil
            return
        }
        let kept: Previous = { batch in
            ChangeBasis.read(ChangeBasis.url(output), summarySize: stamp.size, summaryModified: stamp.modified, handing: batch)?.totals
        }
        comparison = Self.compare(previousRecord: previousRecord, previous: kept, currentRecord: currentRecord,
                                  current: current, mainActivities: mainActivities)
            ?? ChangeBasis.ofSummary(in: output).flatMap { basis in
                Self.compare(previousRecord: previousRecord, previous: Self.reading(basis), currentRecord: currentRecord,
                             current: current, mainActivities: mainActivities)
            }
    }

    /// The previous run's statements, handed to the argument a batch at a time, and then its totals;
    /// nil where they could not all be read (what the argument was handed is then to be let go).
    typealias Previous = (([StatementKey]) -> Void) -> [ChangeBasis.Total]?

    /// A basis in memory as a `Previous`.
    static func reading(_ basis: ChangeBasis) -> Previous {
        { batch in
            batch(basis.statements)
            return basis.totals
        }
    }

    static let title = "与上次运行相比的变化"
    static let firstRun = "这是该输出文件夹的第一次运行，没有可以比较的上次结果。"

    /// One line of change: what it is about (a unit, or none for a total) and its words.
    struct Line: Equatable {
        var unit: String?
        var text: String
    }

    /// A statement a unit reworded or corrected: the new words and the old.
    struct Edit: Equatable {
        var unit: String
        var now: String
        var before: String
    }

    /// The changes, in the order both documents show them.
    struct Comparison {
        /// 报送情况: a label (新收到, 新隔离 …) and its entries.
        var submissions: [(label: String, lines: [Line])]
        var edited: [Edit]
        var entered: [Line]
        var left: [Line]
        /// Totals of the activities the summary's text reports, then the others.
        var totals: [Line]
        var otherTotals: [Line]

        var isEmpty: Bool {
            submissions.isEmpty && edited.isEmpty && entered.isEmpty && left.isEmpty && totals.isEmpty && otherTotals.isEmpty
        }
    }

    /// Activities whose totals the summary's text reports, in its order; other totals are listed after them.
    public let mainActivities: [String]

    /// The comparison; nil where there is no previous run, or its statements could not all be read.
    static func compare(previousRecord: RunRecord?, previous: Previous?, currentRecord: RunRecord,
                        current: Consolidation, mainActivities: [String]) -> Comparison? {
        guard let previous, let previousRecord else { return nil }
        let statements = StatementsByPosition(current)
        let before = Dictionary(previousRecord.inputs.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(currentRecord.inputs.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let added = currentRecord.inputs.filter { before[$0.path] == nil }
        let resubmitted = currentRecord.inputs.filter { input in before[input.path].map { $0.sha256 != input.sha256 } ?? false }
        let removed = previousRecord.inputs.filter { after[$0.path] == nil }
        let quarantined = currentRecord.inputs.filter { $0.status == .quarantined && before[$0.path]?.status != .quarantined }
        let previouslyMissing = Set(previousRecord.missing), nowMissing = Set(currentRecord.missing)
        // A unit has made up its report only where a file of it now counts; one simply no longer
        // listed (no roster this time, or a roster without it) has not.
        let nowSubmitted = Set(current.units.filter { $0.status == .received || $0.status == .quarantined }.map(\.unit))
        let madeUp = previouslyMissing.subtracting(nowMissing).intersection(nowSubmitted)
        let unlisted = previouslyMissing.subtracting(nowMissing).subtracting(nowSubmitted)
        func file(_ input: RunRecord.Input) -> Line { Line(unit: input.unit, text: "\(input.unit)（\(input.path)）") }
        let submissions: [(label: String, lines: [Line])] = [
            ("新收到", added.map(file)),
            ("重新报送、内容有变化", resubmitted.map(file)),
            ("文件已撤下", removed.map(file)),
            ("新隔离", quarantined.map { Line(unit: $0.unit, text: "\($0.unit)（\($0.reason ?? "")）") }),
            ("已补报", madeUp.sorted().map { Line(unit: $0, text: $0) }),
            ("不再列为应报送（本次未按名单核对或名单已改）", unlisted.sorted().map { Line(unit: $0, text: $0) }),
            ("新增未报送", nowMissing.subtracting(previouslyMissing).sorted().map { Line(unit: $0, text: $0) }),
        ].filter { !$0.lines.isEmpty }

        var previousTotals: [ChangeBasis.Total] = []
        guard var (entered, left) = difference(count: statements.count, statement: { statements[$0] }, old: { batch in
            guard let totals = previous(batch) else { return false }
            previousTotals = totals
            return true
        }) else { return nil }
        let edited = pairEdits(entered: &entered, left: &left)

        let oldTotals = Dictionary(previousTotals.map { ($0.activity + $0.unit, $0) }, uniquingKeysWith: { a, _ in a })
        let newTotals = Dictionary(ChangeBasis.totals(of: current).map { ($0.activity + $0.unit, $0) }, uniquingKeysWith: { a, _ in a })
        var totals: [Line] = [], otherTotals: [Line] = []
        let rank = { (key: String) in
            mainActivities.firstIndex { name in (oldTotals[key] ?? newTotals[key])?.activity == name } ?? mainActivities.count
        }
        for key in Set(oldTotals.keys).union(newTotals.keys).sorted(by: { (rank($0), $0) < (rank($1), $1) }) {
            let old = oldTotals[key], new = newTotals[key]
            guard old?.total != new?.total || old?.unknown != new?.unknown else { continue }
            let total = new ?? old!
            let line = (Line(unit: nil, text: "\(total.activity)：\(old.map { "\($0.total)\($0.unit)" } ?? "无") → \(new.map { "\($0.total)\($0.unit)" } ?? "无")"
                + ((new?.unknown.isEmpty ?? true) ? "" : "（未填写：\(new!.unknown.joined(separator: "、"))）")))
            if mainActivities.contains(total.activity) { totals.append(line) } else { otherTotals.append(line) }
        }
        func statement(_ pair: StatementKey) -> Line { Line(unit: pair.unit, text: "\(pair.unit)：\(pair.text)") }
        return Comparison(submissions: submissions, edited: edited, entered: entered.map(statement), left: left.map(statement),
                          totals: totals, otherTotals: otherTotals)
    }

    /// A statement that left and one of the same unit that entered, alike enough to be the same
    /// statement reworded (a corrected figure, a sentence added), are shown as one edit. Only
    /// the changed statements of one unit are compared with each other.
    static func pairEdits(entered: inout [StatementKey], left: inout [StatementKey]) -> [Edit] {
        let leftByUnit = Dictionary(grouping: left.indices, by: { left[$0].unit })
        // Each statement that left folded once, not once per statement of its unit that entered.
        var leftGrams: [Int: [UInt64]] = [:]
        var edits: [Edit] = [], usedEntered = Set<Int>(), usedLeft = Set<Int>()
        for (index, statement) in entered.enumerated() {
            guard let candidates = leftByUnit[statement.unit] else { continue }
            let grams = TextSimilarity.bigrams(TextSimilarity.fold(statement.text))
            let best = candidates.filter { !usedLeft.contains($0) }
                .map { candidate -> (Int, Double) in
                    let other = leftGrams[candidate] ?? TextSimilarity.bigrams(TextSimilarity.fold(left[candidate].text))
                    leftGrams[candidate] = other
                    return (candidate, TextSimilarity.dice(grams, other))
                }
                .max { ($0.1, $1.0) < ($1.1, $0.0) }
            guard let (match, similarity) = best, similarity >= editSimilarity else { continue }
            usedEntered.insert(index)
            usedLeft.insert(match)
            edits.append(Edit(unit: statement.unit, now: statement.text, before: left[match].text))
        }
        entered = entered.indices.filter { !usedEntered.contains($0) }.map { entered[$0] }
        left = left.indices.filter { !usedLeft.contains($0) }.map { left[$0] }
        return edits
    }

    /// How alike (bigram Dice) two statements of a unit must be to count as one edited statement.
    static let editSimilarity = 0.6

    public func markdown() -> String { Self.markdown(comparison) }

    /// How many entries of one kind of submission change changes.md lists on one line; more are listed one a line.
    static let inlineEntries = 10

    /// changes.md where nothing changed since the previous run.
    static let unchangedMarkdown = markdown(Comparison(submissions: [], edited: [], entered: [], left: [], totals: [], otherTotals: []))

    static func markdown(_ comparison: Comparison?) -> String {
        var lines = ["# \(Self.title)", ""]
        guard let comparison else {
            lines.append(Self.firstRun)
            return lines.joined(separator: "\n") + "\n"
        }
        lines += ["## 报送情况", ""]
        for (label, items) in comparison.submissions {
            if items.count <= inlineEntries {
                lines.append("- \(label)（\(items.count)）：\(items.map(\.text).joined(separator: "、"))")
            } else {
                // A night of many resubmissions: one a line, as the statements are, not one line of a thousand names.
                lines.append("- \(label)（\(items.count)）：")
                lines += items.map { "  - \($0.text)" }
            }
        }
        if comparison.submissions.isEmpty { lines.append("报送材料没有变化。") }

        lines += ["", "## 汇总内容", ""]
        if comparison.edited.isEmpty && comparison.entered.isEmpty && comparison.left.isEmpty { lines.append("汇总所依据的内容没有变化。") }
        if !comparison.edited.isEmpty {
            lines.append("改动\(comparison.edited.count)条：")
            for edit in comparison.edited {
                lines += ["- \(edit.unit)：\(edit.now)", "  （原为：\(edit.before)）"]
            }
        }
        if !comparison.entered.isEmpty {
            lines.append("新增\(comparison.entered.count)条：")
            lines += comparison.entered.map { "- \($0.text)" }
        }
        if !comparison.left.isEmpty {
            lines.append("移出\(comparison.left.count)条：")
            lines += comparison.left.map { "- \($0.text)" }
        }

        lines += ["", "## 数字", ""]
        lines += comparison.totals.isEmpty ? ["汇总正文中的合计数字没有变化。"] : comparison.totals.map { "- \($0.text)" }
        if !comparison.otherTotals.isEmpty {
            lines += ["", "未列入汇总正文的其他数字：", ""] + comparison.otherTotals.map { "- \($0.text)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A statement of a consolidation: its unit and its words.
    struct StatementKey: Hashable, Comparable {
        var unit: String
        var text: String
        static func < (a: Self, b: Self) -> Bool { (a.unit, a.text) < (b.unit, b.text) }
    }

    /// The statements of `new` not in `old` (entered) and of `old` not in `new` (left), each once and
    /// sorted: what `Set` subtraction gives, equal as `String`s are (canonical equivalence).
    ///
    /// Hundreds of thousands of statements on a nightly run at ten thousand units: hashed and
    /// compared on their UTF-8 bytes (`CanonicalKey`), not normalized again by every hash and
    /// equality test, and only the few that differ sorted.
    static func difference(_ old: [StatementKey], _ new: [StatementKey]) -> (entered: [StatementKey], left: [StatementKey]) {
        // Never nil: a list hands over all it holds.
        difference(new, old: { batch in batch(old); return true })!
    }

    /// `difference(old, new)` with the old statements handed over a batch at a time by `old` (which
    /// says whether it could hand them all; nil where not): none of them is held but those that left.
    static func difference(_ new: [StatementKey], old: (([StatementKey]) -> Void) -> Bool)
        -> (entered: [StatementKey], left: [StatementKey])? {
        difference(count: new.count, statement: { new[$0] }, old: old)
    }

    /// `difference(_:old:)` of `count` new statements found by position (`statement`), so that they need
    /// not be listed (a province's two million, each with its unit's name): of each, only its key's
    /// digest is held. Each batch of old statements is looked up a slice per core (its keys made and
    /// found among the new), and what it found is then marked in order.
    static func difference(count: Int, statement: @escaping @Sendable (Int) -> StatementKey,
                           old: (([StatementKey]) -> Void) -> Bool) -> (entered: [StatementKey], left: [StatementKey])? {
        let after = KeyIndex(count: count, key: { CanonicalKey(statement($0)) })
        /// Per new statement, whether the old held its kind (marked on each kind's first statement).
        var inOld = [Bool](repeating: false, count: count)
        var left: [StatementKey] = [], leftKinds = Set<CanonicalKey>()
        let slice = 1 << 12
        let whole = old { batch in
            let found = ParallelMap.map(Array(stride(from: 0, to: batch.count, by: slice))) { start in
                batch[start..<min(start + slice, batch.count)].map { statement -> (key: CanonicalKey, position: Int?) in
                    let key = CanonicalKey(statement)
                    return (key, after.firstPosition(of: key))
                }
            }
            for (offset, slice) in zip(stride(from: 0, to: batch.count, by: slice), found) {
                for (index, (key, position)) in slice.enumerated() {
                    if let position {
                        inOld[position] = true
                    } else if leftKinds.insert(key).inserted {
                        left.append(batch[offset + index])
                    }
                }
            }
        }
        guard whole else { return nil }
        let entered = (0..<count).filter { after.isFirst($0) && !inOld[$0] }.map(statement)
        return (sortedKeys(entered), sortedKeys(left))
    }

    /// The distinct keys of `count` statements found by position, told apart by their digests in an
    /// open-addressing table of positions: eight bytes a statement for its digest and four a slot,
    /// the keys themselves made again only to settle equal digests.
    struct KeyIndex {
        private let key: @Sendable (Int) -> CanonicalKey
        private let digests: [Int]
        /// Per slot, the position (plus one) of the first key of its kind; 0 for an empty slot.
        private var slots: [Int32]
        /// Per position, whether it is the first of the keys equal to it.
        private var first: [Bool]

        init(count: Int, key: @escaping @Sendable (Int) -> CanonicalKey) {
            self.key = key
            // The digests a slice at a time on every core: no key kept.
            let slice = 1 << 14
            digests = ParallelMap.map(Array(stride(from: 0, to: count, by: slice))) { start in
                (start..<min(start + slice, count)).map { key($0).digest }
            }.flatMap { $0 }
            var size = 16
            while size < count * 2 { size <<= 1 }
            slots = [Int32](repeating: 0, count: size)
            first = [Bool](repeating: false, count: count)
            for position in 0..<count {
                let digest = digests[position]
                var made: CanonicalKey?
                let slot = find(digest) { other in
                    if made == nil { made = key(position) }
                    return key(other) == made!
                }
                if slots[slot] == 0 {
                    slots[slot] = Int32(position + 1)
                    first[position] = true
                }
            }
        }

        /// The slot holding the kind whose digest is `digest` and of which `same` holds for its first
        /// position, or the empty slot where it would go.
        private func find(_ digest: Int, same: (Int) -> Bool) -> Int {
            let mask = slots.count - 1
            var slot = digest & mask
            while slots[slot] != 0 {
                let position = Int(slots[slot]) - 1
                if digests[position] == digest && same(position) { return slot }
                slot = (slot + 1) & mask
            }
            return slot
        }

        /// The position of the first key equal to `key`, if any.
        func firstPosition(of key: CanonicalKey) -> Int? {
            let slot = slots[find(key.digest) { self.key($0) == key }]
            return slot == 0 ? nil : Int(slot) - 1
        }

        func isFirst(_ position: Int) -> Bool { first[position] }
    }

    /// Statements in `StatementKey` order, each unit and text made a `TextOrder.Key` once.
    static func sortedKeys(_ statements: [StatementKey]) -> [StatementKey] {
        let keys = statements.map { (TextOrder.Key($0.unit), TextOrder.Key($0.text)) }
        return statements.indices.sorted { a, b in
            let unit = TextOrder.compare(keys[a].0, keys[b].0)
            return unit != 0 ? unit < 0 : TextOrder.compare(keys[a].1, keys[b].1) < 0
        }.map { statements[$0] }
    }

    /// A statement's unit and text in canonical composition (NFC), hashed and compared on their UTF-8
    /// bytes: two keys are equal exactly where their `String`s are. Plain text (`TextOrder.isPlain`)
    /// is its own composition; other text is composed as `String` composes it to compare.
    struct CanonicalKey: Hashable, Sendable {
        let unit: String
        let text: String
        /// The bytes' hash, worked out once (on the thread that made the key) for every set it enters.
        let digest: Int

        init(_ statement: StatementKey) {
            unit = Self.composed(statement.unit)
            text = Self.composed(statement.text)
            var hasher = Hasher()
            Self.combine(unit, into: &hasher)
            hasher.combine(UInt8(0xFF))  // never a byte of UTF-8: the unit ends here
            Self.combine(text, into: &hasher)
            digest = hasher.finalize()
        }

        static func composed(_ string: String) -> String {
            TextOrder.isPlain(string) ? string : String(decoding: string._nfcCodeUnits, as: UTF8.self)
        }

        func hash(into hasher: inout Hasher) { hasher.combine(digest) }

        private static func combine(_ string: String, into hasher: inout Hasher) {
            var string = string
            string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }

        static func == (a: Self, b: Self) -> Bool { a.digest == b.digest && same(a.unit, b.unit) && same(a.text, b.text) }

        private static func same(_ a: String, _ b: String) -> Bool {
            guard a.utf8.count == b.utf8.count else { return false }
            var (a, b) = (a, b)
            return a.withUTF8 { x in b.withUTF8 { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
        }
    }

    /// A consolidation's statements in `statements(of:)`'s order, each found by its position: compared
    /// without a list of them all.
    struct StatementsByPosition: Sendable {
        let consolidation: Consolidation
        let count: Int
        /// Per list of statements (each practice's and plan's members, then each problem group's
        /// items), the position of its first.
        private let starts: [Int]

        init(_ consolidation: Consolidation) {
            self.consolidation = consolidation
            var starts: [Int] = [], next = 0
            for group in [consolidation.achievements, consolidation.plans].joined() {
                starts.append(next)
                next += group.members.count
            }
            for group in consolidation.problems {
                starts.append(next)
                next += group.items.count
            }
            self.starts = starts
            count = next
        }

        subscript(position: Int) -> StatementKey {
            // The last list starting at or before `position` (lists before it with the same start are empty).
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] <= position { low = middle + 1 } else { high = middle }
            }
            let list = low - 1, offset = position - starts[list]
            let (achievements, plans) = (consolidation.achievements.count, consolidation.plans.count)
            let member = list < achievements ? consolidation.achievements[list].members[offset]
                : list < achievements + plans ? consolidation.plans[list - achievements].members[offset]
                : consolidation.problems[list - achievements - plans].items[offset]
            return StatementKey(unit: member.unit, text: member.text)
        }
    }

    /// Every statement of a consolidation, for comparing two runs, in the order `StatementsByPosition`
    /// gives them (the one place that order is written).
    static func statements(of consolidation: Consolidation) -> [StatementKey] {
        let statements = StatementsByPosition(consolidation)
        return (0..<statements.count).map { statements[$0] }
    }
}
