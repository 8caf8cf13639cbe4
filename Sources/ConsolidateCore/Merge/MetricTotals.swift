/// Totals per activity and measure word over the units whose figure is known.
enum MetricTotals {
    /// One total per (activity, measure word), most units first, then by activity.
    /// A unit with only a placeholder for the activity is named as unknown, never counted as 0.
    static func totals(of figures: [UnitFigure]) -> [MetricTotal] {
        var byKey: [String: [UnitFigure]] = [:]
        for figure in figures { byKey[figure.activity + "\u{1F}" + figure.measure, default: []].append(figure) }
        let totals: [MetricTotal] = byKey.values.map { figures in
            // One figure per unit: the largest known, as a report's restated running total.
            var perUnit: [String: UnitFigure] = [:]
            for figure in figures {
                if let current = perUnit[figure.unit], (current.value ?? -1) >= (figure.value ?? -1) { continue }
                perUnit[figure.unit] = figure
            }
            let known = perUnit.values.filter { $0.value != nil }.sorted { $0.unit < $1.unit }
            let unknown = perUnit.values.filter { $0.value == nil }.map(\.unit).sorted()
            return MetricTotal(
                activity: figures[0].activity, unit: figures[0].measure,
                total: known.reduce(0) { $0 + $1.value! },
                approx: known.contains { $0.approx },
                units: known.map { MetricContribution(unit: $0.unit, value: $0.value!, approx: $0.approx, text: $0.text) },
                unknown: unknown)
        }
        return totals.sorted {
            ($1.units.count + $1.unknown.count, $0.activity, $0.unit) < ($0.units.count + $0.unknown.count, $1.activity, $1.unit)
        }
    }
}
