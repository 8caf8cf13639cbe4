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
    static func totals(of figures: [UnitFigure], bound: Int) -> Outcome {
        // Plain names (nearly always) are hashed and ordered by their bytes, which groups and
        // orders them as `String` does; anything else as `String`s.
        if figures.allSatisfy({ TextOrder.isPlain($0.activity) && TextOrder.isPlain($0.measure) && TextOrder.isPlain($0.unit) }) {
            return totals(of: figures, bound: bound, key: TextOrder.PlainKey.init, less: TextOrder.plainLess)
        }
        return totals(of: figures, bound: bound, key: { $0 }, less: <)
    }

    private static func totals<Key: Hashable>(of figures: [UnitFigure], bound: Int, key: (String) -> Key,
                                              less: (String, String) -> Bool) -> Outcome {
        var implausible: [UnitFigure] = []
        // Figures by index, not copied.
        var byKey: [Key: [Int]] = [:]
        for (index, figure) in figures.enumerated() {
            if let value = figure.value, value < 0 || value > bound {
                implausible.append(figure)
                continue
            }
            byKey[key(figure.activity + "\u{1F}" + figure.measure), default: []].append(index)
        }
        var totals: [MetricTotal] = []
        for group in byKey.values {
            guard let firstIndex = group.first else { continue }
            let first = figures[firstIndex]
            // One figure per unit: the largest known, as a report's restated running total.
            var perUnit: [Key: Int] = [:]
            for index in group {
                let figure = figures[index]
                if let current = perUnit[key(figure.unit)], (figures[current].value ?? -1) >= (figure.value ?? -1) { continue }
                perUnit[key(figure.unit)] = index
            }
            var sum = 0
            var contributions: [MetricContribution] = []
            var unknown: [String] = []
            for figure in perUnit.values.sorted(by: { less(figures[$0].unit, figures[$1].unit) }).map({ figures[$0] }) {
                guard let value = figure.value else {
                    unknown.append(figure.unit)
                    continue
                }
                let (next, overflow) = sum.addingReportingOverflow(value)
                if overflow {
                    implausible.append(figure)
                    continue
                }
                sum = next
                contributions.append(MetricContribution(unit: figure.unit, value: value, approx: figure.approx, text: figure.text))
            }
            guard !contributions.isEmpty || !unknown.isEmpty else { continue }
            totals.append(MetricTotal(
                activity: first.activity, unit: first.measure, total: sum,
                approx: contributions.contains { $0.approx },
                units: contributions, unknown: unknown))
        }
        totals.sort {
            ($1.units.count + $1.unknown.count, $0.activity, $0.unit) < ($0.units.count + $0.unknown.count, $1.activity, $1.unit)
        }
        implausible.sort { ($0.unit, $0.activity, $0.measure, $0.text) < ($1.unit, $1.activity, $1.measure, $1.text) }
        return Outcome(totals: totals, implausible: implausible)
    }

    /// What a unit is told about a figure left out of the totals.
    static func warning(for figure: UnitFigure, bound: Int) -> String {
        let written = figure.text.isEmpty ? "\(figure.value.map(String.init) ?? "")\(figure.measure)" : figure.text
        return "报告中的数字“\(written)”（\(figure.activity)）超出合理范围（上限\(bound)），未计入合计，请核实后更正。"
    }
}
