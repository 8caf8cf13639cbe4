import Foundation

/// Runs the five stages over a folder of submissions and writes the outputs.
public struct PipelineRunner: Sendable {
    public let configuration: PipelineConfiguration
    public let roster: Roster?
    /// Paths recorded in run.json.
    public var pipelinePath: String?
    public var rosterPath: String?
    /// Writes the outputs even where no submission could be read (`--allow-empty`); otherwise
    /// such a run fails and the previous outputs stay.
    public var allowEmpty = false

    public init(configuration: PipelineConfiguration, roster: Roster?, pipelinePath: String? = nil, rosterPath: String? = nil) {
        self.configuration = configuration
        self.roster = roster
        self.pipelinePath = pipelinePath
        self.rosterPath = rosterPath
    }

    /// What a run produced.
    public struct Outcome: Sendable {
        /// Nil where the run kept the previous outputs (`RunReuse`): nothing was merged.
        public var consolidation: Consolidation?
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
        /// A format no stage reads (a PDF): not opened; the extension.
        case notRead(String)
    }

    /// What a unit that sent a format no stage reads is told, in Chinese.
    static func notReadAdvice(_ path: String, ext: String) -> String {
        let kind = InputScan.unreadFormats[ext] ?? "文件"
        return "文件 \(path) 是\(kind)（.\(ext)），本工具只读取 Word 文档（.docx）和纯文本（.txt）："
            + "请该单位把汇报正文另存为 .docx 或 .txt 后重新报送。"
    }

    /// The per-file stages (ingest, normalize, extract) over every submission, each file through
    /// all three on one thread, files in parallel; a file that cannot be read becomes a quarantined report. With a
    /// `store`, a file unchanged since a run recorded it is not read again.
    /// With `thin`, each report is cut to what the merge and run.json read (`UnitReport.thinned`)
    /// as soon as it is made and stored, so that a run holds no unit's full report beyond its own file's.
    public func readAll(_ submissions: [Submission], store: ReportStore? = nil, thin: Bool = false,
                        events: @Sendable (RunEvent) -> Void = { _ in },
                        timings: inout [String: Int]) -> (reports: [UnitReport], parsed: Int) {
        readAll(submissions, store: store, events: events, timings: &timings) { report in thin ? report.thinned() : report }
    }

