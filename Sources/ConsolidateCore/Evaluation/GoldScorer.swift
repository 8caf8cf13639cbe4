import Foundation

/// Scores extracted `UnitReport`s against hand-made gold readings (`consolidate eval`, `make eval`).
///
/// Every comparison is made on folded keys (``TextFolding/fold(_:)-(StringProtocol)``
/// with the configured censor-avoidance substitutions applied to the gold's
/// exact source spans), so width, white space and `D建` never decide a match.
/// Spans are located in the normalized text: a count matches a gold count
/// when value and measure word agree and their spans overlap there.
public struct GoldScorer: Sendable {
    public let floors: GoldFloors
    private let substitutions: [(from: String, to: String)]

    public init(configuration: PipelineConfiguration, floors: GoldFloors = .issue4) {
        self.floors = floors
        substitutions = configuration.substitutions.enabled
            ? configuration.substitutions.pairs.filter { !$0.from.isEmpty }.map { ($0.from, $0.to) } : []
    }

    /// Reads every gold reading in `gold` (`NAME.gold.json`) with the report its `source`
    /// names in `seeds`, through Ingest, Normalize and Extract, and scores them: what
    /// `consolidate eval` and `make eval` run.
    public func evaluate(seeds: URL, gold: URL, configuration: PipelineConfiguration) throws -> GoldEvaluation {
        let normalizer = Normalizer(configuration: configuration)
        let extractor = Extractor(configuration: configuration)
        let classifier = ProblemClassifier(taxonomy: configuration.problems)
        let names = try FileManager.default.contentsOfDirectory(atPath: gold.path)
            .filter { $0.hasSuffix(".gold.json") }.sorted()
        var cases: [(report: UnitReport, normalizedText: String, gold: Data)] = []
        for name in names {
            let data = try Data(contentsOf: gold.appendingPathComponent(name))
            let reading = try JSONDecoder().decode(GoldReading.self, from: data)
            let raw = try Ingest.read(seeds.appendingPathComponent(reading.source), displayPath: reading.source,
                                      inputs: configuration.inputs)
            let normalized = normalizer.normalize(raw)
            cases.append((classifier.annotate(extractor.extract(normalized, unitHint: nil)), normalized.text, data))
        }
        return try score(cases)
    }

    /// Scores each (report, its normalized text, its gold JSON) and sums the figures.
    public func score(_ cases: [(report: UnitReport, normalizedText: String, gold: Data)]) throws -> GoldEvaluation {
        var perReport: [GoldFigures] = []
        for (report, text, data) in cases {
            let gold = try JSONDecoder().decode(GoldReading.self, from: data)
            perReport.append(score(report, normalizedText: text, gold: gold))
        }
        let total = perReport.reduce(GoldFigures(name: "total"), +)
        return GoldEvaluation(perReport: perReport, total: total, floors: floors)
    }

    /// The figures of one report.
    public func score(_ report: UnitReport, normalizedText: String, gold: GoldReading) -> GoldFigures {
        var figures = GoldFigures(name: String(gold.source.prefix(while: { $0 != "_" && $0 != "." })))
        figures.reports = 1
        let name = figures.name
        let hay = Array(key(normalizedText))
        // Findings are gathered apart from `figures`, which the helpers below take `inout`.
        var findings: [String] = []
        func note(_ line: String) { findings.append("\(name): \(line)") }

        // Residue absent, keep present.
        figures.residueExpected = gold.residue.count
        for residue in gold.residue {
            if Self.occurrences(of: Array(key(residue)), in: hay).isEmpty {
                figures.residueRemoved += 1
            } else {
                note("residue left: \(residue)")
            }
        }
        figures.keepExpected = gold.keep.count
        for keep in gold.keep {
            if Self.occurrences(of: Array(key(keep)), in: hay).isEmpty { note("keep lost: \(keep)") } else {
                figures.keepPresent += 1
            }
        }

        // Title, period, unit.
        if key(report.title) == key(gold.title) { figures.titlesRight = 1 } else {
            note("title \"\(report.title)\", gold \"\(gold.title)\"")
        }
        if report.period.year == gold.period.year, report.period.part?.rawValue == gold.period.part {
            figures.periodsRight = 1
        } else {
            note("period \(report.period.year.map(String.init) ?? "nil") \(report.period.part?.rawValue ?? "nil"), gold \(gold.period.year.map(String.init) ?? "nil") \(gold.period.part ?? "nil")")
        }
        if key(report.unit) == key(gold.unit) { figures.unitsRight = 1 } else {
            note("unit \"\(report.unit)\", gold \"\(gold.unit)\"")
        }

        scoreSections(report, gold, &figures, note)
        scoreMetrics(report, gold, hay, &figures, note)

        // Placeholders: a gold span is found when a reported placeholder's text overlaps it.
        let reported = report.placeholders.flatMap { Self.occurrences(of: Array(key($0.text)), in: hay) }
        figures.placeholdersExpected = gold.placeholders.count
        for placeholder in gold.placeholders {
            let spans = Self.occurrences(of: Array(key(placeholder)), in: hay)
            if spans.contains(where: { span in reported.contains(where: { $0.overlaps(span) }) }) {
                figures.placeholdersFound += 1
            } else {
                note("placeholder missed: \(placeholder)")
            }
        }
        figures.findings = findings
        return figures
    }

