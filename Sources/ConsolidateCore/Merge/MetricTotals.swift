/// Totals per activity and measure word over the units whose figure is known.
enum MetricTotals {
    /// The totals, and the figures left out of them because no unit could report them.
    struct Outcome: Equatable {
        var totals: [MetricTotal]
        /// Figures over the plausibility bound, or whose addition would overflow: left out of
        /// every total and reported to their unit, never summed and never a crash.
        var implausible: [UnitFigure]
    }

    /// One total per (activity, measure word), most units first, then by activity.
    ///
    /// A unit with only a placeholder for the activity is named as unknown, never counted as 0.
    /// A figure above `bound` (or below 0) is implausible: a typing slip or a hostile file
    /// (`9223372036854775807次`). It is left out and returned in `implausible`, so that one bad
    /// report cannot stop everyone's totals; sums use checked arithmetic for the same reason.
    ///
    /// `ranked` is `Merger.ranked` of the figures' units where the caller has it already (the merge
    /// ranks them once for the totals and their conflicts); it is used only where every name is plain.
    static func totals(of figures: [UnitFigure], bound: Int,
                       ranked: (ranks: [Int32], distinct: [String])? = nil) -> Outcome {
        // Plain names (`TextOrder.isPlain`) are equal exactly where their bytes are: keyed by bytes,
        // not hashed through Unicode normalization per figure.
        // Plain units are told apart and ordered by their rank among the distinct names (`Merger.ranked`,
        // each name hashed once where its figures come together): no hashing or comparing of names per figure.
        if figures.allSatisfy(\.plainNames) {
            let ranks = (ranked ?? Merger.ranked(figures.map(\.unit))).ranks
            return totals(of: figures, bound: bound, key: { PlainKey.Pair($0.activity, $0.measure) }, unitKey: { ranks[$0] },
                          byUnit: { positions in positions.sorted { ranks[Int($0)] < ranks[Int($1)] } })
        }
        return totals(of: figures, bound: bound, key: { $0.activity + "\u{1F}" + $0.measure }, unitKey: { figures[$0].unit },
                      byUnit: { positions in
                          // Each unit's key made once (`TextOrder`: bytes where plain).
                          let keys = positions.map { TextOrder.Key(figures[Int($0)].unit) }
                          return positions.indices.sorted { TextOrder.compare(keys[$0], keys[$1]) < 0 }.map { positions[$0] }
                      })
    }

    /// `unitKey` tells a figure's unit (by its position) apart; `byUnit` orders the positions of
    /// figures of distinct units by unit name.
    private static func totals<Key: Hashable, UnitKey: Hashable>(
        of figures: [UnitFigure], bound: Int, key: (UnitFigure) -> Key, unitKey: @Sendable (Int) -> UnitKey,
        byUnit: @Sendable ([Int32]) -> [Int32]
    ) -> Outcome {
        var implausible: [UnitFigure] = []
        // Each figure's (activity, measure word) as a small id; then the figures' positions grouped
        // by id, in the figures' order within each (a counting sort): no figure copied into groups.
        var keyIDs: [Key: Int32] = [:]
        var keyOf = [Int32](repeating: -1, count: figures.count)
        for (position, figure) in figures.enumerated() {
            if let value = figure.value, value < 0 || value > bound {
                implausible.append(figure)
                continue
            }
            let figureKey = key(figure)
            if let id = keyIDs[figureKey] {
                keyOf[position] = id
            } else {
                let id = Int32(keyIDs.count)
                keyIDs[figureKey] = id
                keyOf[position] = id
            }
        }
        var starts = [Int](repeating: 0, count: keyIDs.count + 1)
        for id in keyOf where id >= 0 { starts[Int(id) + 1] += 1 }
        for id in 0..<keyIDs.count { starts[id + 1] += starts[id] }
        var grouped = [Int32](repeating: 0, count: starts[keyIDs.count])
        var fill = starts
        for (position, id) in keyOf.enumerated() where id >= 0 {
            grouped[fill[Int(id)]] = Int32(position)
            fill[Int(id)] += 1
        }
        keyOf = []
        // Each activity's total on its own: they share only what is read, so a slice of them per task.
        let made = ParallelMap.slices(keyIDs.count, minimumSlice: 1) { [grouped, starts] ids in
            ids.map { id in total(of: grouped[starts[id]..<starts[id + 1]], figures: figures, unitKey: unitKey, byUnit: byUnit) }
        }
        var totals: [MetricTotal] = []
        for (total, overflowed) in made {
            implausible += overflowed
            if let total { totals.append(total) }
        }
        totals.sort {
            ($1.units.count + $1.unknown.count, $0.activity, $0.unit) < ($0.units.count + $0.unknown.count, $1.activity, $1.unit)
        }
        implausible.sort { ($0.unit, $0.activity, $0.measure, $0.text) < ($1.unit, $1.activity, $1.measure, $1.text) }
        return Outcome(totals: totals, implausible: implausible)
    }

