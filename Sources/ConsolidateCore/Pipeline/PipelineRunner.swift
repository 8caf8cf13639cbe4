import Foundation

/// Runs the five stages over a folder of submissions and writes the outputs.
public struct PipelineRunner: Sendable {
    public let configuration: PipelineConfiguration
    public let roster: Roster?
    /// Paths recorded in run.json.
    public var pipelinePath: String?
    public var rosterPath: String?

    public init(configuration: PipelineConfiguration, roster: Roster?, pipelinePath: String? = nil, rosterPath: String? = nil) {
        self.configuration = configuration
        self.roster = roster
        self.pipelinePath = pipelinePath
        self.rosterPath = rosterPath
    }

    /// What a run produced.
    public struct Outcome: Sendable {
        public var consolidation: Consolidation
        public var record: RunRecord
        /// One line per quarantined or otherwise noteworthy file, compiler style.
        public var warnings: [String]
        /// The record of the run before this one in the same output folder.
        public var previousRecord: RunRecord?
    }

    /// What the ingest stage made of one file.
    enum Reading: Sendable {
        case document(RawDocument)
        /// The file could not be read; `sha256` of its bytes where they could be loaded.
        case failed(IngestError, sha256: String)
        /// The store held a report of the same content (the file was read to hash it, not parsed).
        case stored(UnitReport)
    }

    /// The per-file stages (ingest, normalize, extract) over every submission, each stage
    /// run in parallel; a file that cannot be read becomes a quarantined report. With a
    /// `store`, a file unchanged since a run recorded it is not read again.
    public func readAll(_ submissions: [Submission], store: ReportStore? = nil,
                        events: @Sendable (RunEvent) -> Void = { _ in },
                        timings: inout [String: Int]) -> (reports: [UnitReport], parsed: Int) {
        func timed<T>(_ stage: StageName, _ work: () throws -> T) rethrows -> T {
            try Self.timed(stage, in: &timings, events: events, work)
        }
        let configuration = self.configuration
        // Files whose path, size and time are as the store recorded them: not opened at all.
        let stamps = submissions.map { ReportStore.stamp(of: $0.url) }
        var known: [Int: UnitReport] = [:]
        if let store {
            for (index, submission) in submissions.enumerated() {
                if let stamp = stamps[index],
                   let report = store.report(path: submission.path, unit: submission.unitHint ?? "",
                                             size: stamp.size, modified: stamp.modified) {
                    known[index] = report
                }
            }
        }
        let pending = submissions.indices.filter { known[$0] == nil }
        events(.started(.ingest, total: pending.count, reused: known.count))
        let readings: [Reading] = timed(.ingest) {
            ParallelMap.map(pending, done: { events(.fileDone(.ingest)) }) { index in
                let submission = submissions[index]
                guard let bytes = try? Data(contentsOf: submission.url) else {
                    return .failed(.unreadable(path: submission.path, reason: "无法打开文件"), sha256: "")
                }
                let sha256 = Fingerprint.sha256(bytes)
                if let store, var report = store.report(sha256: sha256, unit: submission.unitHint ?? "") {
                    report.source.path = submission.path
                    return .stored(report)
                }
                do throws(IngestError) {
                    return .document(try Ingest.read(bytes: bytes, displayPath: submission.path, inputs: configuration.inputs))
                } catch {
                    return .failed(error, sha256: sha256)
                }
            }
        }
        events(.started(.normalize, total: readings.count, reused: known.count))
        let normalized: [NormalizedDocument?] = timed(.normalize) {
            let normalizer = Normalizer(configuration: configuration)
            return ParallelMap.map(readings, done: { events(.fileDone(.normalize)) }) { reading in
                if case let .document(document) = reading { return normalizer.normalize(document) }
                return nil
            }
        }
        events(.started(.extract, total: pending.count, reused: known.count))
        let fresh: [UnitReport] = timed(.extract) {
            let extractor = Extractor(configuration: configuration)
            let classifier = ProblemClassifier(taxonomy: configuration.problems)
            return ParallelMap.map(Array(pending.indices), done: { events(.fileDone(.extract)) }) { position in
                let submission = submissions[pending[position]]
                switch readings[position] {
                case .document: return classifier.annotate(extractor.extract(normalized[position]!, unitHint: submission.unitHint))
                case let .stored(report): return report
                case let .failed(error, sha256): return Self.quarantined(submission, reason: error.description, sha256: sha256)
                }
            }
        }
        var reports = [UnitReport?](repeating: nil, count: submissions.count)
        for (index, report) in known { reports[index] = report }
        for (position, index) in pending.enumerated() { reports[index] = fresh[position] }
        if let store {
            let entries = pending.indices.compactMap { position -> (report: UnitReport, unit: String, size: Int, modified: Double)? in
                let index = pending[position]
                guard let stamp = stamps[index] else { return nil }
                return (fresh[position], submissions[index].unitHint ?? "", stamp.size, stamp.modified)
            }
            try? store.save(entries, present: submissions.map(\.path))
            FaultInjection.reach("stored")
        }
        let parsed = readings.filter { if case .stored = $0 { return false } else { return true } }.count
        return (reports.map { $0! }, parsed)
    }