    private func scoreSections(_ report: UnitReport, _ gold: GoldReading, _ figures: inout GoldFigures,
                               _ note: (String) -> Void) {
        figures.sectionsExpected = gold.sections.count
        var usedSections = Set<Int>()
        for section in gold.sections {
            let heading = key(section.heading)
            figures.leadsExpected += section.items.count
            guard let index = report.sections.indices.first(where: { index in
                guard !usedSections.contains(index) else { return false }
                let mine = key(report.sections[index].label + report.sections[index].heading)
                return !mine.isEmpty && (mine == heading || heading.hasPrefix(mine) || mine.hasPrefix(heading))
            }) else {
                note("section missed: \(section.heading)")
                continue
            }
            usedSections.insert(index)
            let mine = report.sections[index]
            if mine.kind.rawValue == section.kind { figures.sectionsRight += 1 } else {
                note("section \(section.heading): kind \(mine.kind.rawValue), gold \(section.kind)")
            }
            let claimed = mine.items.filter { !$0.label.isEmpty }
            figures.leadsClaimed += claimed.count
            figures.leadsUnnumbered += mine.items.count - claimed.count
            var used = Set<Int>()
            for item in section.items {
                let lead = key(item.lead)
                if let match = claimed.indices.first(where: { !used.contains($0) && itemKeys(claimed[$0]).contains { $0.hasPrefix(lead) } }) {
                    used.insert(match)
                    figures.leadsFound += 1
                    if let categories = item.categories, !categories.isEmpty {
                        figures.categoriesExpected += 1
                        if let first = claimed[match].categories.first, categories.contains(first) {
                            figures.categoriesRight += 1
                        } else {
                            note("category of \(item.lead): \(claimed[match].categories.first ?? "none"), gold \(categories)")
                        }
                    }
                } else {
                    note("lead missed: \(item.lead)")
                }
            }
            for index in claimed.indices where !used.contains(index) {
                note("item claimed beyond gold: \(String((claimed[index].label + claimed[index].heading + claimed[index].text).prefix(30)))")
            }
        }
    }

    private func scoreMetrics(_ report: UnitReport, _ gold: GoldReading, _ hay: [Character],
                              _ figures: inout GoldFigures, _ note: (String) -> Void) {
        let mine = report.metrics.map { metric in
            (metric: metric, spans: Self.occurrences(of: Array(key(metric.text)), in: hay))
        }
        figures.metricsExpected = gold.metrics.count
        var used = Set<Int>()
        for metric in gold.metrics {
            let spans = Self.occurrences(of: Array(key(metric.text)), in: hay)
            let match = mine.indices.first { index in
                !used.contains(index) && mine[index].metric.value == metric.value
                    && key(mine[index].metric.unit) == key(metric.unit)
                    && mine[index].spans.contains { span in spans.contains { $0.overlaps(span) } }
            }
            if let match {
                used.insert(match)
                figures.metricsFound += 1
            } else {
                note("metric missed: \(metric.text) = \(metric.value.map(String.init) ?? "nil")\(metric.unit)")
            }
        }
        for index in mine.indices where !used.contains(index) {
            figures.metricsFalse += 1
            let metric = mine[index].metric
            note("metric false: \(metric.text) = \(metric.value.map(String.init) ?? "nil")\(metric.unit) [\(metric.activity)]")
        }
        // A formula hit: every place the count's text stands, its number lies in a not-a-count span.
        let forbidden = gold.notMetrics.flatMap { Self.occurrences(of: Array(key($0)), in: hay) }
        for (metric, spans) in mine where !spans.isEmpty {
            let core = Self.countCore(Array(key(metric.text)), unit: Array(key(metric.unit)))
            let hit = spans.allSatisfy { span in
                let number = (span.lowerBound + core.lowerBound)..<(span.lowerBound + core.upperBound)
                return forbidden.contains { $0.overlaps(number) }
            }
            if hit {
                figures.formulaHits += 1
                note("formula hit: \(metric.text)")
            }
        }
    }

    /// The offsets of the number and measure word at the end of a count's folded text.
    static func countCore(_ text: [Character], unit: [Character]) -> Range<Int> {
        var end = text.count
        if !unit.isEmpty {
            var index = text.count - unit.count
            while index >= 0, !text[index..<(index + unit.count)].elementsEqual(unit) { index -= 1 }
            if index >= 0 { end = index + unit.count }
        }
        var start = max(0, end - unit.count)
        let numeric: Set<Character> = ["X", "x", "×", "*", "余", "多", "近", "约", "各"]
        while start > 0, text[start - 1].isASCIIDigitOrFullWidth || ChineseNumeral.isNumeral(text[start - 1])
                || numeric.contains(text[start - 1]) {
            start -= 1
        }
        return start..<end
    }

    /// The folded keys by which an item may match a gold lead.
    private func itemKeys(_ item: Item) -> [String] {
        var keys = [key(item.label + item.heading + item.text), key(item.label + item.statement)]
        if let first = item.items.first, item.text.isEmpty {
            keys.append(key(item.label + item.heading + (item.heading.isEmpty ? "" : "。") + first.label + first.statement))
        }
        return keys
    }

    /// The comparison key: substitutions applied, then folded.
    func key(_ text: String) -> String {
        var text = text
        for pair in substitutions where text.contains(pair.from) {
            text = text.replacingOccurrences(of: pair.from, with: pair.to)
        }
        return TextFolding.fold(text)
    }

    static func occurrences(of needle: [Character], in hay: [Character]) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= hay.count else { return [] }
        var result: [Range<Int>] = []
        var index = 0
        while index + needle.count <= hay.count {
            if hay[index] == needle[0], hay[index..<(index + needle.count)].elementsEqual(needle) {
                result.append(index..<(index + needle.count))
            }
            index += 1
        }
        return result
    }
}
