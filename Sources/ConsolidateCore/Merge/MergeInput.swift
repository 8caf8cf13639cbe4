import Foundation

/// One unit's figure for one activity, as the merge totals it.
public struct UnitFigure: Sendable, Equatable, Hashable {
    public var unit: String
    public var activity: String
    public var measure: String
    /// nil where the unit's figure is an unfilled placeholder.
    public var value: Int?
    public var approx: Bool
    public var text: String
}

/// A submission with the time it arrived, which decides which of two submissions of one unit counts.
public struct SubmittedReport: Sendable {
    public var report: UnitReport
    public var submitted: Date

    public init(report: UnitReport, submitted: Date) {
        self.report = report
        self.submitted = submitted
    }
}

/// Everything the Merge stage consolidates: the account of units, their leaf statements and their figures.
///
/// It is built either from units' reports or from earlier consolidations, so
/// that merging consolidations gives what merging their inputs would.
public struct MergeInput: Sendable {
    public var units: [UnitEntry]
    public var statements: [Statement]
    public var figures: [UnitFigure]
    /// Periods of the received reports, for the consolidation's own period.
    public var periods: [Period]

    /// From the reports of one run. Of two submissions of one unit the later counts (then the
    /// later path); the other is `superseded`. Roster units that sent nothing are `missing`.
    public static func from(_ submissions: [SubmittedReport], roster: Roster?,
                            copySimilarity: Double) -> MergeInput {
        let ordered = submissions.sorted {
            ($0.submitted, $0.report.source.path) > ($1.submitted, $1.report.source.path)
        }
        var units: [UnitEntry] = []
        var statements: [Statement] = []
        var figures: [UnitFigure] = []
        var periods: [Period] = []
        var counted = Set<String>()
        for submission in ordered {
            let report = submission.report
            var entry = UnitEntry(unit: report.unit, status: .received, source: report.source.path,
                                  warnings: report.warnings, residue: report.residue.count,
                                  placeholders: report.placeholders.count)
            if report.status == .quarantined {
                entry.status = .quarantined
                entry.warnings = [report.error ?? "无法读取"] + report.warnings
            } else if counted.contains(report.unit) {
                entry.status = .superseded
                entry.warnings.append("同一单位另有较新的报送，本份未计入汇总。")
            } else {
                counted.insert(report.unit)
                statements += Statement.statements(of: report)
                figures += Self.figures(of: report)
                periods.append(report.period)
            }
            units.append(entry)
        }
        // Suspected copying: both reports stay, each unit is told which other it resembles.
        let byUnit = Dictionary(grouping: statements, by: \.unit)
        let documents = byUnit.keys.sorted().map { unit in
            CopyDetector.Document(unit: unit, text: byUnit[unit]!.map(\.text).joined(separator: "\n"))
        }
        for (first, second, similarity) in CopyDetector(threshold: copySimilarity).suspectedCopies(documents) {
            let percent = Int((similarity * 100).rounded())
            for (unit, other) in [(first, second), (second, first)] {
                if let index = units.firstIndex(where: { $0.unit == unit && $0.status == .received }) {
                    units[index].warnings.append("与\(other)的材料高度雷同（相似度\(percent)%），疑似相互抄用，请核实。")
                }
            }
        }
        if let roster {
            let present = Set(units.filter { $0.status == .received }.map(\.unit))
            for unit in roster.units where !present.contains(unit) {
                let quarantined = units.contains { $0.unit == unit && $0.status == .quarantined }
                if !quarantined {
                    units.append(UnitEntry(unit: unit, status: .missing, source: nil, warnings: ["本期未报送。"]))
                }
            }
        }
        return MergeInput(units: units, statements: statements, figures: figures, periods: periods)
    }

    /// From earlier consolidations (a city over its districts).
    public static func from(_ consolidations: [Consolidation]) -> MergeInput {
        var units: [UnitEntry] = []
        var statements: [Statement] = []
        var figures: [UnitFigure] = []
        var periods: [Period] = []
        for consolidation in consolidations {
            units += consolidation.units
            statements += Statement.statements(of: consolidation)
            for total in consolidation.metrics {
                figures += total.units.map {
                    UnitFigure(unit: $0.unit, activity: total.activity, measure: total.unit, value: $0.value,
                               approx: $0.approx, text: $0.text)
                }
                figures += total.unknown.map {
                    UnitFigure(unit: $0, activity: total.activity, measure: total.unit, value: nil, approx: false, text: "")
                }
            }
            // Each received unit stands for one report of the consolidation's period.
            periods += Array(repeating: consolidation.period,
                             count: consolidation.units.filter { $0.status == .received }.count)
        }
        return MergeInput(units: units, statements: statements, figures: figures, periods: periods)
    }

    /// A unit's figures as its report states them; `MetricTotals` keeps one per unit and activity.
    /// A figure over several years (`三年来…`) is not the period's and stays out of its totals.
    static func figures(of report: UnitReport) -> [UnitFigure] {
        report.metrics.filter { !$0.beyondPeriod }.map {
            UnitFigure(unit: report.unit, activity: $0.activity, measure: $0.unit, value: $0.value, approx: $0.approx, text: $0.text)
        }
    }
}
