import Foundation
import Testing
@testable import ConsolidateCore

/// The parts of a nightly run: one run at a time, a ledger, `status`, and changes.md.
@Suite struct NightlyRunTests {
    static func copyOfSamples() throws -> URL {
        let folder = try temporaryFolder()
        let input = folder.appendingPathComponent("in")
        try FileManager.default.copyItem(at: Repository.samples, to: input)
        return folder
    }

    static func run(_ folder: URL, wait: Int = 600) throws -> ConsolidateBinary.Result {
        try ConsolidateBinary.run(["run", "--input", folder.appendingPathComponent("in").path,
                                   "--out", folder.appendingPathComponent("out").path,
                                   "--pipeline", Repository.defaultPipeline.path, "--wait", String(wait)])
    }

    @Test func secondRunExitsWithTheLockCodeNamingTheHolderAndLeavesOutputsIntact() throws {
        let folder = try Self.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.run(folder)
        let out = folder.appendingPathComponent("out")
        let summary = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        // A live process (this test) holds the lock.
        let lock = try RunLock.acquire(in: out, timeout: 0)
        let blocked = try Self.run(folder, wait: 1)
        lock.release()
        #expect(blocked.status == 4)
        #expect(blocked.stderr.contains("pid \(getpid())"))
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.json")) == summary)
        #expect(try Self.run(folder).status == 3)
    }

