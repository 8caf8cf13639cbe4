import Foundation
import Testing
@testable import ConsolidateCore

/// A nightly run killed with SIGKILL at any point, and two runs started at once.
@Suite struct InterruptedRunTests {
    static let outputs = ["summary.md", "summary.docx", "review.html", "summary.json", "run.json", "changes.md"]

    static func arguments(_ folder: URL, out: String = "out", wait: Int = 600) -> [String] {
        ["run", "--input", folder.appendingPathComponent("in").path, "--out", folder.appendingPathComponent(out).path,
         "--pipeline", Repository.defaultPipeline.path, "--wait", String(wait)]
    }

    /// Every output's bytes, by name.
    static func snapshot(_ out: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in outputs { files[name] = try Data(contentsOf: out.appendingPathComponent(name)) }
        return files
    }

    /// Staging folders left beside the output folder.
    static func leftovers(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".partial-") }
    }

    /// The outputs of two folders say the same, apart from what changed since each folder's previous run.
    static func expectSameSummaries(_ out: URL, _ reference: URL) throws {
        for name in ["summary.md", "summary.json", "summary.docx"] {
            #expect(try Data(contentsOf: out.appendingPathComponent(name)) == Data(contentsOf: reference.appendingPathComponent(name)), "\(name)")
        }
        func review(_ folder: URL) throws -> String {
            try String(contentsOf: folder.appendingPathComponent("review.html"), encoding: .utf8)
                .replacing(#/<section id="changes".*?</section>/#.dotMatchesNewlines(), with: "")
        }
        #expect(try review(out) == review(reference))
    }

    /// One unit resubmits with one more statement, so that a run's outputs differ from the last.
    static func resubmit(_ folder: URL) throws {
        let file = folder.appendingPathComponent("in/青川区河西街道.txt")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "三、", with: "（六）组建社区夜间巡逻党员队，本季度巡逻40次。\n三、")
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    @Test(arguments: ["stored", "rendered", "staged:summary.md", "staged:review.html", "streaming:summary.json",
                     "staged:summary.json", "staged:run.json", "staged:changes.md"])
    func killedBeforeTheOutputsAreCompleteLeavesThePreviousOnes(point: String) throws {
        let folder = try NightlyRunTests.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        #expect(try ConsolidateBinary.run(Self.arguments(folder)).status == 3)
        let previous = try Self.snapshot(out)
        try Self.resubmit(folder)

        let killed = try ConsolidateBinary.run(Self.arguments(folder), environment: [FaultInjection.variable: point])
        #expect(killed.signaled && killed.status == SIGKILL, "\(killed.stderr)")
        #expect(try Self.snapshot(out) == previous)

        let next = try ConsolidateBinary.run(Self.arguments(folder))
        #expect(next.status == 3, "\(next.stderr)")
        #expect(next.stderr.contains("未正常结束"))
        #expect(try Self.leftovers(folder).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(RunLock.fileName).path))
        // The same as a run that was never interrupted, and the store still saves reading.
        #expect(try ConsolidateBinary.run(Self.arguments(folder, out: "reference")).status == 3)
        let reference = folder.appendingPathComponent("reference")
        try Self.expectSameSummaries(out, reference)
        let entries = Ledger.entries(in: out)
        #expect(entries.map(\.exitCode) == [3, -1, 3])
        let status = try ConsolidateBinary.run(["status", "--out", out.path])
        #expect(status.stdout.contains("中断：运行中断"))
    }

    @Test(arguments: ["committed", "moved:summary.md", "moved:run.json"])
    func killedWhileMovingTheOutputsIntoPlaceIsFinishedByTheNextRun(point: String) throws {
        let folder = try NightlyRunTests.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        #expect(try ConsolidateBinary.run(Self.arguments(folder)).status == 3)
        try Self.resubmit(folder)
        let killed = try ConsolidateBinary.run(Self.arguments(folder), environment: [FaultInjection.variable: point])
        #expect(killed.signaled && killed.status == SIGKILL, "status \(killed.status): \(killed.stderr)")
        #expect(try Self.leftovers(folder).count == 1)
        let status = try ConsolidateBinary.run(["status", "--out", out.path])
        #expect(status.stdout.contains("新旧文件并存"))

        #expect(try ConsolidateBinary.run(Self.arguments(folder, out: "reference")).status == 3)
        let next = try ConsolidateBinary.run(Self.arguments(folder))
        #expect(next.status == 3, "\(next.stderr)")
        #expect(next.stderr.contains("补充移入"))
        #expect(try Self.leftovers(folder).isEmpty)
        let reference = folder.appendingPathComponent("reference")
        try Self.expectSameSummaries(out, reference)
        // The interrupted run's complete set is what this run compared with: nothing changed since.
        #expect(try String(contentsOf: out.appendingPathComponent("changes.md"), encoding: .utf8).contains("报送材料没有变化"))
    }

    @Test func twoRunsAtOnceTakeTurnsOrTheSecondExitsWithTheLockCode() throws {
        let folder = try NightlyRunTests.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let lockFile = out.appendingPathComponent(RunLock.fileName)
        // The first run holds the lock for a few seconds once it has it.
        let first = try ConsolidateBinary.start(Self.arguments(folder), environment: [FaultInjection.variable: "locked=sleep:4"])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: lockFile.path) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(FileManager.default.fileExists(atPath: lockFile.path))

        let refused = try ConsolidateBinary.run(Self.arguments(folder, wait: 0))
        #expect(refused.status == 4)
        #expect(refused.stderr.contains("pid \(first.processIdentifier)"))
        // A second run that may wait runs after the first.
        let waited = try ConsolidateBinary.run(Self.arguments(folder, wait: 120))
        first.waitUntilExit()
        #expect(first.terminationStatus == 3)
        #expect(waited.status == 3, "\(waited.stderr)")
        #expect(!waited.stderr.contains("未正常结束"))

        let entries = Ledger.entries(in: out)
        #expect(entries.map(\.exitCode) == [3, 3])
        #expect(entries[1].started >= entries[0].ended)
        #expect(try ConsolidateBinary.run(Self.arguments(folder, out: "reference")).status == 3)
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.json"))
            == Data(contentsOf: folder.appendingPathComponent("reference/summary.json")))
        #expect(try Self.leftovers(folder).isEmpty)
    }
}
