import ArgumentParser
import ConsolidateCore
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Runs the whole pipeline over a folder of submissions.",
        discussion: """
            Writes the configured outputs (summary.md, summary.docx, review.html, summary.json, run.json) \
            into --out, whole or not at all. \
            Without --roster, a roster.csv in the input folder is used when there is one.
            """)

    @Option(help: "The folder of submissions (.docx, .txt).") var input: String
    @Option(help: "The folder the outputs are written to.") var out: String
    @OptionGroup var pipelineOptions: PipelineOptions
    @Option(help: "CSV of the units expected to report (column: unit; optional: file).") var roster: String?
    @Option(help: "Seconds to wait for another run holding the output folder before exiting with code 4.")
    var wait: Double = 600
    @Flag(help: "Read every file again, ignoring the state store of earlier runs.") var full = false

    func run() throws {
        let (configuration, pipelinePath) = try pipelineOptions.load()
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
                Diagnostics.error("\(error)")
                throw ExitCode(2)
            }
        }
        let outURL = URL(fileURLWithPath: out)
        let lock: RunLock
        do {
            lock = try RunLock.acquire(in: outURL, timeout: wait)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(4)
        }
        defer { lock.release() }
        FaultInjection.reach("locked")
        let started = Date()
        var notices: [String] = []
        if let killed = lock.replaced {
            let when = ISO8601DateFormatter().string(from: killed.started)
            notices.append("\(out): warning: [render] 上次运行（进程\(killed.pid)，开始于\(when)）未正常结束，可能被强行终止；本次接管。")
            try? Ledger.append(Ledger.Entry(started: killed.started, ended: killed.started, exitCode: -1,
                                            error: "运行中断（进程\(killed.pid)未正常结束）"), in: outURL)
        }
        notices += OutputWriter.recover(outURL).map { "\(out): warning: [render] \($0)" }
        for notice in notices { Diagnostics.line(notice) }
        let runner = PipelineRunner(configuration: configuration, roster: rosterValue,
                                    pipelinePath: pipelinePath, rosterPath: rosterPath)
        var store: ReportStore?
        if !full {
            do {
                store = try ReportStore(folder: outURL, configuration: configuration)
            } catch {
                Diagnostics.line("\(out): warning: [ingest] 状态库无法使用（\(error)），本次全部重新读取。")
            }
        }
        let outcome: PipelineRunner.Outcome
        do {
            outcome = try runner.run(input: inputURL, output: outURL, store: store, notices: notices) { Diagnostics.line($0) }
        } catch {
            Diagnostics.line("\(error)")
            try? Ledger.append(Ledger.Entry(started: started, ended: Date(), exitCode: 1, error: "\(error)"), in: outURL)
            throw ExitCode.failure
        }
        for warning in outcome.warnings.sorted() where !notices.contains(warning) { Diagnostics.line(warning) }
        let counts = outcome.record.counts
        let exitCode: Int32 = counts.quarantined > 0 ? 3 : 0
        let files = Ledger.fileChanges(previous: outcome.previousRecord, current: outcome.record)
        try? Ledger.append(Ledger.Entry(
            started: started, ended: Date(), exitCode: exitCode, filesNew: files.new, filesChanged: files.changed,
            filesUnchanged: files.unchanged, filesQuarantined: counts.quarantined, unitsReceived: counts.received,
            unitsMissing: counts.missing, warnings: outcome.warnings.count), in: outURL)
        Diagnostics.line("done: \(counts.files) files, \(counts.received) units consolidated, "
            + "\(counts.quarantined) quarantined, \(counts.superseded) superseded, \(counts.missing) missing → \(out)/")
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
