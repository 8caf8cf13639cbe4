/// The outcome of scoring reports against gold readings: the figures, the
/// printable table, and whether the floors are reached.
public struct GoldEvaluation: Sendable, Equatable {
    public var perReport: [GoldFigures]
    public var total: GoldFigures
    public var floors: GoldFloors

    /// Each floor not reached, in words; empty when all are.
    public var failures: [String] {
        var failures: [String] = []
        func check(_ ok: Bool, _ what: String) { if !ok { failures.append(what) } }
        let t = total
        let ratio = { (a: Int, b: Int) in b == 0 ? 1.0 : Double(a) / Double(b) }
        check(ratio(t.residueRemoved, t.residueExpected) >= floors.residue, "residue removed \(t.residueRemoved)/\(t.residueExpected)")
        check(ratio(t.keepPresent, t.keepExpected) >= floors.keep, "keep present \(t.keepPresent)/\(t.keepExpected)")
        check(ratio(t.sectionsRight, t.sectionsExpected) >= floors.sectionKinds, "section kinds \(t.sectionsRight)/\(t.sectionsExpected)")
        check(t.leadRecall >= floors.leadRecall, "item lead recall \(Self.percent(t.leadRecall))")
        check(t.leadPrecision >= floors.leadPrecision, "item lead precision \(Self.percent(t.leadPrecision))")
        check(t.metricF1 >= floors.metricF1, "metric F1 \(Self.decimal(t.metricF1))")
        check(t.formulaHits <= floors.formulaHits, "formula hits \(t.formulaHits)")
        check(t.placeholderRecall >= floors.placeholders, "placeholders \(Self.percent(t.placeholderRecall))")
        if floors.titlesAndPeriods {
            check(t.titlesRight == t.reports, "titles \(t.titlesRight)/\(t.reports)")
            check(t.periodsRight == t.reports, "periods \(t.periodsRight)/\(t.reports)")
        }
        return failures
    }

    public var passes: Bool { failures.isEmpty }

    /// One row per report and a total row, then the verdict.
    public var table: String {
        let header = ["report", "sections", "leads f/e/c+u", "metrics f/e/false", "F1", "hits", "residue", "keep",
                      "placeholders", "categories", "title", "period", "unit"]
        var rows = [header]
        for figures in perReport + [total] {
            rows.append([
                figures.name,
                "\(figures.sectionsRight)/\(figures.sectionsExpected)",
                "\(figures.leadsFound)/\(figures.leadsExpected)/\(figures.leadsClaimed)+\(figures.leadsUnnumbered)",
                "\(figures.metricsFound)/\(figures.metricsExpected)/\(figures.metricsFalse)",
                Self.decimal(figures.metricF1),
                "\(figures.formulaHits)",
                "\(figures.residueRemoved)/\(figures.residueExpected)",
                "\(figures.keepPresent)/\(figures.keepExpected)",
                "\(figures.placeholdersFound)/\(figures.placeholdersExpected)",
                "\(figures.categoriesRight)/\(figures.categoriesExpected)",
                "\(figures.titlesRight)/\(figures.reports)",
                "\(figures.periodsRight)/\(figures.reports)",
                "\(figures.unitsRight)/\(figures.reports)",
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.indices.map { row[$0].padding(to: widths[$0]) }.joined(separator: "  ")
        }
        lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
        lines.append("")
        lines.append("f found, e expected, c claimed (numbered), u unnumbered top-level items kept as statements")
        lines.append("lead recall \(Self.percent(total.leadRecall)), precision \(Self.percent(total.leadPrecision)); "
            + "metric recall \(Self.percent(total.metricRecall)), precision \(Self.percent(total.metricPrecision)); "
            + "placeholders \(Self.percent(total.placeholderRecall))")
        lines.append(passes ? "floors: all reached" : "floors not reached: " + failures.joined(separator: "; "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The findings (misses and false claims), one per line, for review.
    public var details: String { total.findings.joined(separator: "\n") }

    static func percent(_ value: Double) -> String { "\(Int((value * 1000).rounded()) / 10).\(Int((value * 1000).rounded()) % 10)%" }
    static func decimal(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

private extension String {
    func padding(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
