/// Shows where one unit gave different figures for one activity, beside the total that kept one.
///
/// `MetricTotals` counts one figure per unit and activity (the largest, as a report
/// restating its running total); a figure it passed over must not vanish without a
/// note, so each total carries its rule and every unit's differing figures with their places.
enum FigureConflicts {
    static let rule = "各单位数字相加；同一单位对同一项目报了不同数字的，取其中最大者计入（视为累计数的重述），其余数字一并列出备查；未填写的数字不计入。"

    static func annotate(_ totals: [MetricTotal], figures: [UnitFigure]) -> [MetricTotal] {
        // Plain names (`TextOrder.isPlain`) are equal exactly where their bytes are: keyed by bytes,
        // not hashed through Unicode normalization per figure.
        let plain = figures.allSatisfy(\.plainNames) && totals.allSatisfy { total in
            TextOrder.isPlain(total.activity) && TextOrder.isPlain(total.unit) && total.units.allSatisfy { TextOrder.isPlain($0.unit) }
        }
        if plain {
            return annotate(totals, figures: figures, key: { PlainKey.Pair($0, $1) }, unitKey: PlainKey.init)
        }
        return annotate(totals, figures: figures, key: { $0 + "\u{1F}" + $1 }, unitKey: { $0 })
    }

    private static func annotate<Key: Hashable, UnitKey: Hashable>(
        _ totals: [MetricTotal], figures: [UnitFigure], key: (String, String) -> Key, unitKey: (String) -> UnitKey
    ) -> [MetricTotal] {
        var byKey: [Key: [UnitKey: [UnitFigure]]] = [:]
        for figure in figures where figure.value != nil {
            byKey[key(figure.activity, figure.measure), default: [:]][unitKey(figure.unit), default: []].append(figure)
        }
        return totals.map { total in
            var total = total
            total.rule = rule
            let units = byKey[key(total.activity, total.unit)] ?? [:]
            // The counted figure's place, where the totals did not carry it.
            total.units = total.units.map { contribution in
                guard contribution.source == nil,
                      let figure = units[unitKey(contribution.unit)]?.first(where: { $0.value == contribution.value && $0.text == contribution.text })
                else { return contribution }
                var contribution = contribution
                (contribution.source, contribution.location) = (figure.source, figure.location)
                return contribution
            }
            let conflicts = total.units.compactMap { contribution -> FigureConflict? in
                // More than one distinct value among the unit's figures (no set made per unit).
                guard let own = units[unitKey(contribution.unit)],
                      let firstValue = own.lazy.compactMap(\.value).first,
                      own.contains(where: { $0.value != nil && $0.value != firstValue }) else { return nil }
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