    /// `readAll(_:store:thin:events:timings:)`, keeping of each report what `keep` makes of it (on
    /// the core that read the file) as soon as it is made (or decoded from the store) and stored;
    /// `settle` is applied to each kept one on the calling thread, a batch at a time. With `form`, the
    /// store keeps each kept report instead of the whole one, and an unchanged file's (or one of the
    /// same content under another path or time) is read back from it: a packed report's signature
    /// too, so that the merge makes only those of files read anew.
    func readAll<Kept: Sendable>(_ submissions: [Submission], store: ReportStore?, storedAs form: KeptForm<Kept>? = nil,
                                 events: @Sendable (RunEvent) -> Void, timings: inout [String: Int],
                                 keeping keep: @escaping @Sendable (UnitReport) -> Kept,
                                 settling settle: (Kept) -> Kept = { $0 }) -> (reports: [Kept], parsed: Int) {
        let configuration = self.configuration
        // Files whose path, size and time are as the store recorded them: not opened at all.
        let stamps = submissions.map { submission -> (size: Int, modified: Double)? in
            submission.format == .read ? (submission.size, submission.modified.timeIntervalSince1970) : nil
        }
        var known: [Int: Kept] = [:]
        if let store {
            let stamped = submissions.indices.compactMap { index in stamps[index].map { (index: index, stamp: $0) } }
            // Each stored report cut as it is decoded, a batch at a time: the whole ones never pile up.
            let stored = store.reports(unchanged: stamped.map { file in
                (submissions[file.index].path, submissions[file.index].unitHint ?? "", file.stamp.size, file.stamp.modified)
            }, restoring: form?.decode, settling: settle, keep)
            for (file, report) in zip(stamped, stored) { if let report { known[file.index] = report } }
        }
        let pending = submissions.indices.filter { known[$0] == nil }
        // Each file goes through ingest, normalize and extract in turn on one thread, a file per core
        // at a time: a file's bytes and readings are let go as soon as its report is made, so memory
        // holds the reports, not the whole folder's documents. With a store, each report is encoded
        // on the thread that made it and written with its batch (`batch` files at a time), so that
        // neither the encoded reports nor (with `thin`) the full ones pile up.
        events(.reading(total: pending.count, reused: known.count))
        let clock = StageClock()
        let normalizer = Normalizer(configuration: configuration)
        let extractor = Extractor(configuration: configuration)
        let classifier = ProblemClassifier(taxonomy: configuration.problems)
        let batch = 512
        var fresh: [Kept] = []
        fresh.reserveCapacity(pending.count)
        var parsed = 0
        typealias Made = (report: Kept, path: String, sha256: String, parsed: Bool, json: Data?, stored: Data?)
        /// One batch of files read on every core.
        @Sendable func read(_ indices: [Int]) -> [Made] {
            ParallelMap.map(indices, done: { events(.fileDone(.extract)) }) { index in
                let submission = submissions[index]
                // Each file's time over the three stages (`inputs.fileTimeLimitSeconds`).
                let deadline = FileDeadline(seconds: configuration.inputs.fileTimeLimitSeconds)
                var times = StageClock.FileTimes()
                let storing = store != nil && stamps[index] != nil
                let found = times.measure(.ingest) {
                    Self.read(submission, store: store, form: form, configuration: configuration, deadline: deadline)
                }
                let reading: Reading
                switch found {
                case let .reading(read): reading = read
                case let .kept(kept, sha256):
                    // The store's kept form of the same content: nothing to make or encode again.
                    clock.add(times)
                    return (kept, submission.path, sha256, false, nil, storing ? form?.encode(kept) : nil)
                }
                let normalized = times.measure(.normalize) { Self.normalize(reading, with: normalizer, deadline: deadline) }
                let report = times.measure(.extract) {
                    Self.extract(normalized, submission: submission, extractor: extractor, classifier: classifier, deadline: deadline)
                }
                clock.add(times)
                // What the store keeps is, with `form`, the kept report, else the whole one, encoded here, on every core.
                let json = storing && form == nil ? try? ReportStore.encode(report) : nil
                let kept = keep(report)
                // A format no stage reads was looked at in this run all the same: it counts as read.
                let parsed: Bool
                if case .stored = reading { parsed = false } else { parsed = true }
                return (kept, report.source.path, report.source.sha256, parsed, json, storing ? form?.encode(kept) : nil)
            }
        }
        /// One batch's reports stored and settled, in the batches' order, on this thread.
        func take(_ made: [Made], of indices: [Int]) {
            if let store {
                let saved = made.indices.compactMap { position -> (json: Data?, kept: Data?, file: (path: String, unit: String, size: Int, modified: Double, sha256: String))? in
                    let index = indices[position]
                    let made = made[position]
                    guard made.json != nil || made.stored != nil, let stamp = stamps[index] else { return nil }
                    return (made.json, made.stored, (made.path, submissions[index].unitHint ?? "", stamp.size, stamp.modified, made.sha256))
                }
                try? store.insert(encoded: saved.map(\.json), kept: saved.map(\.kept), of: saved.map(\.file))
            }
            fresh += made.map { settle($0.report) }
            parsed += made.filter(\.parsed).count
        }
        clock.pass {
            // Each batch is stored and settled here while the next one is read on every core: done
            // between batches, this thread's share left a core idle (at 100k units the cores were 85 %
            // busy while files were read, 96 % since). Two batches are in hand at most.
            var previous: (made: [Made], indices: [Int])?
            for start in stride(from: 0, to: pending.count, by: batch) {
                let indices = Array(pending[start..<min(pending.count, start + batch)])
                let made: [Made]
                if let done = previous {
                    previous = nil
                    made = ParallelMap.beside({ read(indices) }, while: { take(done.made, of: done.indices) })
                } else {
                    made = read(indices)
                }
                previous = (made, indices)
            }
            if let done = previous { take(done.made, of: done.indices) }
        }
        for (stage, milliseconds) in clock.shares() {
            timings[stage.rawValue] = milliseconds
            events(.finished(stage, milliseconds: milliseconds))
        }
        if let store {
            try? store.forget(present: submissions.map(\.path))
            FaultInjection.reach("stored")
        }
        // Every file read anew (a full run): the reports are already in the submissions' order.
        if known.isEmpty { return (fresh, parsed) }
        var reports = [Kept?](repeating: nil, count: submissions.count)
        for (index, report) in known { reports[index] = report }
        known = [:]
        for (position, index) in pending.enumerated() { reports[index] = fresh[position] }
        fresh = []
        return (reports.map { $0! }, parsed)
    }

