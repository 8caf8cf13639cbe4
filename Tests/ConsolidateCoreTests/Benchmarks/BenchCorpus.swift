import Foundation
import Testing
@testable import ConsolidateCore

/// Writes a generated quarter of submissions into a folder for `make bench`, which times the
/// release binary against the Python peer and the floor on it. Not a test: it runs only where
/// `BENCH_CORPUS` names the folder to fill, with `BENCH_UNITS` submissions (default 1000), of
/// which `BENCH_DOCX_PERCENT` in a hundred (default 70, the share of the quarter the speed issue
/// was measured on) are .docx written in Word's own markup (`WordDressing`), the rest .txt.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BENCH_CORPUS"] != nil)) struct BenchCorpus {
    @Test func writesTheCorpus() throws {
        let environment = ProcessInfo.processInfo.environment
        let folder = URL(fileURLWithPath: try #require(environment["BENCH_CORPUS"]))
        let count = Int(environment["BENCH_UNITS"] ?? "1000") ?? 1000
        let docxPercent = Int(environment["BENCH_DOCX_PERCENT"] ?? "70") ?? 70
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let generator = try SubmissionGenerator()
        // Readable files only: the peer and the floor stop at the first file they cannot open.
        let submissions = Array(generator.submissions(count: count + count / 100 + 10, docxPercent: docxPercent).filter(\.kind.isReadable).prefix(count))
        var bytes = 0
        for submission in submissions {
            let data = try generator.bytes(of: submission, asSavedByWord: true)
            bytes += data.count
            try data.write(to: folder.appendingPathComponent(submission.fileName))
        }
        let roster = (["unit"] + submissions.map(\.unit)).joined(separator: "\n") + "\n"
        try roster.write(to: folder.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let kinds = Dictionary(grouping: submissions, by: { $0.fileName.hasSuffix(".txt") ? "txt" : "docx" }).mapValues(\.count)
        print(String(format: "bench corpus: %d submissions (%d .docx, %d .txt), %.1f MB in %@", count,
                     kinds["docx", default: 0], kinds["txt", default: 0], Double(bytes) / 1e6, folder.path))
    }
}
