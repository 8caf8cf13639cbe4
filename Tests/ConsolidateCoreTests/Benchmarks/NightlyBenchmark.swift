import Foundation
import Testing
@testable import ConsolidateCore

/// A night's work at scale: a full run over a few thousand generated submissions, an unchanged
/// rerun, and a rerun after 1 % of the files changed, each timed on the release binary.
///
/// A benchmark, not a test: it runs only with `BENCHMARK=1` (`make benchmark`), prints its
/// figures and checks counts and bytes, never times. `NIGHTLY_COUNT` sets the number of
/// submissions (default 3000), `CONSOLIDATE_BIN` the binary (default
/// `.build/release/consolidate`); `NIGHTLY_KEEP=1` keeps the generated folder for a look.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BENCHMARK"] == "1")) struct NightlyBenchmark {
    /// One run of the binary seen from outside, with the run.json it wrote.
    struct Measurement {
        var label: String
        var status: Int32
        var seconds: Double
        /// Peak resident set size in KiB.
        var peakKiB: Int
        /// Whether `peakKiB` is this run's own (from /usr/bin/time) rather than the largest of
        /// all children so far (getrusage's RUSAGE_CHILDREN is a running maximum).
        var peakIsOwn: Bool
        var record: RunRecord
        var warningLines: Int
    }

    static let environment = ProcessInfo.processInfo.environment

    @Test func fullRunUnchangedRerunAndOnePercentChanged() throws {
        let count = try Self.submissionCount()
        let binary = URL(fileURLWithPath: Self.environment["CONSOLIDATE_BIN"]
            ?? Repository.root.appendingPathComponent(".build/release/consolidate").path)
        try #require(FileManager.default.isExecutableFile(atPath: binary.path),
                     "no consolidate binary at \(binary.path): build it with `swift build -c release --product consolidate` (or run `make benchmark`), or name one with CONSOLIDATE_BIN")
        let folder = try temporaryFolder()
        let keep = Self.environment["NIGHTLY_KEEP"] == "1"
        defer { if !keep { try? FileManager.default.removeItem(at: folder) } }
        let input = folder.appendingPathComponent("in"), out = folder.appendingPathComponent("out")
        let logs = folder.appendingPathComponent("logs")
        for url in [input, logs] { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

        let generator = try SubmissionGenerator()
        let generationStart = DispatchTime.now()
        let submissions = generator.submissions(count: count)
        var bytesWritten = 0
        for submission in submissions {
            let bytes = try generator.bytes(of: submission)
            bytesWritten += bytes.count
            try bytes.write(to: input.appendingPathComponent(submission.fileName))
        }
        let neverSent = ["青川区未报送单位甲", "青川区未报送单位乙", "青川区未报送单位丙"]
        let roster = (["unit"] + submissions.map(\.unit) + neverSent).joined(separator: "\n") + "\n"
        try roster.write(to: input.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let kinds = Dictionary(grouping: submissions, by: \.kind).mapValues(\.count)
        let unreadable = submissions.filter { !$0.kind.isReadable }.count
        print(String(format: "nightly benchmark: %d submissions (%d .txt, %d .docx, %d unreadable), %.1f MB, roster of %d units, written in %.1f s",
                     count, kinds[.text, default: 0], kinds[.docx, default: 0], unreadable, Double(bytesWritten) / 1e6,
                     count + neverSent.count, Self.seconds(since: generationStart)) + " to \(folder.path)")

        let arguments = ["run", "--input", input.path, "--out", out.path, "--pipeline", Repository.defaultPipeline.path]
        let full = try Self.measure("full run", binary: binary, arguments: arguments, logs: logs, out: out)
        let fullSummary = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let outputSizes = try Self.outputSizes(in: out)
        let unchanged = try Self.measure("unchanged rerun", binary: binary, arguments: arguments, logs: logs, out: out)
        let unchangedSummary = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let unchangedNote = try String(contentsOf: out.appendingPathComponent("changes.md"), encoding: .utf8)

        // 1 % of the readable files resubmitted with one figure corrected, spread over the folder.
        let readable = submissions.filter(\.kind.isReadable)
        let changedCount = max(1, count / 100)
        let step = readable.count / changedCount
        for position in 0..<changedCount {
            var submission = readable[position * step + step / 2]
            submission.body = SubmissionGenerator.changingOneFigure(in: submission.body)
            let url = input.appendingPathComponent(submission.fileName)
            let before = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
            try generator.bytes(of: submission).write(to: url)
            let after = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
            try #require(before != after, "\(submission.fileName): rewriting it did not change its modification time")
        }
        let onePercent = try Self.measure("1 % changed", binary: binary, arguments: arguments, logs: logs, out: out)
        let changesNote = try String(contentsOf: out.appendingPathComponent("changes.md"), encoding: .utf8)

        let runs = [full, unchanged, onePercent]
        Self.printTable(runs)
        print("outputs after the full run: " + outputSizes)
        let copies = String(decoding: fullSummary, as: UTF8.self).components(separatedBy: "疑似相互抄用").count - 1
        print("full run: \(full.record.counts.statements) statements, \(full.record.counts.metrics) metrics, "
              + "\(copies) suspected-copy warnings in summary.json")
        print(String(format: "ratio 1 %% changed / full run: %.3f (%.2f s / %.2f s)",
                     onePercent.seconds / full.seconds, onePercent.seconds, full.seconds))
        if !runs.allSatisfy(\.peakIsOwn) {
            print("peak RSS marked * is getrusage(RUSAGE_CHILDREN): the largest of all runs so far, not that run's own")
        }
        if keep { print("kept: \(folder.path)") }

        for run in runs { #expect([0, 3].contains(run.status), "\(run.label) exited with \(run.status); see \(logs.path)") }
        #expect(full.record.counts.files == count)
        #expect(full.record.counts.read == count)
        #expect(full.record.counts.quarantined == unreadable)
        #expect(full.record.counts.missing == neverSent.count)
        #expect(unchanged.record.counts.read == 0)
        #expect(unchangedSummary == fullSummary, "an unchanged rerun changed summary.json")
        #expect(unchangedNote.contains("报送材料没有变化"))
        #expect(onePercent.record.counts.read == changedCount)
        #expect(onePercent.record.counts.files == count)
        #expect(changesNote.contains("重新报送、内容有变化（\(changedCount)）"))
    }

    /// `NIGHTLY_COUNT`, or 3000.
    static func submissionCount() throws -> Int {
        guard let text = environment["NIGHTLY_COUNT"] else { return 3000 }
        let count = try #require(Int(text), "NIGHTLY_COUNT=\(text) is not a whole number")
        try #require(count >= 10, "NIGHTLY_COUNT=\(count): use at least 10 submissions")
        return count
    }

    /// Runs the binary once, its output into `logs`, through /usr/bin/time where present so
    /// that the peak memory is this run's own.
    static func measure(_ label: String, binary: URL, arguments: [String], logs: URL, out: URL) throws -> Measurement {
        let slug = label.filter { $0.isLetter || $0.isNumber }
        let peakFile = logs.appendingPathComponent(slug + ".maxrss")
        let timeCommand = "/usr/bin/time"
        let process = Process()
        if FileManager.default.isExecutableFile(atPath: timeCommand) {
            process.executableURL = URL(fileURLWithPath: timeCommand)
            process.arguments = ["-f", "%M", "-o", peakFile.path, binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        let stdout = logs.appendingPathComponent(slug + ".stdout"), stderr = logs.appendingPathComponent(slug + ".stderr")
        for url in [stdout, stderr] { try Data().write(to: url) }
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.currentDirectoryURL = Repository.root

        let start = DispatchTime.now()
        try process.run()
        process.waitUntilExit()
        let seconds = Self.seconds(since: start)

        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        #endif
        // GNU time writes "Command exited with non-zero status 3" before the figure.
        let own = (try? String(contentsOf: peakFile, encoding: .utf8))?
            .split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let record = try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: out.appendingPathComponent("run.json")))
        let warnings = try String(contentsOf: stderr, encoding: .utf8).split(separator: "\n").filter { $0.contains("warning:") }.count
        return Measurement(label: label, status: process.terminationStatus, seconds: seconds,
                           peakKiB: own ?? Int(usage.ru_maxrss), peakIsOwn: own != nil, record: record, warningLines: warnings)
    }

    static func printTable(_ runs: [Measurement]) {
        let stages = StageName.allCases.map(\.rawValue)
        let others = Set(runs.flatMap(\.record.timings.keys)).subtracting(stages).sorted()
        let timingColumns = stages + others
        print("run               exit   wall s   read   files   peak RSS MiB   warnings   "
              + timingColumns.map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined() + "(ms)")
        for run in runs {
            let peak = String(format: "%.1f", Double(run.peakKiB) / 1024) + (run.peakIsOwn ? "" : "*")
            let timings = timingColumns.map { key in
                (run.record.timings[key].map(String.init) ?? "-").padding(toLength: 10, withPad: " ", startingAt: 0)
            }.joined()
            print(run.label.padding(toLength: 18, withPad: " ", startingAt: 0)
                  + String(run.status).padding(toLength: 7, withPad: " ", startingAt: 0)
                  + String(format: "%.2f", run.seconds).padding(toLength: 9, withPad: " ", startingAt: 0)
                  + String(run.record.counts.read).padding(toLength: 7, withPad: " ", startingAt: 0)
                  + String(run.record.counts.files).padding(toLength: 8, withPad: " ", startingAt: 0)
                  + peak.padding(toLength: 15, withPad: " ", startingAt: 0)
                  + String(run.warningLines).padding(toLength: 11, withPad: " ", startingAt: 0)
                  + timings)
        }
    }

    /// The outputs' sizes, and the state store's.
    static func outputSizes(in out: URL) throws -> String {
        let names = ["summary.md", "summary.docx", "review.html", "summary.json", "run.json", "changes.md"]
        let store = ReportStore.url(in: out)
        return try (names.map { ($0, out.appendingPathComponent($0)) } + [("state store", store)]).map { name, url in
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
            return name + String(format: " %.2f MB", Double(size) / 1e6)
        }.joined(separator: ", ")
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