    /// What the ingest stage found of one submission: a reading, or the report of the same content
    /// as the store keeps it in a run's form.
    enum Found<Kept> {
        case reading(Reading)
        /// Kept under another path or time, moved to this submission's path.
        case kept(Kept, sha256: String)
    }

    /// The ingest stage for one submission: its bytes loaded and read, or the store's report of the
    /// same content (with `form`, as a run keeps it), or why it could not be read.
    static func read<Kept>(_ submission: Submission, store: ReportStore?, form: KeptForm<Kept>?,
                           configuration: PipelineConfiguration, deadline: FileDeadline) -> Found<Kept> {
        if case let .notRead(ext) = submission.format {
            return .reading(.notRead(ext))
        }
        let bytes: Data
        switch SubmissionBytes.read(submission.fileSystemPath, limit: configuration.inputs.maxFileBytes) {
        case let .bytes(data): bytes = data
        case let .tooLarge(size):
            return .reading(.failed(.tooLarge(path: submission.path, bytes: size, limit: configuration.inputs.maxFileBytes), sha256: ""))
        case let .failed(reason): return .reading(.failed(.unreadable(path: submission.path, reason: reason), sha256: ""))
        }
        let sha256 = Fingerprint.sha256(bytes)
        if let store, let form {
            if let kept = store.kept(sha256: sha256, unit: submission.unitHint ?? "").flatMap(form.decode).flatMap({ form.move($0, submission.path) }) {
                return .kept(kept, sha256: sha256)
            }
        } else if let store, let report = store.report(sha256: sha256, unit: submission.unitHint ?? ""),
                  let moved = report.moved(to: submission.path) {
            return .reading(.stored(moved))
        }
        return .reading(ingest(bytes, sha256: sha256, path: submission.path, configuration: configuration, deadline: deadline))
    }

    /// What the normalize stage made of one file's reading.
    enum Normalized: Sendable {
        case document(NormalizedDocument, sha256: String)
        /// Not normalized: a failed, stored or unread file, passed on as it was.
        case passed(Reading)
    }

    /// The ingest stage for one file's bytes, under its deadline.
    static func ingest(_ bytes: Data, sha256: String, path: String, configuration: PipelineConfiguration,
                       deadline: FileDeadline) -> Reading {
        let reading: Reading = deadline.run {
            do throws(IngestError) {
                return .document(try Ingest.read(bytes: bytes, displayPath: path, inputs: configuration.inputs))
            } catch {
                return .failed(error, sha256: sha256)
            }
        }
        // A reading finished past the limit is not kept: a partial one would look complete.
        guard !deadline.expired else {
            return .failed(.timeLimit(path: path, seconds: deadline.limitSeconds, stage: StageName.ingest.chineseName), sha256: sha256)
        }
        return reading
    }