    /// One activity's total over `group` (positions of its figures, in the figures' order), and the
    /// figures left out because adding them would overflow; nil where the group counts nothing.
    private static func total<UnitKey: Hashable>(
        of group: ArraySlice<Int32>, figures: [UnitFigure], unitKey: (Int) -> UnitKey, byUnit: ([Int32]) -> [Int32]
    ) -> (total: MetricTotal?, overflowed: [UnitFigure]) {
        guard let firstPosition = group.first else { return (nil, []) }
        let first = figures[Int(firstPosition)]
        // One figure per unit: the largest known, as a report's restated running total.
        var perUnit: [UnitKey: Int32] = [:]
        for position in group {
            let figure = figures[Int(position)]
            let unit = unitKey(Int(position))
            if let current = perUnit[unit], (figures[Int(current)].value ?? -1) >= (figure.value ?? -1) { continue }
            perUnit[unit] = position
        }
        var sum = 0
        var contributions: [MetricContribution] = []
        var unknown: [String] = []
        var overflowed: [UnitFigure] = []
        let counted = byUnit(Array(perUnit.values))
        contributions.reserveCapacity(counted.count)
        for figure in counted.lazy.map({ figures[Int($0)] }) {
            guard let value = figure.value else {
                unknown.append(figure.unit)
                continue
            }
            let (next, overflow) = sum.addingReportingOverflow(value)
            if overflow {
                overflowed.append(figure)
                continue
            }
            sum = next
            contributions.append(MetricContribution(unit: figure.unit, value: value, approx: figure.approx, text: figure.text))
        }
        guard !contributions.isEmpty || !unknown.isEmpty else { return (nil, overflowed) }
        return (MetricTotal(activity: first.activity, unit: first.measure, total: sum,
                            approx: contributions.contains { $0.approx }, units: contributions, unknown: unknown),
                overflowed)
    }

    /// What a unit is told about a figure left out of the totals.
    static func warning(for figure: UnitFigure, bound: Int) -> String {
        let written = figure.text.isEmpty ? "\(figure.value.map(String.init) ?? "")\(figure.measure)" : figure.text
        return "报告中的数字“\(written)”（\(figure.activity)）超出合理范围（上限\(bound)），未计入合计，请核实后更正。"
    }
}

extension UnitFigure {
    /// Whether unit, activity and measure word are all plain text (`TextOrder.isPlain`).
    var plainNames: Bool { TextOrder.isPlain(unit) && TextOrder.isPlain(activity) && TextOrder.isPlain(measure) }
}

/// A plain string (`TextOrder.isPlain`) as a dictionary key, equal and hashed by its UTF-8 bytes.
///
/// Only for keys that are all plain: for them equal bytes is `String` equality (no other spelling
/// is canonically equivalent), and hashing the bytes skips `String`'s normalizing hash.
struct PlainKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: PlainKey, b: PlainKey) -> Bool { TextOrder.sameBytes(a.text, b.text) }

    func hash(into hasher: inout Hasher) {
        var text = self.text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(0xFF as UInt8)
    }

    /// Two plain strings (an activity and its measure word) as one key.
    struct Pair: Hashable {
        let first: PlainKey
        let second: PlainKey

        init(_ first: String, _ second: String) {
            self.first = PlainKey(first)
            self.second = PlainKey(second)
        }
    }
}
