import Foundation
import Testing
@testable import ConsolidateCore

/// A nightly run in which nothing changed keeps the previous outputs (they are what it would write);
/// any change to a file, a decision or an output makes it merge and render again.
@Suite struct RunReuseTests {
    static let kept = "沿用上次的输出"
    static let outputs = ["summary.json", "summary.md", "summary.docx", "review.html", "changes.md"]

    static func outputs(_ folder: URL) throws -> [Data] {
        try outputs.map { try Data(contentsOf: folder.appendingPathComponent("out").appendingPathComponent($0)) }
    }

    static func record(_ folder: URL) throws -> RunRecord {
        try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: folder.appendingPathComponent("out/run.json")))
    }

    @Test func anUnchangedRunKeepsOutputsThatAreByteForByteWhatAFullRunWrites() throws {
        let folder = try NightlyRunTests.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The first run's changes.md says it is the first; the second's that nothing changed:
        // only from then on is a run's output what the next unchanged run would write.
        #expect(!(try NightlyRunTests.run(folder)).stderr.contains(Self.kept))
        #expect(!(try NightlyRunTests.run(folder)).stderr.contains(Self.kept))
        let written = try Self.outputs(folder)
        let before = try Self.record(folder)
        let third = try NightlyRunTests.run(folder)
        #expect(third.status == 3)
        #expect(third.stderr.contains(Self.kept), "\(third.stderr)")
        #expect(!third.stderr.contains("[4/5] merge"))
        #expect(try Self.outputs(folder) == written)
        let after = try Self.record(folder)
        #expect(after.counts.read == 0 && after.inputs == before.inputs && after.warnings == before.warnings)
        #expect(after.timings.values.allSatisfy { $0 == 0 })
        // The outputs kept are those a run that reads everything writes.
        let full = try ConsolidateBinary.run(["run", "--input", folder.appendingPathComponent("in").path,
                                              "--out", folder.appendingPathComponent("out").path,
                                              "--pipeline", Repository.defaultPipeline.path, "--full"])
        #expect(!full.stderr.contains(Self.kept))
        #expect(try Self.outputs(folder) == written)
    }

    @Test func aChangedFileADeletedOutputOrAHandEditMakesTheRunMergeAgain() throws {
        let folder = try NightlyRunTests.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        _ = try NightlyRunTests.run(folder)
        _ = try NightlyRunTests.run(folder)
        // An output removed: written again.
        try FileManager.default.removeItem(at: out.appendingPathComponent("review.html"))
        #expect(!(try NightlyRunTests.run(folder)).stderr.contains(Self.kept))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("review.html").path))
        #expect(try NightlyRunTests.run(folder).stderr.contains(Self.kept))
        // summary.md edited by hand: kept aside and written anew, as on any run.
        let summary = out.appendingPathComponent("summary.md")
        try (String(contentsOf: summary, encoding: .utf8) + "\n手工补充的一句话。\n").write(to: summary, atomically: true, encoding: .utf8)
        let edited = try NightlyRunTests.run(folder)
        #expect(!edited.stderr.contains(Self.kept))
        #expect(edited.stderr.contains("手工改动"))
        #expect(!(try String(contentsOf: summary, encoding: .utf8)).contains("手工补充的一句话"))
        // A unit's file changed: read, merged, and said in changes.md.
        _ = try NightlyRunTests.run(folder)
        let file = folder.appendingPathComponent("in/青川区临溪镇.txt")
        try (String(contentsOf: file, encoding: .utf8) + "\n六、此外，本季度组织党员志愿服务7次。\n").write(to: file, atomically: true, encoding: .utf8)
        let changed = try NightlyRunTests.run(folder)
        #expect(!changed.stderr.contains(Self.kept))
        #expect(try Self.record(folder).counts.read == 1)
        #expect(try String(contentsOf: out.appendingPathComponent("changes.md"), encoding: .utf8).contains("重新报送、内容有变化（1）：青川区临溪镇"))
    }

    @Test func aNewDecisionMakesTheRunMergeAgain() throws {
        let folder = try NightlyRunTests.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        _ = try NightlyRunTests.run(folder)
        _ = try NightlyRunTests.run(folder)
        #expect(try NightlyRunTests.run(folder).stderr.contains(Self.kept))
        let decisions = DecisionStore(output: out).url
        try Data(#"{"decisions":[]}"#.utf8).write(to: decisions)
        #expect(!(try NightlyRunTests.run(folder)).stderr.contains(Self.kept))
    }
}
