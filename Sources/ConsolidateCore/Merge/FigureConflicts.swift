/// Shows where one unit gave different figures for one activity, beside the total that kept one.
///
/// `MetricTotals` counts one figure per unit and activity (the largest, as a report
/// restating its running total); a figure it passed over must not vanish without a
/// note, so each total carries its rule and every unit's differing figures with their places.
enum FigureConflicts {
    static let rule = "各单位数字相加；同一单位对同一项目报了不同数字的，取其中最大者计入（视为累计数的重述），其余数字一并列出备查；未填写的数字不计入。"

    static func annotate(_ totals: [MetricTotal], figures: [UnitFigure]) -> [MetricTotal] {
        var totals = totals
        annotate(&totals, figures: figures)
        return totals
    }

    /// `annotate(_:figures:)` in place: each total's contributions are changed where they stand,
    /// never copied beside the old ones (a province's totals hold millions). `ranked` is
    /// `Merger.ranked` of the figures' units where the caller has it already (as for `MetricTotals`).
    static func annotate(_ totals: inout [MetricTotal], figures: [UnitFigure],
                         ranked: (ranks: [Int32], distinct: [String])? = nil) {
        // Plain names (`TextOrder.isPlain`) are equal exactly where their bytes are: keyed by bytes,
        // not hashed through Unicode normalization per figure.
        let plain = figures.allSatisfy(\.plainNames) && totals.allSatisfy { total in
            TextOrder.isPlain(total.activity) && TextOrder.isPlain(total.unit) && total.units.allSatisfy { TextOrder.isPlain($0.unit) }
        }
        if plain {
            // Each figure's unit as its rank among the distinct names (`Merger.ranked`: a name hashed
            // where the figures' unit changes, not once per figure), each name's rank looked up by bytes.
            let (ids, names) = ranked ?? Merger.ranked(figures.map(\.unit))
            let unitIDs = Dictionary(uniqueKeysWithValues: names.enumerated().map { (PlainKey($1), Int32($0)) })
            annotate(&totals, figures: figures, key: { PlainKey.Pair($0, $1) }, unitID: { ids[$0] },
                     lookup: { unitIDs[PlainKey($0)] })
        } else {
            var unitIDs: [String: Int32] = [:]
            let ids = figures.map { figure in
                if let id = unitIDs[figure.unit] { return id }
                let id = Int32(unitIDs.count)
                unitIDs[figure.unit] = id
                return id
            }
            let named = unitIDs
            annotate(&totals, figures: figures, key: { $0 + "\u{1F}" + $1 }, unitID: { ids[$0] }, lookup: { named[$0] })
        }
    }

    /// `unitID` is a figure's unit (by its position) as a small id, `lookup` a unit name's id.
    private static func annotate<Key: Hashable & Sendable>(
        _ totals: inout [MetricTotal], figures: [UnitFigure], key: @Sendable (String, String) -> Key,
        unitID: (Int) -> Int32, lookup: @Sendable (String) -> Int32?
    ) {
        // Each (activity and measure word, unit) as a pair of small ids, its figures with a value as a
        // chain of positions in the figures' order: no figure copied, no list or table per unit.
        var keyIDs: [Key: Int32] = [:]
        var chains: [UInt64: Chain] = [:]
        var next = [Int32](repeating: -1, count: figures.count)
        func id<K: Hashable>(_ key: K, in ids: inout [K: Int32]) -> Int32 {
            if let id = ids[key] { return id }
            let id = Int32(ids.count)
            ids[key] = id
            return id
        }
        for (position, figure) in figures.enumerated() where figure.value != nil {
            let pair = UInt64(UInt32(id(key(figure.activity, figure.measure), in: &keyIDs))) << 32
                | UInt64(UInt32(unitID(position)))
            if let chain = chains[pair] {
                next[Int(chain.last)] = Int32(position)
                chains[pair] = Chain(first: chain.first, last: Int32(position))
            } else {
                chains[pair] = Chain(first: Int32(position), last: Int32(position))
            }
        }
        let index = Chains(keyIDs: keyIDs, chains: chains, next: next)
        // Each total on its own: they share only what is read, so each is changed where it stands, on every core.
        ParallelMap.updateEach(&totals) { annotate(&$0, figures: figures, index: index, key: key, lookup: lookup) }
    }