    /// The normalize stage for one file, under its deadline.
    static func normalize(_ reading: Reading, with normalizer: Normalizer, deadline: FileDeadline) -> Normalized {
        guard case let .document(document) = reading else { return .passed(reading) }
        let normalized = deadline.run { normalizer.normalize(document) }
        guard !deadline.expired else {
            return .passed(.failed(.timeLimit(path: document.source.path, seconds: deadline.limitSeconds,
                                              stage: StageName.normalize.chineseName), sha256: document.source.sha256))
        }
        return .document(normalized, sha256: document.source.sha256)
    }

    /// The extract stage for one file, under its deadline: its report, or its quarantine.
    static func extract(_ normalized: Normalized, submission: Submission, extractor: Extractor,
                        classifier: ProblemClassifier, deadline: FileDeadline) -> UnitReport {
        switch normalized {
        case let .document(document, sha256):
            let report = deadline.run { classifier.annotate(extractor.extract(document, unitHint: submission.unitHint)) }
            guard !deadline.expired else {
                let error = IngestError.timeLimit(path: submission.path, seconds: deadline.limitSeconds,
                                                  stage: StageName.extract.chineseName)
                return quarantined(submission, reason: error.description, sha256: sha256)
            }
            return report
        case .passed(.document):
            return quarantined(submission, reason: "内部错误：未经整理的文件", sha256: "")
        case let .passed(.stored(report)): return report
        case let .passed(.failed(error, sha256)): return quarantined(submission, reason: error.description, sha256: sha256)
        case let .passed(.notRead(ext)): return quarantined(submission, reason: notReadAdvice(submission.path, ext: ext), sha256: "")
        }
    }

    /// One file's bytes through ingest, normalize and extract on this thread, under the file time
    /// limit: what `readAll` makes of it, without a store. For tests; see `FileReader` for many files.
    public func readOne(bytes: Data, path: String) -> UnitReport {
        FileReader(configuration: configuration).read(bytes: bytes, path: path)
    }

    /// The per-file stages with their vocabularies compiled once, for reading many files one at a
    /// time (the fuzzing harness): each `read` is what `readAll` makes of the file.
    public struct FileReader: Sendable {
        let configuration: PipelineConfiguration
        let normalizer: Normalizer
        let extractor: Extractor
        let classifier: ProblemClassifier

        public init(configuration: PipelineConfiguration) {
            self.configuration = configuration
            normalizer = Normalizer(configuration: configuration)
            extractor = Extractor(configuration: configuration)
            classifier = ProblemClassifier(taxonomy: configuration.problems)
        }

        public func read(bytes: Data, path: String) -> UnitReport {
            let deadline = FileDeadline(seconds: configuration.inputs.fileTimeLimitSeconds)
            let reading = PipelineRunner.ingest(bytes, sha256: Fingerprint.sha256(bytes), path: path,
                                                configuration: configuration, deadline: deadline)
            let normalized = PipelineRunner.normalize(reading, with: normalizer, deadline: deadline)
            return PipelineRunner.extract(normalized, submission: Submission.file(path), extractor: extractor,
                                          classifier: classifier, deadline: deadline)
        }
    }

    /// Tells each report's unit (`UnitResolver`): the roster entry, else the unit's own name, else its
    /// file; the report carries the name and what the unit is told about it.
    public func account(_ submissions: [Submission], _ reports: [UnitReport]) -> [SubmittedReport] {
        let claims = zip(submissions, reports).map { submission, report in
            UnitResolver.Claim(path: submission.path, stem: submission.stem, name: report.unit,
                               fromRosterFile: roster?.unit(forFileStem: submission.stem) != nil)
        }
        let resolutions = UnitResolver(roster: roster).resolve(claims)
        return zip(zip(submissions, reports), resolutions).map { pair, resolution in
            var report = pair.1
            report.unit = resolution.unit
            report.warnings += resolution.warnings
            return SubmittedReport(report: report, submitted: pair.0.modified, identity: resolution.identity)
        }
    }