    @Test func lockLeftByAKilledRunIsTakenOver() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A process that has ended: its pid is free.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let stale = RunLock.Holder(pid: process.processIdentifier, started: Date(timeIntervalSince1970: 0),
                                   host: ProcessInfo.processInfo.hostName)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(stale).write(to: folder.appendingPathComponent(RunLock.fileName))
        let lock = try RunLock.acquire(in: folder, timeout: 0)
        #expect(lock.holder()?.pid == getpid())
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(RunLock.fileName).path))
    }

    @Test func ledgerStatusAndChangesFollowASequenceOfRuns() throws {
        let folder = try Self.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        _ = try Self.run(folder)
        #expect(try String(contentsOf: out.appendingPathComponent("changes.md"), encoding: .utf8).contains("第一次运行"))
        #expect(try String(contentsOf: out.appendingPathComponent("review.html"), encoding: .utf8).contains("第一次运行"))
        _ = try Self.run(folder)
        #expect(try String(contentsOf: out.appendingPathComponent("changes.md"), encoding: .utf8).contains("报送材料没有变化"))
        #expect(try String(contentsOf: out.appendingPathComponent("review.html"), encoding: .utf8).contains("都没有变化"))

        // One unit resubmits with one more statement.
        let file = folder.appendingPathComponent("in/青川区河西街道.txt")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "三、", with: "（六）组建社区夜间巡逻党员队，本季度巡逻40次。\n三、")
        try text.write(to: file, atomically: true, encoding: .utf8)
        _ = try Self.run(folder)
        let changes = try String(contentsOf: out.appendingPathComponent("changes.md"), encoding: .utf8)
        #expect(changes.contains("重新报送、内容有变化（1）：青川区河西街道"))
        #expect(changes.contains("夜间巡逻党员队"))
        // The review page opens with the same changes, each line filterable by its unit.
        let review = try String(contentsOf: out.appendingPathComponent("review.html"), encoding: .utf8)
        let section = try #require(review.range(of: "<section id=\"changes\"").map { review[$0.lowerBound...] }
            .flatMap { part in part.range(of: "</section>").map { String(part[..<$0.upperBound]) } })
        #expect(section.contains("重新报送、内容有变化（1）"))
        #expect(section.contains("<li class=\"change\" data-units=\"青川区河西街道\">青川区河西街道：（六）组建社区夜间巡逻党员队")
            || section.contains("<li class=\"change\" data-units=\"青川区河西街道\">青川区河西街道：组建社区夜间巡逻党员队"))
        #expect(section.contains("新增1条"))

        // Another corrects a figure: one edited statement, and the total moves.
        let other = folder.appendingPathComponent("in/青川区临溪镇.txt")
        let original = try String(contentsOf: other, encoding: .utf8)
        try original.replacingOccurrences(of: "开展主题党日54次", with: "开展主题党日57次").write(to: other, atomically: true, encoding: .utf8)
        _ = try Self.run(folder)
        let corrected = try String(contentsOf: out.appendingPathComponent("changes.md"), encoding: .utf8)
        #expect(corrected.contains("改动1条"))
        #expect(corrected.contains("（原为：") && corrected.contains("开展主题党日54次"))
        #expect(!corrected.contains("新增") && !corrected.contains("移出"))
        #expect(corrected.contains("- 主题党日：135次 → 138次"))

        let entries = Ledger.entries(in: out)
        #expect(entries.map(\.filesNew) == [13, 0, 0, 0])
        #expect(entries.map(\.filesChanged) == [0, 0, 1, 1])
        #expect(entries.map(\.filesUnchanged) == [0, 13, 12, 12])
        #expect(entries.allSatisfy { $0.exitCode == 3 })
        let status = try ConsolidateBinary.run(["status", "--out", out.path])
        #expect(status.stdout.contains("最近4次运行"))
        #expect(status.stdout.contains("未报送1个（青川区退役军人事务局）"))
    }

    static func filesRead(_ folder: URL) throws -> Int {
        let record = try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: folder.appendingPathComponent("out/run.json")))
        return record.counts.read
    }

    @Test func unchangedRerunReadsNoFileAndGivesTheSameBytes() throws {
        let folder = try Self.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.run(folder)
        #expect(try Self.filesRead(folder) == 13)
        let out = folder.appendingPathComponent("out")
        func outputs(_ names: [String]) throws -> [Data] { try names.map { try Data(contentsOf: out.appendingPathComponent($0)) } }
        let summaries = ["summary.json", "summary.md", "summary.docx"]
        let first = try outputs(summaries)
        // Without the record that would let it keep the outputs, the rerun merges again from the store.
        try FileManager.default.removeItem(at: RunReuse.url(out))
        let rerun = try Self.run(folder)
        #expect(rerun.stderr.contains("ingest·normalize·extract: 0 个文件"))
        #expect(try Self.filesRead(folder) == 0)
        #expect(try outputs(summaries) == first)
        // review.html and changes.md also say what changed since the run before: from the second
        // unchanged run on, every byte is the same.
        let second = try outputs(summaries + ["review.html", "changes.md"])
        try FileManager.default.removeItem(at: RunReuse.url(out))
        _ = try Self.run(folder)
        #expect(try Self.filesRead(folder) == 0)
        #expect(try outputs(summaries + ["review.html", "changes.md"]) == second)
    }

    @Test func fullRunReadsEveryFileAndStillSavesWhatItReadForTheNextRun() throws {
        let folder = try Self.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.run(folder)
        let out = folder.appendingPathComponent("out")
        let full = try ConsolidateBinary.run(["run", "--input", folder.appendingPathComponent("in").path, "--out", out.path,
                                              "--pipeline", Repository.defaultPipeline.path, "--full"])
        #expect(full.status == 3)
        #expect(try Self.filesRead(folder) == 13)
        // A file changed before a --full run: the next nightly run takes it from the store, read as it is now.
        let file = folder.appendingPathComponent("in/青川区临溪镇.txt")
        try (String(contentsOf: file, encoding: .utf8) + "\n补充：本季度新建党员活动室1个。\n").write(to: file, atomically: true, encoding: .utf8)
        _ = try ConsolidateBinary.run(["run", "--input", folder.appendingPathComponent("in").path, "--out", out.path,
                                       "--pipeline", Repository.defaultPipeline.path, "--full"])
        let summary = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        _ = try Self.run(folder)
        #expect(try Self.filesRead(folder) == 0)
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.json")) == summary)
        // The ledger says what each run read: 13, 13, 13, then none; the file counts stay what they compare.
        let entries = Ledger.entries(in: out)
        #expect(entries.map(\.filesRead) == [13, 13, 13, 0])
        #expect(entries.map(\.filesChanged) == [0, 0, 1, 0])
        #expect(try ConsolidateBinary.run(["status", "--out", out.path]).stdout.contains("本次读取0"))
    }

    @Test func changedFileIsReadAgainAndChangedConfigurationRereadsAll() throws {
        let folder = try Self.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.run(folder)
        let file = folder.appendingPathComponent("in/青川区临溪镇.txt")
        try (String(contentsOf: file, encoding: .utf8) + "\n补充：本季度新建党员活动室1个。\n").write(to: file, atomically: true, encoding: .utf8)
        _ = try Self.run(folder)
        #expect(try Self.filesRead(folder) == 1)

        var pipeline = try String(contentsOf: Repository.defaultPipeline, encoding: .utf8)
        pipeline = pipeline.replacingOccurrences(of: "distinctiveLimit: 30", with: "distinctiveLimit: 20")
        let edited = folder.appendingPathComponent("pipeline.yml")
        try pipeline.write(to: edited, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Repository.defaultPipeline.deletingLastPathComponent().appendingPathComponent("templates"),
                                         to: folder.appendingPathComponent("templates"))
        let result = try ConsolidateBinary.run(["run", "--input", folder.appendingPathComponent("in").path,
                                                "--out", folder.appendingPathComponent("out").path, "--pipeline", edited.path])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(try Self.filesRead(folder) == 13)
        // The reports read under the old configuration are forgotten, not kept beside the new ones.
        let out = folder.appendingPathComponent("out")
        #expect(try ReportStore(folder: out, configuration: PipelineConfiguration.load(from: edited)).count() == 13)

        // A withdrawn file leaves the store too.
        try FileManager.default.removeItem(at: file)
        let withdrawn = try ConsolidateBinary.run(["run", "--input", folder.appendingPathComponent("in").path,
                                                   "--out", out.path, "--pipeline", edited.path])
        #expect(withdrawn.status == 3)
        #expect(try ReportStore(folder: out, configuration: PipelineConfiguration.load(from: edited)).count() == 12)
    }

    @Test func fileOfKnownContentAtANewTimeOrPathIsTakenFromTheStoreAsAFullRunWouldReadIt() throws {
        let folder = try Self.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.run(folder)
        // Every file saved again unchanged (a new time, the same bytes), and one moved into a subfolder.
        let input = folder.appendingPathComponent("in")
        for name in try FileManager.default.contentsOfDirectory(atPath: input.path) {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_900_000_000)],
                                                  ofItemAtPath: input.appendingPathComponent(name).path)
        }
        let later = input.appendingPathComponent("补报")
        try FileManager.default.createDirectory(at: later, withIntermediateDirectories: true)
        // One readable file moved, and the unreadable one, whose reason names where it lies.
        for name in ["青川区临溪镇.txt", "青川区住房和城乡建设局.docx"] {
            try FileManager.default.moveItem(at: input.appendingPathComponent(name), to: later.appendingPathComponent(name))
        }
        let rerun = try Self.run(folder)
        #expect(rerun.status == 3, "\(rerun.stderr)")
        // Each file was opened to hash it, and only the quarantined one moved was parsed again: the
        // store had each content, but that report's reason names its old path.
        #expect(try Self.filesRead(folder) == 1)
        #expect(rerun.stderr.contains("文件 补报/青川区住房和城乡建设局.docx"))
        let full = folder.appendingPathComponent("full")
        let fresh = try ConsolidateBinary.run(["run", "--input", input.path, "--out", full.path,
                                               "--pipeline", Repository.defaultPipeline.path, "--full"])
        #expect(fresh.status == 3)
        for name in ["summary.json", "summary.md"] {
            let kept = try Data(contentsOf: folder.appendingPathComponent("out").appendingPathComponent(name))
            #expect(kept == (try Data(contentsOf: full.appendingPathComponent(name))), "\(name)")
        }
        #expect(try String(contentsOf: full.appendingPathComponent("summary.json"), encoding: .utf8).contains("补报/青川区临溪镇.txt"))
    }

    @Test func corruptStoreIsSetAsideWithAWarningAndRebuilt() throws {
        let folder = try Self.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.run(folder)
        let store = ReportStore.url(in: folder.appendingPathComponent("out"))
        try Data("这不是数据库".utf8).write(to: store)
        let result = try Self.run(folder)
        #expect(result.status == 3)
        #expect(result.stderr.contains("状态库"))
        #expect(try Self.filesRead(folder) == 13)
        _ = try Self.run(folder)
        #expect(try Self.filesRead(folder) == 0)
    }

    @Test func recordOfAnEarlierVersionWithoutNewerFieldsStillReads() throws {
        let json = """
            {"tool":"consolidate","version":"0.1.0","input":"in","inputs":[],"skipped":[],"missing":["甲局"],
             "counts":{"files":3,"received":2,"quarantined":1,"superseded":0,"missing":1,"skipped":0,"statements":9,"metrics":4},
             "timings":{},"outputs":["summary.md"]}
            """
        let record = try JSONDecoder().decode(RunRecord.self, from: Data(json.utf8))
        #expect(record.counts.read == 3)
        #expect(record.warnings.isEmpty)
        #expect(record.missing == ["甲局"])
    }
}
