import Foundation
import Testing
@testable import ConsolidateCore

/// The readable outline of a report written for this test, compared with its
/// golden file; `RECORD=1 swift test` rewrites the golden file and fails, so the
/// change shows in review.
@Suite struct ExtractGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test func sampleReportOutlineMatchesItsGoldenFile() throws {
        let input = try String(contentsOf: Self.folder.appendingPathComponent("sample-report.txt"), encoding: .utf8)
        let actual = ReportOutline.text(of: ExtractFixtures.report(input))
        let golden = Self.folder.appendingPathComponent("sample-report.outline")
        if ProcessInfo.processInfo.environment["RECORD"] != nil {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.lastPathComponent); run again without RECORD")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let diff = zip(e, a).enumerated().filter { $0.element.0 != $0.element.1 }
                .map { "line \($0.offset + 1):\n- \($0.element.0)\n+ \($0.element.1)" }
            Issue.record("outline differs from \(golden.lastPathComponent):\n\(diff.joined(separator: "\n"))\(a.count != e.count ? "\nline counts \(e.count) → \(a.count)" : "")")
        }
    }
}
