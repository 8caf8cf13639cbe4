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
    /// Where the figure stands: the submission's path and paragraph.
    public var source: String? = nil
    public var location: SourceLocation? = nil
}

/// A submission with the time it arrived, which decides which of two submissions of one unit counts.
public struct SubmittedReport: Sendable {
    public var report: UnitReport
    public var submitted: Date
    /// How the report's unit was told (by the run's `UnitResolver`); nil where the caller named it.
    public var identity: UnitIdentity?
    /// The report's statements and figures packed, where a run cut the report to its account
    /// (`PackedReport`); nil where `report` holds them.
    public var reading: PackedReading?
    /// The report's copy-detection signature, made as it was read (`SignatureTable`); let go once
    /// copy detection is done.
    var signature: CarriedSignature?

    public init(report: UnitReport, submitted: Date, identity: UnitIdentity? = nil, reading: PackedReading? = nil) {
        self.report = report
        self.submitted = submitted
        self.identity = identity
        self.reading = reading
    }
}

/// Everything the Merge stage consolidates: the account of units, their leaf statements and their figures.
///
/// It is built either from units' reports or from earlier consolidations, so
/// that merging consolidations gives what merging their inputs would.
public struct MergeInput: Sendable {
    public var units: [UnitEntry]
    /// The statements held as a list; the counted reports that arrived packed keep theirs in `packed`.
    public var statements: [Statement]
    /// The figures held as a list. The packed reports' are made as their rows are (`takeRows()`),
    /// each report's in its place among these (`allFigures`).
    public var figures: [UnitFigure]
    /// Periods of the received reports, for the consolidation's own period.
    public var periods: [Period]
    /// Units due (the roster's entries); nil without a roster.
    public var due: Int?
    /// Counted reports whose statements are still packed, each with its unit and source. The merge
    /// makes its rows straight from them (`StatementRows`), with no `Statement` per leaf on the way,
    /// letting each reading go as its rows are made.
    var packed: [PackedStatements] = []

    /// A counted report's statements and figures as its reading holds them.
    struct PackedStatements: Sendable {
        var unit: String
        var source: String
        var reading: PackedReading
        /// How many of the figures held as a list come before this report's.
        var figuresBefore = 0
    }

    /// Every statement: those held as a list, then the packed ones, each report's in its order.
    public var allStatements: [Statement] {
        statements + packed.flatMap { $0.reading.statements(unit: $0.unit, source: $0.source) }
    }

    /// Every figure, in the reports' order: those held as a list with the packed reports' among them.
    public var allFigures: [UnitFigure] {
        var pool = SpellingPool()
        var made = packed.map { Self.figures(pooled: $0.reading.figures(spellings: &pool), unit: $0.unit, source: $0.source) }
        return Self.placing(&made, among: figures, before: packed.map(\.figuresBefore))
    }

    /// The merge's rows, made straight from the packed readings, and with them the packed reports'
    /// figures, each reading let go once both are made: the figures are not held beside every reading
    /// (a province's million figures, and its readings, are the merge's highest mark). After it,
    /// `figures` holds every figure (as `allFigures` did) and nothing is packed.
    mutating func takeRows() -> StatementRows {
        let maker = FigureMaker(count: packed.count)
        let before = packed.map(\.figuresBefore)
        let list = statements
        statements = []
        var taking = packed
        packed = []
        let rows = StatementRows(sorting: list, taking: &taking) { index, entry in maker.make(index, entry) }
        figures = Self.placing(&maker.made, among: figures, before: before)
        return rows
    }

    /// The packed reports' figures, made beside their rows (`StatementRows(sorting:taking:beside:)`),
    /// their wordings pooled: shown one report at a time, from one thread at a time (each chunk's
    /// figures are made while its rows are, and the next chunk waits for both), so unlocked.
    private final class FigureMaker: @unchecked Sendable {
        var made: [[UnitFigure]]
        private var pool = SpellingPool()

        init(count: Int) { made = [[UnitFigure]](repeating: [], count: count) }

        func make(_ index: Int, _ entry: PackedStatements) {
            made[index] = MergeInput.figures(pooled: entry.reading.figures(spellings: &pool), unit: entry.unit, source: entry.source)
        }
    }

    /// `list` with each packed report's figures (`made`, in the packed reports' order, let go as placed)
    /// in their places: report k's after the first `before[k]` of the list and the reports' before it.
    private static func placing(_ made: inout [[UnitFigure]], among list: [UnitFigure], before: [Int]) -> [UnitFigure] {
        var all: [UnitFigure] = []
        all.reserveCapacity(list.count + made.reduce(0) { $0 + $1.count })
        var next = 0
        for index in made.indices {
            all += list[next..<before[index]]
            next = before[index]
            all += made[index]
            made[index] = []
        }
        all += list[next...]
        return all
    }

