import Foundation

/// Lets a nightly run in which nothing changed keep the previous run's outputs instead of merging
/// and rendering the same reports again.
///
/// A run that wrote its outputs records (`OUT/.consolidate/reuse.json`) a fingerprint of everything
/// its outputs follow from (the tool build, the pipeline configuration and summary template, the
/// roster, the reviewer's decisions, the input folder's listing with each file's size and time,
/// the paths it was given) and the size and time of each output as written. The next run with the
/// same fingerprint, every file's report in the state store and every output as it was written would
/// write the same bytes again, and keeps them: it writes only run.json (no file read, no stage time).
///
/// A run records this only where its outputs are what the next run would write: changes.md said
/// nothing changed since the run before (else the next run's changes.md differs), and nothing of
/// the moment (an interrupted earlier run, a store set aside, a hand edit kept) was among its warnings.
/// `run --full` never keeps outputs.
public struct RunReuse: Codable, Equatable, Sendable {
    public var fingerprint: String
    /// Output file name → size and modification time (ns) as this run left it.
    public var outputs: [String: [Int]]

    static func url(_ output: URL) -> URL { output.appendingPathComponent(".consolidate/reuse.json") }

    /// The fingerprint of a run's inputs and settings.
    static func fingerprint(runner: PipelineRunner, input: URL, output: URL, store: ReportStore,
                            submissions: [Submission], skipped: [SkippedFile]) -> String {
        var lines = ["tool\t\(ToolInfo.version)\t\(ToolInfo.build)", "configuration\t\(store.key)",
                     "input\t\(input.path)", "output\t\(output.path)", "pipeline\t\(runner.pipelinePath ?? "")",
                     "roster\t\(runner.rosterPath ?? "")", "allowEmpty\t\(runner.allowEmpty)"]
        let template = runner.configuration.render.summaryTemplate
        if !template.isEmpty {
            lines.append("template\t" + ((try? Data(contentsOf: URL(fileURLWithPath: template))).map(Fingerprint.sha256) ?? "unreadable"))
        }
        for entry in runner.roster?.entries ?? [] { lines.append("unit\t\(entry.unit)\t\(entry.file ?? "")") }
        let decisions = DecisionStore(output: output).url
        lines.append("decisions\t" + ((try? Data(contentsOf: decisions)).map(Fingerprint.sha256) ?? "none"))
        for submission in submissions {
            lines.append("file\t\(submission.path)\t\(submission.size)\t\(submission.modified.timeIntervalSince1970)"
                + "\t\(submission.unitHint ?? "")\t\(submission.nameEncoding ?? "")\t\(submission.format)")
        }
        for entry in skipped { lines.append("skipped\t\(entry.path)\t\(entry.reason)") }
        return Fingerprint.sha256(Data(lines.joined(separator: "\n").utf8))
    }

    /// An output file's size and modification time in nanoseconds, where it exists.
    static func stamp(_ url: URL) -> [Int]? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return [Int(info.st_size), Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec)]
    }

    /// The record a run left, where its fingerprint is `fingerprint` and every output is as it was written.
    static func keeping(_ output: URL, fingerprint: String) -> RunReuse? {
        guard let data = try? Data(contentsOf: url(output)),
              let reuse = try? JSONDecoder().decode(RunReuse.self, from: data),
              reuse.fingerprint == fingerprint, !reuse.outputs.isEmpty else { return nil }
        for (name, stamp) in reuse.outputs where Self.stamp(output.appendingPathComponent(name)) != stamp { return nil }
        return reuse
    }

    /// Records the outputs just written (`names`) under `fingerprint`; with nil, forgets any record.
    static func record(_ output: URL, fingerprint: String?, names: [String]) {
        guard let fingerprint else {
            try? FileManager.default.removeItem(at: url(output))
            return
        }
        var outputs: [String: [Int]] = [:]
        for name in names {
            guard let stamp = stamp(output.appendingPathComponent(name)) else {
                try? FileManager.default.removeItem(at: url(output))
                return
            }
            outputs[name] = stamp
        }
        guard let data = try? JSONOutput.encode(RunReuse(fingerprint: fingerprint, outputs: outputs)),
              (try? AtomicFile.write(data, to: url(output))) != nil else {
            try? FileManager.default.removeItem(at: url(output))
            return
        }
    }
}