    /// The report of a submission that could not be read, from the bytes already loaded.
    static func quarantined(_ submission: Submission, reason: String, sha256: String) -> UnitReport {
        let unit = submission.unitHint ?? submission.url.deletingPathExtension().lastPathComponent
        let source = SourceInfo(
            path: submission.path, format: submission.url.pathExtension.lowercased() == "txt" ? .txt : .docx,
            sha256: sha256)
        return UnitReport.quarantined(source: source, unit: unit, reason: reason)
    }

    static func timed<T>(_ stage: StageName, in timings: inout [String: Int], events: (RunEvent) -> Void,
                         _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now()
        defer {
            let milliseconds = Int((DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000)
            timings[stage.rawValue] = milliseconds
            events(.finished(stage, milliseconds: milliseconds))
        }
        return try work()
    }

    /// Runs over `input` into `output`. With `store`, files unchanged since an earlier run are not read again.
    /// `notices` are warnings found before the run began (an interrupted earlier run), kept in run.json.
    public func run(input: URL, output: URL, store: ReportStore? = nil, notices: [String] = [],
                    events: @Sendable (RunEvent) -> Void = { _ in }) throws -> Outcome {
        var timings: [String: Int] = [:]
        func timed<T>(_ stage: StageName, _ work: () throws -> T) rethrows -> T {
            try Self.timed(stage, in: &timings, events: events, work)
        }
        // What the previous run left, for changes.md.
        let previousRecord = RunRecord.previous(in: output)
        let previousSummary = (try? Data(contentsOf: output.appendingPathComponent("summary.json")))
            .flatMap { try? JSONDecoder().decode(Consolidation.self, from: $0) }
        let rosterFile = rosterPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let (submissions, skipped) = try Submission.discover(
            in: input, extensions: configuration.inputs.extensions, roster: roster,
            excluding: rosterFile.map { [$0] } ?? [])

        let (reports, parsed) = readAll(submissions, store: store, events: events, timings: &timings)
        events(.started(.merge, total: nil, reused: 0))
        let configuration = self.configuration
        let consolidation = timed(.merge) {
            let submitted = zip(submissions, reports).map { SubmittedReport(report: $1, submitted: $0.modified) }
            return Merger(configuration: configuration).merge(MergeInput.from(submitted, roster: roster, copySimilarity: configuration.merge.copySimilarity))
        }
        events(.started(.render, total: nil, reused: 0))
        let outputs = configuration.render.outputs
        var record = RunRecord(
            tool: ToolInfo.name, version: ToolInfo.version, input: input.path, pipeline: pipelinePath,
            roster: rosterPath, inputs: [], skipped: skipped,
            missing: consolidation.units.filter { $0.status == .missing }.map(\.unit),
            counts: .init(files: submissions.count, received: 0, quarantined: 0, superseded: 0,
                          missing: 0, skipped: skipped.count, statements: 0, metrics: 0),
            timings: [:], outputs: outputs)
        let statusByPath = Dictionary(consolidation.units.compactMap { entry in entry.source.map { ($0, entry.status) } },
                                      uniquingKeysWith: { first, _ in first })
        var warnings = notices
        for report in reports {
            let status = statusByPath[report.source.path] ?? .received
            record.inputs.append(RunRecord.Input(
                path: report.source.path, unit: report.unit, sha256: report.source.sha256.isEmpty ? nil : report.source.sha256,
                format: report.status == .ok ? report.source.format : nil, encoding: report.source.encoding,
                status: status, reason: report.error, stage: report.status == .quarantined ? .ingest : nil,
                warnings: report.warnings, convertedBy: report.source.convertedBy))
            if report.status == .quarantined {
                warnings.append("\(report.source.path): warning: [ingest] 已隔离，未计入汇总：\(report.error ?? "")")
            } else if status == .superseded {
                warnings.append("\(report.source.path): warning: [merge] 同一单位（\(report.unit)）另有较新的报送，本份未计入汇总")
            }
        }
        let entries = consolidation.units
        record.counts.received = entries.filter { $0.status == .received }.count
        record.counts.quarantined = entries.filter { $0.status == .quarantined }.count
        record.counts.superseded = entries.filter { $0.status == .superseded }.count
        record.counts.missing = entries.filter { $0.status == .missing }.count
        record.counts.statements = reports.filter { $0.status == .ok }.reduce(0) { $0 + $1.sections.reduce(0) { $0 + $1.leaves.count } }
        record.counts.metrics = reports.reduce(0) { $0 + $1.metrics.count }
        record.counts.read = parsed
        if let warning = store?.warning { warnings.append("\(output.path): warning: [ingest] \(warning)") }

        // Compared before rendering so that review.html shows it too; timings and warnings play no part.
        let changes = ChangeReport(previousRecord: previousRecord, previous: previousSummary,
                                   currentRecord: record, current: consolidation,
                                   mainActivities: configuration.metrics.activities.filter(\.main).map(\.name))
        var files: [(name: String, data: Data)] = try timed(.render) {
            try outputs.filter { $0 != "run.json" }.map { name in
                (name, try Renderer.render(name, consolidation: consolidation, configuration: configuration, changes: changes))
            }
        }
        record.timings = timings
        record.warnings = warnings.sorted()
        if outputs.contains("run.json") {
            files.append(("run.json", try JSONOutput.encode(record)))
        }
        files.append(("changes.md", Data(changes.markdown().utf8)))
        FaultInjection.reach("rendered")
        try OutputWriter.write(files, to: output)
        return Outcome(consolidation: consolidation, record: record, warnings: warnings, previousRecord: previousRecord)
    }
}