    /// From the reports of one run, each unit already told. Of a unit's readable submissions the
    /// latest counts (then the later path) and the others are `superseded` by it; an unreadable
    /// file older than the counted one is superseded by it too, one newer stays `quarantined`
    /// (the unit's latest version cannot be read: it is told so). A unit with no readable file
    /// is `quarantined` once, by its latest file. Roster units that sent nothing are `missing`.
    public static func from(_ submissions: [SubmittedReport], roster: Roster?,
                            copySimilarity: Double) -> MergeInput {
        var submissions = submissions
        return from(taking: &submissions, roster: roster, copySimilarity: copySimilarity)
    }

    /// `from(_:roster:copySimilarity:)`, letting go of each report's sections and metrics as soon as
    /// its statements and figures are made: the reports and what is made of them are never all held
    /// at once. The reports keep everything else (their account, for run.json).
    public static func from(taking submissions: inout [SubmittedReport], roster: Roster?,
                            copySimilarity: Double) -> MergeInput {
        // Latest first, then the later path (compared on bytes where plain: `TextOrder`).
        let paths = submissions.map { TextOrder.Key($0.report.source.path) }
        let order = submissions.indices.sorted { a, b in
            let (x, y) = (submissions[a].submitted, submissions[b].submitted)
            if x != y { return x > y }
            return TextOrder.compare(paths[a], paths[b]) > 0
        }
        var units: [UnitEntry] = []
        var statements: [Statement] = []
        var figures: [UnitFigure] = []
        var periods: [Period] = []
        // Each unit's submissions by position, latest first: the reports stay in `submissions` only.
        var byUnit: [String: [Int]] = [:]
        var spellings = SpellingPool()
        for index in order { byUnit[submissions[index].report.unit, default: []].append(index) }
        let names = Array(byUnit.keys)
        let nameKeys = names.map(TextOrder.Key.init)
        // Units in order, each with its submissions (latest first) and the one that counts.
        let plan = names.indices.sorted(by: { TextOrder.compare(nameKeys[$0], nameKeys[$1]) < 0 }).map { position in
            let indices = byUnit[names[position]]!
            return (indices: indices, counted: indices.first { submissions[$0].report.status != .quarantined })
        }
        byUnit = [:]
        // Suspected copying, found before any statement or figure is made: the detection's signatures
        // and bigram sets come and go while only the reports are held, not on top of the lists made
        // from them. One document per unit with statements, in the units' order, read from its reading.
        let copies: [(String, String, Double)] = {
            var documents = plan.compactMap { entry -> CopyDetector.Document? in
                guard let counted = entry.counted else { return nil }
                let report = submissions[counted].report
                if let reading = submissions[counted].reading {
                    return reading.leafCount == 0 ? nil
                        : CopyDetector.Document(unit: report.unit, reading: reading, signature: submissions[counted].signature)
                }
                let lines = Statement.statements(of: report).map(\.text)
                return lines.isEmpty ? nil : CopyDetector.Document(unit: report.unit, lines: lines)
            }
            // The documents hold the signatures now: the table goes as soon as the detection lets them go.
            for index in submissions.indices { submissions[index].signature = nil }
            return CopyDetector(threshold: copySimilarity).suspectedCopies(taking: &documents)
        }()
        // Room for every report's statements and figures at once: appended report by report, the
        // arrays would grow by doubling and hold up to twice what they need through the merge.
        // Packed readings keep their statements and figures packed: the merge makes them (`takeRows()`).
        var packed: [PackedStatements] = []
        statements.reserveCapacity(submissions.reduce(0) { total, submission in
            total + (submission.reading == nil ? submission.report.sections.reduce(0) { $0 + $1.leafCount } : 0)
        })
        figures.reserveCapacity(submissions.reduce(0) { $0 + ($1.reading == nil ? $1.report.metrics.count : 0) })
        for (indices, countedIndex) in plan {
            let counted = countedIndex.map { submissions[$0] }
            let latest = submissions[indices[0]]
            for (position, index) in indices.enumerated() {
                let submission = submissions[index]
                let report = submission.report
                var entry = UnitEntry(unit: report.unit, status: .received, source: report.source.path,
                                      warnings: report.warnings, residue: submission.reading?.residue ?? report.residue.count,
                                      placeholders: submission.reading?.placeholders ?? report.placeholders.count)
                entry.identify(submission.identity)
                if let counted, submission.report.source.path == counted.report.source.path {
                    if let reading = submission.reading {
                        submissions[index].reading = nil
                        packed.append(PackedStatements(unit: report.unit, source: report.source.path, reading: reading,
                                                       figuresBefore: figures.count))
                    } else {
                        statements += Statement.statements(of: report)
                        figures += Self.figures(of: report, names: &spellings)
                    }
                    periods.append(report.period)
                    for newer in indices[..<position] {
                        entry.warnings.append("同一单位较新的文件 \(submissions[newer].report.source.path) 无法读取，本次按本份汇总；请该单位重新报送。")
                    }
                } else if report.status == .quarantined {
                    let reason = report.error ?? "无法读取"
                    if let counted, submission.submitted <= counted.submitted {
                        entry.status = .superseded
                        entry.supersededBy = counted.report.source.path
                        entry.warnings = [reason, "已由同一单位可读取的 \(counted.report.source.path) 取代，本份未计入汇总。"] + report.warnings
                    } else if counted == nil, submission.report.source.path != latest.report.source.path {
                        entry.status = .superseded
                        entry.supersededBy = latest.report.source.path
                        entry.warnings = [reason, "同一单位另有较新的 \(latest.report.source.path)，本份未计入。"] + report.warnings
                    } else {
                        entry.status = .quarantined
                        entry.warnings = [reason] + report.warnings
                    }
                } else {
                    entry.status = .superseded
                    entry.supersededBy = counted?.report.source.path
                    entry.warnings.append("已由同一单位较新的 \(counted?.report.source.path ?? "") 取代，本份未计入汇总。")
                }
                units.append(entry)
                submissions[index].report.sections = []
                submissions[index].report.metrics = []
                submissions[index].reading = nil
            }
        }
        // Suspected copying: both reports stay, each unit is told which other it resembles.
        // Each unit's first received entry, found once rather than by a search over every unit per pair.
        var received: [String: Int] = [:]
        for (index, entry) in units.enumerated() where entry.status == .received && received[entry.unit] == nil {
            received[entry.unit] = index
        }
        for (first, second, similarity) in copies {
            let percent = Int((similarity * 100).rounded())
            for (unit, other) in [(first, second), (second, first)] {
                if let index = received[unit] {
                    units[index].warnings.append("与\(other)的材料高度雷同（相似度\(percent)%），疑似相互抄用，请核实。")
                }
            }
        }
        if let roster {
            let present = Set(units.map(\.unit))
            for unit in roster.units where !present.contains(unit) {
                var entry = UnitEntry(unit: unit, status: .missing, source: nil, warnings: ["本期未报送。"])
                entry.identifiedBy = .roster
                units.append(entry)
            }
        }
        return MergeInput(units: units, statements: statements, figures: figures, periods: periods, due: roster?.units.count,
                          packed: packed)
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
                               approx: $0.approx, text: $0.text, source: $0.source, location: $0.location)
                }
                // The figures a unit gave beside the counted one, so the roll-up shows them too.
                // Looked up, not searched for among every unit of the total per figure.
                let counted = Set(total.units.map { CountedFigure(unit: $0.unit, value: $0.value, text: $0.text) })
                figures += (total.conflicts ?? []).flatMap(\.figures).filter { figure in
                    !counted.contains(CountedFigure(unit: figure.unit, value: figure.value, text: figure.text))
                }.map {
                    UnitFigure(unit: $0.unit, activity: total.activity, measure: total.unit, value: $0.value,
                               approx: $0.approx, text: $0.text, source: $0.source, location: $0.location)
                }
                figures += total.unknown.map {
                    UnitFigure(unit: $0, activity: total.activity, measure: total.unit, value: nil, approx: false, text: "")
                }
            }
            // Each received unit stands for one report of the consolidation's period.
            periods += Array(repeating: consolidation.period,
                             count: consolidation.units.filter { $0.status == .received }.count)
        }
        // Units due add up where every consolidation knew its own; otherwise no one can say.
        let dues = consolidations.map(\.due)
        let due = dues.contains(nil) ? nil : dues.reduce(0) { $0 + ($1 ?? 0) }
        return MergeInput(units: units, statements: statements, figures: figures, periods: periods, due: due)
    }

    /// A unit's counted figure as a roll-up tells it apart from the unit's other figures.
    private struct CountedFigure: Hashable {
        var unit: String
        var value: Int
        var text: String
    }

    /// A unit's figures as its report states them; `MetricTotals` keeps one per unit and activity.
    /// A figure over several years (`三年来…`) is not the period's and stays out of its totals.
    /// Each activity name, measure word and wording is taken from `names`: every unit names the same
    /// few activities, units copy each other's sentences, each reading made its own copy, and the
    /// merge holds them all.
    static func figures(of report: UnitReport, names: inout SpellingPool) -> [UnitFigure] {
        figures(pooled: report.metrics.map { metric in
            var metric = metric
            (metric.activity, metric.unit, metric.text) = (names.shared(metric.activity), names.shared(metric.unit), names.shared(metric.text))
            return metric
        }, of: report)
    }

    /// `figures(of:names:)` of `metrics` whose words were taken from the pool already: the report's
    /// figures where it holds them no more (`PackedReading.figures(spellings:)`).
    static func figures(pooled metrics: [Metric], of report: UnitReport) -> [UnitFigure] {
        figures(pooled: metrics, unit: report.unit, source: report.source.path)
    }

    static func figures(pooled metrics: [Metric], unit: String, source: String) -> [UnitFigure] {
        metrics.filter { !$0.beyondPeriod }.map {
            UnitFigure(unit: unit, activity: $0.activity, measure: $0.unit, value: $0.value,
                       approx: $0.approx, text: $0.text, source: source, location: $0.location)
        }
    }
}
