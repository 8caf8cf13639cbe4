/// Shows where one unit gave different figures for one activity, beside the total that kept one.
///
/// `MetricTotals` counts one figure per unit and activity (the largest, as a report
/// restating its running total); a figure it passed over must not vanish without a
/// note, so each total carries its rule and every unit's differing figures with their places.
enum FigureConflicts {
    static let rule = "各单位数字相加；同一单位对同一项目报了不同数字的，取其中最大者计入（视为累计数的重述），其余数字一并列出备查；未填写的数字不计入。"

    static func annotate(_ totals: [MetricTotal], figures: [UnitFigure]) -> [MetricTotal] {
        var byKey: [String: [String: [UnitFigure]]] = [:]
        for figure in figures where figure.value != nil {
            byKey[figure.activity + "\u{1F}" + figure.measure, default: [:]][figure.unit, default: []].append(figure)
        }
        return totals.map { total in
            var total = total
            total.rule = rule
            let units = byKey[total.activity + "\u{1F}" + total.unit] ?? [:]
            // The counted figure's place, where the totals did not carry it.
            total.units = total.units.map { contribution in
                guard contribution.source == nil,
                      let figure = units[contribution.unit]?.first(where: { $0.value == contribution.value && $0.text == contribution.text })
                else { return contribution }
                var contribution = contribution
                (contribution.source, contribution.location) = (figure.source, figure.location)
                return contribution
            }
            let conflicts = total.units.compactMap { contribution -> FigureConflict? in
                guard let own = units[contribution.unit], Set(own.compactMap(\.value)).count > 1 else { return nil }
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
                return FigureConflict(unit: contribution.unit, kept: contribution.value, figures: listed,
                                      breakdown: !overflow && sum == contribution.value)
            }
            total.conflicts = conflicts.isEmpty ? nil : conflicts
            return total
        }
    }
}
