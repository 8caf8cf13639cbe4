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
        let runner = PipelineRunner(configuration: configuration, roster: rosterValue,
                                    pipelinePath: pipelinePath, rosterPath: rosterPath)
        let outcome: PipelineRunner.Outcome
        do {
            outcome = try runner.run(input: inputURL, output: URL(fileURLWithPath: out)) { Diagnostics.line($0) }
        } catch {
            Diagnostics.line("\(error)")
            throw ExitCode.failure
        }
        for warning in outcome.warnings.sorted() { Diagnostics.line(warning) }
        let counts = outcome.record.counts
        Diagnostics.line("done: \(counts.files) files, \(counts.received) units consolidated, "
            + "\(counts.quarantined) quarantined, \(counts.superseded) superseded, \(counts.missing) missing → \(out)/")
        if counts.quarantined > 0 { throw ExitCode(3) }
    }
}
