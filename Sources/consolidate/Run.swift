import ArgumentParser
import ConsolidateCore
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Runs the whole pipeline over a folder of submissions.",
        discussion: """
            Writes the configured outputs (summary.md, summary.docx, review.html, summary.json, run.json) \
            and changes.md into --out, whole or not at all. \
            Without --roster, a roster.csv in the input folder is used when there is one. \
            Exit codes: 0 done; 3 done, some files quarantined; 4 another run holds --out; \
            2 bad pipeline or roster; 5 --input missing or not a folder; 6 nothing readable in --input \
            (previous outputs kept); 7 --out cannot be written; 64 usage; 1 failure.
            """)

    @Option(help: "The folder of submissions (.docx, .txt).") var input: String
    @Option(help: "The folder the outputs are written to.") var out: String
    @OptionGroup var pipelineOptions: PipelineOptions
    @Option(help: "CSV of the units expected to report (column: unit; optional: file).") var roster: String?
    @Option(help: "Seconds to wait for another run holding the output folder before exiting with code 4.")
    var wait: Double = 600
    @Flag(help: "Read every file again, ignoring the state store of earlier runs.") var full = false
    @Flag(help: "Write the outputs even where no submission in --input can be read (replacing the previous ones).")
    var allowEmpty = false
    @Option(help: "text: lines for a person (a progress bar on a terminal, time-stamped lines otherwise); json: one JSON object per line.")
    var logFormat: LogFormat = .text
    @Flag(help: "No progress bar on a terminal.") var noProgress = false
    @Option(help: ArgumentHelp("Seconds between progress lines when not on a terminal.", visibility: .hidden))
    var progressInterval: Double = 10

    func run() throws {
        let console = RunConsole(format: logFormat, progress: !noProgress, interval: progressInterval)
        let (configuration, pipelinePath) = try pipelineOptions.load(report: console.error)
        let inputURL = URL(fileURLWithPath: input)
        var rosterPath = roster
        if rosterPath == nil {
            let candidate = inputURL.appendingPathComponent("roster.csv").path
            if FileManager.default.fileExists(atPath: candidate) { rosterPath = candidate }
        }
        var rosterValue: Roster?
        if let rosterPath {
            do {
                rosterValue = try Roster.load(from: URL(fileURLWithPath: rosterPath))
            } catch {
                console.error("\(error)")
                throw ExitCode(2)
            }
        }
        let outURL = URL(fileURLWithPath: out)
        do {
            try Submission.checkInputFolder(inputURL, output: outURL)
        } catch let error as RunError {
            console.error("\(error)")
            throw ExitCode(error.exitCode)
        }
        let (lock, notices) = try OutputFolder.take(outURL, wait: wait, report: console.error)
        defer { lock.release() }
        FaultInjection.reach("locked")
        let started = Date()
        for notice in notices { console.diagnostic(notice) }
        var runner = PipelineRunner(configuration: configuration, roster: rosterValue,
                                    pipelinePath: pipelinePath, rosterPath: rosterPath)
        runner.allowEmpty = allowEmpty
        // Opened with --full too: every file is read again, and what is read is saved for the next run.
        var store: ReportStore?
        do {
            store = try ReportStore(folder: outURL, configuration: configuration)
            store?.reuse = !full
        } catch {
            console.diagnostic("\(out): warning: [ingest] 状态库无法使用（\(error)），本次全部重新读取。")
        }
        let outcome: PipelineRunner.Outcome
        do {
            outcome = try runner.run(input: inputURL, output: outURL, store: store, notices: notices, events: console.handle)
        } catch {
            let code = (error as? RunError)?.exitCode ?? 1
            console.diagnostic("\(error)")
            try? Ledger.append(Ledger.Entry(started: started, ended: Date(), exitCode: code, error: "\(error)"), in: outURL)
            throw ExitCode(code)
        }
        for warning in outcome.warnings.sorted() where !notices.contains(warning) { console.diagnostic(warning) }
        let counts = outcome.record.counts
        let exitCode: Int32 = counts.quarantined > 0 ? 3 : 0
        let files = Ledger.fileChanges(previous: outcome.previousRecord, current: outcome.record)
        try? Ledger.append(Ledger.Entry(
            started: started, ended: Date(), exitCode: exitCode, filesNew: files.new, filesChanged: files.changed,
            filesUnchanged: files.unchanged, filesRead: counts.read, filesQuarantined: counts.quarantined, unitsReceived: counts.received,
            unitsMissing: counts.missing, warnings: outcome.warnings.count), in: outURL)
        console.info("done: \(counts.files) files (\(counts.read) read, \(counts.files - counts.read) unchanged), "
            + "\(counts.received) units consolidated, \(counts.quarantined) quarantined, \(counts.superseded) superseded, "
            + "\(counts.missing) missing → \(out)/",
            ["event": "done", "exitCode": .stringConvertible(Int(exitCode)), "files": .stringConvertible(counts.files),
             "read": .stringConvertible(counts.read), "received": .stringConvertible(counts.received),
             "quarantined": .stringConvertible(counts.quarantined), "missing": .stringConvertible(counts.missing)])
        // Let go by the process's exit, not freed piece by piece: at a hundred thousand units the
        // consolidation is millions of strings, whose release took over a second on one core once
        // the run's work was done. (The state store is still closed as the command returns.)
        finishedRuns.append(outcome)
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}

/// The outcomes of the runs this process made, held until it exits (see the end of `Run.run`).
nonisolated(unsafe) private var finishedRuns: [PipelineRunner.Outcome] = []
