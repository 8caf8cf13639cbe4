import ArgumentParser
import ConsolidateCore
import Foundation

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reads each file through ingest, normalize and extract; prints one UnitReport JSON per line.")

    @Argument(help: "Report files (.docx, .txt).") var files: [String]
    @OptionGroup var pipelineOptions: PipelineOptions

    func run() throws {
        let (configuration, _) = try pipelineOptions.load()
        let submissions = files.map(Submission.file)
        var timings: [String: Int] = [:]
        let reports = PipelineRunner(configuration: configuration, roster: nil).readAll(submissions, timings: &timings).reports
        var quarantined = false
        for report in reports {
            print(String(decoding: try JSONOutput.encode(report, pretty: false), as: UTF8.self))
            if report.status == ReportStatus.quarantined {
                quarantined = true
                Diagnostics.line("\(report.source.path): warning: [ingest] \(report.error ?? "")")
            }
        }
        if quarantined { throw ExitCode(3) }
    }
}