    /// The report of a submission that could not be read, from the bytes already loaded.
    static func quarantined(_ submission: Submission, reason: String, sha256: String) -> UnitReport {
        let unit = submission.unitHint ?? submission.stem
        let source = SourceInfo(
            path: submission.path, format: submission.path.lowercased().hasSuffix(".txt") ? .txt : .docx,
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

    /// Applies the decisions stored in `output` (``DecisionStore``) to `consolidation`; returns the
    /// consolidation as merged where there were decisions (for the review server), and warnings (an
    /// unreadable decisions file, decisions that need another look).
    func applyDecisions(to consolidation: inout Consolidation, output: URL) throws -> (merged: Consolidation?, warnings: [String]) {
        let merged = consolidation
        let store = DecisionStore(output: output)
        let decisions: [Decision]
        do {
            decisions = try store.load()
        } catch {
            return (merged, ["\(error)".replacingOccurrences(of: "error: [review]", with: "warning: [review]") + "本次运行未应用任何审核决定。"])
        }
        guard !decisions.isEmpty else { return (nil, []) }
        consolidation = DecisionApplier(configuration: configuration).apply(decisions, to: consolidation)
        let stale = consolidation.review?.needingLook.count ?? 0
        let warnings = stale == 0 ? [] : ["\(store.url.path): warning: [review] \(stale)项审核决定所涉语句已改动或不存在，需要重新审核（见 changes.md 和审核页面）。"]
        return (merged, warnings)
    }

    /// Runs over `input` into `output`. With `store`, files unchanged since an earlier run are not read again.
    /// `notices` are warnings found before the run began (an interrupted earlier run), kept in run.json.
    public func run(input: URL, output: URL, store: ReportStore? = nil, notices: [String] = [],
                    events: @Sendable (RunEvent) -> Void = { _ in }) throws -> Outcome {
        var timings: [String: Int] = [:]
        func timed<T>(_ stage: StageName, _ work: () throws -> T) rethrows -> T {
            try Self.timed(stage, in: &timings, events: events, work)
        }
        // Large lists in pages of their own, given back when they go (`MemoryRelease.fixThresholds`).
        MemoryRelease.fixThresholds()
        // What the previous run left, for changes.md.
        let previousRecord = RunRecord.previous(in: output)
        let rosterFile = rosterPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let (submissions, skipped) = try Submission.discover(
            in: input, extensions: configuration.inputs.extensions, roster: roster,
            excluding: rosterFile.map { [$0] } ?? [], output: output,
            toolFileNames: Submission.toolFileNames.union(configuration.render.outputs))

        // Nothing changed since a run whose outputs are still as it wrote them: those are this run's.
        // A `--full` run never keeps, but records its fingerprint for the next run.
        let fingerprint = store.flatMap { store in
            notices.isEmpty && submissions.allSatisfy { $0.format == .read }
                ? RunReuse.fingerprint(runner: self, output: output, store: store, submissions: submissions, skipped: skipped)
                : nil
        }
        if let fingerprint, let store, store.reuse, let previousRecord, let reuse = RunReuse.keeping(output, fingerprint: fingerprint),
           store.holdsAll(submissions.map { ($0.path, $0.unitHint ?? "", $0.size, $0.modified.timeIntervalSince1970) }),
           var files = reuse.unchangedFiles(in: output) {
            events(.unchanged(files: submissions.count))
            var record = previousRecord
            record.input = input.path
            record.pipeline = pipelinePath
            record.roster = rosterPath
            record.counts.read = 0
            record.timings = Dictionary(uniqueKeysWithValues: StageName.allCases.map { ($0.rawValue, 0) })
            let rewritten = files.map(\.name)
            if configuration.render.outputs.contains("run.json") { files.append(("run.json", try JSONOutput.encode(record))) }
            try OutputWriter.write(files, to: output)
            // changes.md and review.html now say that nothing changed: what the next unchanged run writes.
            if !rewritten.isEmpty { RunReuse.record(output, fingerprint: fingerprint, names: reuse.outputs.keys.sorted(), recompare: nil) }
            return Outcome(consolidation: nil, record: record, warnings: record.warnings, previousRecord: previousRecord)
        }

        // Reports cut to their account and packed reading (`PackedReport`): the store has them so.
        // The readings are copied into large shared blocks as they come, on this thread (`ReadingArena`).
        // Their copy-detection signatures go into one table, held by the reports until copy detection is done.
        let arena = ReadingArena()
        var (held, parsed) = { [submissions] in
            let signatures = SignatureTable(capacity: submissions.count)
            return readAll(submissions, store: store, storedAs: .packed, events: events, timings: &timings,
                           keeping: { PackedReport($0, signing: true) },
                           settling: { $0.settled(in: arena).carry(into: signatures) })
        }()
        var submitted = account(submissions, held.map(\.account))
        // What run.json counts, worked out before the merge so that the reports' statements can go with it.
        let statementCount = held.filter { $0.account.status == .ok }.reduce(0) { $0 + $1.reading.leafCount }
        let metricCount = held.reduce(0) { $0 + $1.reading.metricCount }
        for index in submitted.indices { (submitted[index].reading, submitted[index].signature) = (held[index].reading, held[index].carried) }
        held = []
        // The files' readings are gone and what stays is spread over the heap: free pages go back.
        MemoryRelease.freePages()
        // Nothing readable: an empty report must not replace the last good one unless asked for.
        if !allowEmpty, !submitted.contains(where: { $0.report.status == .ok }) {
            throw RunError.noReadableSubmission(path: input.path, files: submissions.count,
                                                quarantined: submissions.count, skipped: skipped.count)
        }
        events(.started(.merge, total: nil, reused: 0))
        let configuration = self.configuration
        var consolidation = timed(.merge) {
            // The merge reads its input, run.json only each report's account: each report's statements
            // and figures are let go as soon as they are taken into the input.
            let input = MergeInput.from(taking: &submitted, roster: roster, copySimilarity: configuration.merge.copySimilarity)
            return Merger(configuration: configuration).merge(consume input)
        }
        consolidation.skipped = skipped.isEmpty ? nil : skipped
        // The merge's working lists are gone: their pages go back before the outputs are made.
        MemoryRelease.freePages()
        // The reviewer's decisions, applied after the merge and before anything is rendered.
        let (merged, reviewWarnings) = try applyDecisions(to: &consolidation, output: output)
        events(.started(.render, total: nil, reused: 0))
        let outputs = configuration.render.outputs
        var record = RunRecord(
            tool: ToolInfo.name, version: ToolInfo.version, input: input.path, pipeline: pipelinePath,
            roster: rosterPath, inputs: [], skipped: skipped,
            missing: consolidation.units.filter { $0.status == .missing }.map(\.unit),
            counts: .init(files: submissions.count, received: 0, quarantined: 0, superseded: 0,
                          missing: 0, skipped: skipped.count, statements: 0, metrics: 0),
            timings: [:], outputs: outputs)
        let entryByPath = Dictionary(consolidation.units.compactMap { entry in entry.source.map { ($0, entry) } },
                                     uniquingKeysWith: { first, _ in first })
        var warnings = notices + reviewWarnings
        for (submission, accounted) in zip(submissions, submitted) {
            let report = accounted.report
            let entry = entryByPath[report.source.path]
            let status = entry?.status ?? .received
            var input = RunRecord.Input(
                path: report.source.path, unit: report.unit, sha256: report.source.sha256.isEmpty ? nil : report.source.sha256,
                format: report.status == .ok ? report.source.format : nil, encoding: report.source.encoding,
                status: status, reason: report.error, stage: report.status == .quarantined ? .ingest : nil,
                warnings: report.warnings)
            input.convertedBy = report.source.convertedBy
            input.supersededBy = entry?.supersededBy
            input.identifiedBy = accounted.identity?.basis
            input.rosterMatch = accounted.identity?.rosterMatch
            input.notOnRoster = accounted.identity?.notOnRoster == true ? true : nil
            input.nameEncoding = submission.nameEncoding
            record.inputs.append(input)
            if let encoding = submission.nameEncoding {
                warnings.append("\(report.source.path): warning: [ingest] 文件名不是 UTF-8 编码，"
                    + (encoding == "gb18030" ? "已按 GB18030（GBK）解读" : "无法完整解读") + "；请用 UTF-8 文件名重新打包报送材料。")
            }
            switch status {
            case .quarantined:
                warnings.append("\(report.source.path): warning: [ingest] 已隔离，未计入汇总：\(report.error ?? "")")
            case .superseded:
                warnings.append("\(report.source.path): warning: [merge] 同一单位（\(report.unit)）的 \(entry?.supersededBy ?? "另一份报送") 取代了本份，本份未计入汇总")
            default:
                break
            }
            if let match = accounted.identity?.rosterMatch {
                warnings.append("\(report.source.path): warning: [merge] 单位名称与名单相近而不相同，按名单单位计：\(match.arrow)")
            } else if accounted.identity?.notOnRoster == true {
                warnings.append("\(report.source.path): warning: [merge] 单位“\(report.unit)”不在单位名单中，单独列出，不计入应报送单位数")
            } else if accounted.identity?.basis == .file {
                warnings.append("\(report.source.path): warning: [extract] 未能识别报送单位，以文件名“\(report.unit)”称呼")
            }
        }
        // Entries passed over are said, except hidden files and the roster: nothing vanishes without a word.
        for entry in skipped where entry.reason != "单位名单" && entry.reason != "隐藏文件或 Word 临时文件" {
            warnings.append("\(entry.path): warning: [ingest] 未读取：\(entry.reason)")
        }
        let entries = consolidation.units
        record.counts.received = entries.filter { $0.status == .received }.count
        record.counts.notOnRoster = roster == nil ? nil : Set(entries.filter { $0.notOnRoster == true }.map(\.unit)).count
        record.counts.quarantined = entries.filter { $0.status == .quarantined }.count
        record.counts.superseded = entries.filter { $0.status == .superseded }.count
        record.counts.missing = entries.filter { $0.status == .missing }.count
        record.counts.statements = statementCount
        record.counts.metrics = metricCount
        record.counts.read = parsed
        if let warning = store?.warning { warnings.append("\(output.path): warning: [ingest] \(warning)") }

        // Compared before rendering so that review.html shows it too; timings and warnings play no part.
        // The previous summary's statements are read only now, after the merge, as they are compared:
        // only those that left this run's summary are held.
        let changes = ChangeReport(previousRecord: previousRecord, previousIn: output,
                                   currentRecord: record, current: consolidation,
                                   mainActivities: configuration.metrics.activities.filter(\.main).map(\.name))
        // What the next run compares with (`ChangeBasis`): this run's statements and totals, written
        // from the consolidation (a province's two million statement keys are never made as a list)
        // on a thread of its own while the outputs are made, and put in place once summary.json is
        // written, with its size and time. Waited for on every path, and let go where the run fails.
        // A run that does not write summary.json keeps none (a basis describes the summary.json its
        // run wrote), and writes none: at a province's scale hundreds of megabytes.
        let basisCurrent = changes.current
        let basisDraft = outputs.contains("summary.json") ? ParallelMap.started { ChangeBasis.draft(basisCurrent, in: output) } : nil
        var basisKept = false
        defer { if !basisKept { basisDraft?.wait()?.discard() } }
        // The render stage ends when its files are written (summary.json is made as it is staged):
        // its time and its `finished` event come then, not when the files are planned.
        let renderStart = DispatchTime.now()
        var files = try Renderer.outputFiles(outputs.filter { $0 != "run.json" }, consolidation: consolidation,
                                             configuration: configuration, changes: changes)
        timings[StageName.render.rawValue] = Int((DispatchTime.now().uptimeNanoseconds - renderStart.uptimeNanoseconds) / 1_000_000)
        // summary.json is encoded as it is staged: that time is the render stage's too, in run.json as well.
        let streaming = StreamClock()
        files = files.map(streaming.timing)
        record.timings = timings
        record.warnings = warnings.sorted()
        if outputs.contains("run.json") {
            // Made when staged, after the streamed files, so that it holds their time and the last warnings.
            files.append(OutputFile(name: "run.json") { sink in
                var final = record
                final.timings[StageName.render.rawValue, default: 0] += streaming.milliseconds
                // Written from the encoded bytes where they are (40 MB at 100k units), not from a copy.
                try JSONOutput.encode(final).withUnsafeBytes { try sink.write($0) }
            })
        }
        // Decisions that need another look follow the comparison.
        let changesTail = consolidation.review?.changesSection.map { "\n" + $0 } ?? ""
        files.append(OutputFile(name: "changes.md", data: Data((changes.markdown() + changesTail).utf8)))
        FaultInjection.reach("rendered")
        // A summary edited by hand since the last run is kept beside the new one, never lost.
        let edits = HandEdits.keepEdited(in: output)
        if !edits.isEmpty {
            warnings += edits
            record.warnings = warnings.sorted()
        }
        try OutputWriter.write(files, to: output)
        record.timings[StageName.render.rawValue, default: 0] += streaming.milliseconds
        events(.finished(.render, milliseconds: record.timings[StageName.render.rawValue] ?? 0))
        try? HandEdits.record(files.compactMap { file in file.data.map { (file.name, $0) } }, in: output)
        // The basis, kept beside summary.json so that the next run need not decode it.
        ChangeBasis.keep(basisDraft?.wait() ?? nil, in: output)
        basisKept = true
        // The next run may keep these outputs if nothing changes, rewriting changes.md and review.html
        // where they said that something had; not after a warning of the moment.
        let keepable = store?.warning == nil && edits.isEmpty
        let recompare = changes.comparison?.isEmpty == true ? nil
            : RunReuse.Recompare(changesTail: changesTail)
        RunReuse.record(output, fingerprint: keepable ? fingerprint : nil, names: files.map(\.name).filter { $0 != "run.json" },
                        recompare: recompare)
        // The server needs the merge's own result only where decisions changed it; otherwise summary.json is it.
        if let merged { try? ReviewInput.save(merged, in: output) } else { ReviewInput.remove(in: output) }
        return Outcome(consolidation: consolidation, record: record, warnings: warnings, previousRecord: previousRecord)
    }
}

/// The time streamed outputs took to make while they were staged, added to the render stage's.
private final class StreamClock {
    private(set) var milliseconds = 0

    /// The file, timed where it is streamed.
    func timing(_ file: OutputFile) -> OutputFile {
        guard case let .stream(produce) = file.content else { return file }
        return OutputFile(name: file.name) { sink in
            let start = DispatchTime.now()
            defer { self.milliseconds += Int((DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000) }
            try produce(sink)
            // Until the file is written, not only made.
            try (sink as? BackgroundSink)?.finish()
        }
    }
}

/// How the state store keeps a run's kept form of a report instead of the whole report, and reads it back.
struct KeptForm<Kept>: Sendable {
    let encode: @Sendable (Kept) -> Data?
    let decode: @Sendable (Data) -> Kept?
    /// A kept report of a file's content under the path it now lies under (`UnitReport.moved(to:)`).
    let move: @Sendable (Kept, String) -> Kept?
}

extension KeptForm where Kept == PackedReport {
    /// A packed report with its reading and signature (`PackedReport.storedBytes`).
    static var packed: KeptForm {
        KeptForm(encode: { $0.storedBytes }, decode: { PackedReport(storedBytes: $0) },
                 move: { report, path in
                     guard let account = report.account.moved(to: path) else { return nil }
                     var moved = report
                     moved.account = account
                     return moved
                 })
    }
}
