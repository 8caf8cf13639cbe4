import Foundation
@testable import ConsolidateCore

/// A consolidation of the Samples folder, computed once for the Render tests (no binary needed).
enum RenderFixtures {
    static let configuration = try! PipelineConfiguration.load(from: Repository.defaultPipeline)

    /// As `consolidate run` reads it: with the roster.csv in the folder, so one unit is missing.
    static let samples: Consolidation = {
        let rosterFile = Repository.samples.appendingPathComponent("roster.csv")
        let roster = try! Roster.load(from: rosterFile)
        let runner = PipelineRunner(configuration: configuration, roster: roster)
        let (submissions, _) = try! Submission.discover(in: Repository.samples, extensions: configuration.inputs.extensions,
                                                         roster: roster, excluding: [rosterFile.standardizedFileURL.path])
        var timings: [String: Int] = [:]
        let reports = runner.readAll(submissions, timings: &timings).reports
        let submitted = runner.account(submissions, reports)
        return Merger(configuration: configuration)
            .merge(MergeInput.from(submitted, roster: roster, copySimilarity: configuration.merge.copySimilarity))
    }()

    /// Every statement text the summary's groups hold: what a reviewer must be able to reach.
    static func sourceTexts(_ consolidation: Consolidation) -> [String] {
        (consolidation.achievements + consolidation.plans).flatMap(\.members).map(\.text)
            + consolidation.problems.flatMap(\.items).map(\.text)
            + consolidation.metrics.flatMap(\.units).map(\.text)
    }

    /// The path of an installed program, or nil.
    static func program(_ name: String) -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Runs a program to its end; stdout as text.
    @discardableResult
    static func execute(_ program: URL, _ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
