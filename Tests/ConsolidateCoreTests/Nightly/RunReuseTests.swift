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

    static func changes(_ folder: URL) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("out/changes.md"), encoding: .utf8)
    }

    static func full(_ folder: URL, input: String = "in") throws -> ConsolidateBinary.Result {
        try ConsolidateBinary.run(["run", "--input", folder.appendingPathComponent(input).path,
                                   "--out", folder.appendingPathComponent("out").path,
                                   "--pipeline", Repository.defaultPipeline.path, "--full"])
    }

    @Test func anUnchangedRunKeepsOutputsThatAreByteForByteWhatAFullRunWrites() throws {
        let folder = try NightlyRunTests.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(!(try NightlyRunTests.run(folder)).stderr.contains(Self.kept))
        #expect(try Self.changes(folder).contains(ChangeReport.firstRun))
        // The next night nothing changed: the outputs are kept, and changes.md and review.html,
        // which said it was the first run, now say that nothing changed.
        let second = try NightlyRunTests.run(folder)
        #expect(second.status == 3)
        #expect(second.stderr.contains(Self.kept), "\(second.stderr)")
        #expect(!second.stderr.contains("[4/5] merge"))
        #expect(try Self.changes(folder) == ChangeReport.unchangedMarkdown)
        let page = try String(contentsOf: folder.appendingPathComponent("out/review.html"), encoding: .utf8)
        #expect(page.contains(ReviewPage.unchangedChangesSection) && !page.contains(ChangeReport.firstRun))
        let written = try Self.outputs(folder)
        let before = try Self.record(folder)
        #expect(before.counts.read == 0 && before.timings.values.allSatisfy { $0 == 0 })
        // A third night keeps them as they are.
        #expect(try NightlyRunTests.run(folder).stderr.contains(Self.kept))
        #expect(try Self.outputs(folder) == written)
        let after = try Self.record(folder)
        #expect(after.counts.read == 0 && after.inputs == before.inputs && after.warnings == before.warnings)
        // The outputs kept are those a run that reads everything writes.
        let full = try Self.full(folder)
        #expect(!full.stderr.contains(Self.kept))
        #expect(try Self.outputs(folder) == written)
    }

    @Test func aRunAfterAFullRunKeepsAndACopyOfTheFolderKeepsWithItsOwnPathInRunJSON() throws {
        let folder = try NightlyRunTests.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.full(folder)
        let merged = try Self.full(folder)
        #expect(!merged.stderr.contains(Self.kept), "--full never keeps")
        let written = try Self.outputs(folder)
        // The same files, with their times, in another folder (what a nightly copy of the inbox gives).
        let copy = folder.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: false)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("in").path) {
            try FileManager.default.linkItem(at: folder.appendingPathComponent("in/\(name)"), to: copy.appendingPathComponent(name))
        }
        let kept = try ConsolidateBinary.run(["run", "--input", copy.path, "--out", folder.appendingPathComponent("out").path,
                                              "--pipeline", Repository.defaultPipeline.path])
        #expect(kept.stderr.contains(Self.kept), "\(kept.stderr)")
        #expect(try Self.outputs(folder) == written)
        #expect(try Self.record(folder).input == copy.path)
    }

    @Test func aChangesSectionIsReplacedWholeAndAPageWithoutOneIsNotKept() throws {
        let page = Data(("<main>\n<section id=\"review\" class=\"changes\"><h2>审核情况</h2></section>\n"
            + "<section id=\"changes\" class=\"changes\"><h2>变化</h2>\n<h3>报送情况</h3>\n<ul><li>新收到（1）：某单位</li></ul>\n</section>\n"
            + "<section id=\"achievements\"><h2>一、主要做法</h2></section>\n</main>\n").utf8)
        let replaced = try #require(RunReuse.replacingChangesSection(in: page, with: "<p>无变化</p>\n"))
        #expect(String(decoding: replaced, as: UTF8.self) == "<main>\n<section id=\"review\" class=\"changes\"><h2>审核情况</h2></section>\n"
            + "<p>无变化</p>\n<section id=\"achievements\"><h2>一、主要做法</h2></section>\n</main>\n")
        #expect(RunReuse.replacingChangesSection(in: Data("<main><section id=\"units\"></section>\n</main>".utf8), with: "") == nil)
        // A section that never ends is not cut at the page's end.
        #expect(RunReuse.replacingChangesSection(in: Data("<section id=\"changes\" class=\"changes\"><h2>变化".utf8), with: "") == nil)
    }

    @Test func aByteSearchFindsTheFirstPlaceAsANaiveSearchDoes() {
        var generator = JSONDirectWriterTests.Seeded(state: 9)
        let alphabet: [UInt8] = [0x61, 0x62, 0x3C, 0xE5]
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let needle = (0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let from = Int.random(in: 0...bytes.count + 1, using: &generator)
            let naive = from > bytes.count ? nil : (from...max(from, bytes.count)).first { start in
                start + needle.count <= bytes.count && Array(bytes[start..<start + needle.count]) == needle
            }
            let found = bytes.withUnsafeBytes { RunReuse.offset(of: needle, in: $0, from: from) }
            #expect(found == naive, "\(bytes) \(needle) from \(from)")
        }
    }

    /// A page that is a slice of a larger buffer (a nonzero start index) is searched where it lies.
    @Test func aChangesSectionIsFoundInASliceOfData() throws {
        let page = Data(("xx<section id=\"changes\" class=\"changes\">旧</section>\n尾").utf8)
        let slice = page[2...]
        let replaced = try #require(RunReuse.replacingChangesSection(in: slice, with: "新"))
        #expect(String(decoding: replaced, as: UTF8.self) == "新尾")
    }

    @Test func aChangedFileADeletedOutputOrAHandEditMakesTheRunMergeAgain() throws {
        let folder = try NightlyRunTests.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
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
        #expect(try NightlyRunTests.run(folder).stderr.contains(Self.kept))
        let decisions = DecisionStore(output: out).url
        try Data(#"{"decisions":[]}"#.utf8).write(to: decisions)
        #expect(!(try NightlyRunTests.run(folder)).stderr.contains(Self.kept))
    }
}

/// The state store's key follows the configuration: the same settings give the same key in any
/// process, and any change of a setting gives another.
struct ReportStoreKeyTests {
    @Test func theKeyIsTheConfigurationsAndChangesWithIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = try PipelineConfiguration.load(from: Repository.defaultPipeline)
        var edited = configuration
        edited.merge.distinctiveLimit += 1
        func key(_ configuration: PipelineConfiguration, _ name: String) throws -> String {
            try ReportStore(folder: folder.appendingPathComponent(name), configuration: configuration).key
        }
        let first = try key(configuration, "a")
        #expect(try key(PipelineConfiguration.load(from: Repository.defaultPipeline), "b") == first)
        #expect(try key(edited, "c") != first)
        // Made from the settings, not from an encoding that failed into nothing.
        #expect(first != Fingerprint.sha256(Data((ToolInfo.version + ToolInfo.build).utf8)))
        #expect(try !JSONOutput.encode(configuration, pretty: false).isEmpty)
    }
}