    /// Where a unit's figures (with a value) for one activity and measure word start and end.
    private struct Chain: Sendable {
        var first: Int32
        var last: Int32
    }

    /// The chains of figures per (activity and measure word, unit), read by every total.
    private struct Chains<Key: Hashable & Sendable>: Sendable {
        let keyIDs: [Key: Int32]
        let chains: [UInt64: Chain]
        /// Per figure, the next of its chain (-1 at the end).
        let next: [Int32]

        func chain(_ keyID: Int32?, _ unitID: Int32?) -> Chain? {
            guard let keyID, let unitID else { return nil }
            return chains[UInt64(UInt32(keyID)) << 32 | UInt64(UInt32(unitID))]
        }
    }

    /// One total's rule, its contributions' places and its units' differing figures.
    ///
    /// The few totals most units report (at 10k, five with some six thousand contributions each) are
    /// most of the work, so a total's contributions are looked at a slice per core, each on its own:
    /// the unit's figures found by its name, the counted figure's place, its other figures. What each
    /// found is then set in the contributions' order.
    private static func annotate<Key: Hashable & Sendable>(
        _ total: inout MetricTotal, figures: [UnitFigure], index: Chains<Key>, key: (String, String) -> Key,
        lookup: @Sendable (String) -> Int32?
    ) {
        total.rule = rule
        let keyID = index.keyIDs[key(total.activity, total.unit)]
        let units = total.units
        let found = ParallelMap.slices(units.count, minimumSlice: 4096) { slice in
            slice.map { at in contribution(units[at], figures: figures, chain: index.chain(keyID, lookup(units[at].unit)), next: index.next) }
        }
        var conflicts: [FigureConflict] = []
        for (at, found) in found.enumerated() {
            if let place = found.place { (total.units[at].source, total.units[at].location) = place }
            if let conflict = found.conflict { conflicts.append(conflict) }
        }
        total.conflicts = conflicts.isEmpty ? nil : conflicts
    }

    /// What one contribution's unit reported besides it (`chain`, its figures for the total's activity
    /// and measure word, with their order in `next`): the counted figure's place where the totals did
    /// not carry it, and the unit's differing figures where it gave more than one value.
    private static func contribution(_ contribution: MetricContribution, figures: [UnitFigure], chain: Chain?,
                                     next: [Int32]) -> (place: (String?, SourceLocation?)?, conflict: FigureConflict?) {
        guard let chain else { return (nil, nil) }
        var place: (String?, SourceLocation?)?
        if contribution.source == nil {
            var position = chain.first
            while position >= 0, figures[Int(position)].value != contribution.value || figures[Int(position)].text != contribution.text {
                position = next[Int(position)]
            }
            if position >= 0 { place = (figures[Int(position)].source, figures[Int(position)].location) }
        }
        // More than one distinct value among the unit's figures (no set made per unit).
        // A unit with one figure has no other.
        guard chain.first != chain.last else { return (place, nil) }
        var own: [UnitFigure] = []
        var position = chain.first
        while position >= 0 {
            own.append(figures[Int(position)])
            position = next[Int(position)]
        }
        guard let firstValue = own.lazy.compactMap(\.value).first,
              own.contains(where: { $0.value != nil && $0.value != firstValue }) else { return (place, nil) }
        let listed = own.sorted {
            ($0.source ?? "", $0.location?.paragraph ?? 0, $0.text) < ($1.source ?? "", $1.location?.paragraph ?? 0, $1.text)
        }.map {
            MetricContribution(unit: $0.unit, value: $0.value ?? 0, approx: $0.approx, text: $0.text,
                               source: $0.source, location: $0.location)
        }
        // The other figures adding up to the counted one: its parts (overflow counts as no sum).
        var sum = 0, overflow = false
        for figure in listed where figure.value != contribution.value {
            let (next, over) = sum.addingReportingOverflow(figure.value)
            (sum, overflow) = (next, overflow || over)
        }
        return (place, FigureConflict(unit: contribution.unit, kept: contribution.value, figures: listed,
                                      breakdown: !overflow && sum == contribution.value))
    }
}
