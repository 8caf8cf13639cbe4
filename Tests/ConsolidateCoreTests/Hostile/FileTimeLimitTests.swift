import Foundation
import Testing
@testable import ConsolidateCore

/// A file still being read after `inputs.fileTimeLimitSeconds` is quarantined with the limit
/// named, and the other files of the run are read all the same.
@Suite struct FileTimeLimitTests {
    static let configuration = try! PipelineConfiguration.load(from: Repository.defaultPipeline)

    static let shortReport = """
        青川区测试局2024年第二季度党建工作汇报
        一、主要工作
        组织党员开展集中学习3次，交流学习体会。
        二、存在的问题
        学习形式比较单一。
        三、下一步打算
        丰富学习形式。
        """

    /// Works (spends this thread's CPU time) for `seconds`.
    static func work(_ seconds: Double) {
        let start = FileDeadline.threadTime
        var sink = 0
        while FileDeadline.threadTime - start < UInt64(seconds * 1e9) { sink &+= 1 }
        _ = sink
    }

    /// What a loop sees after a few rounds (the clock is read every few checks).
    static func seenByALoop() -> Bool {
        (0..<64).contains { _ in FileDeadline.passed }
    }

    @Test func deadlinePassedInsideTheWorkIsSeenByTheLoopsAndMarksTheFile() {
        let deadline = FileDeadline(seconds: 0.01)
        let seenInside = deadline.run { () -> Bool in
            Self.work(0.03)
            return Self.seenByALoop()
        }
        #expect(seenInside)
        #expect(deadline.expired)
    }

    @Test func aDocumentPartParsedInOneCallIsStoppedOnceTheTimeIsUp() throws {
        // A part of 150,000 runs (3.75 MB) goes to libxml2 in one call: the callbacks check the time.
        let word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        let part = Data(("<w:body xmlns:w=\"\(word)\">" + String(repeating: "<w:r><w:t>字</w:t></w:r>", count: 150_000)
            + "</w:body>").utf8)
        #expect(part.count < 1 << 22)
        let deadline = FileDeadline(seconds: 0.01)
        let result = deadline.run { () -> Result<XMLElement, XMLTreeParser.Failure> in
            Self.work(0.03)
            return Result { () throws(XMLTreeParser.Failure) in try XMLTreeParser(maxDepth: 16).parse(part) }
        }
        #expect(throws: XMLTreeParser.Failure.timeLimit) { try result.get() }
        // Within its time the same part is read whole.
        let whole = try FileDeadline(seconds: 600).run { try XMLTreeParser(maxDepth: 16).parse(part) }
        #expect(whole.elements.count == 150_000)
    }

    @Test func workWithinTheLimitLeavesTheFileUnmarked() {
        let deadline = FileDeadline(seconds: 60)
        let seenInside = deadline.run { Self.seenByALoop() }
        #expect(!seenInside)
        #expect(!deadline.expired)
        // Outside any file's deadline nothing has passed.
        #expect(!Self.seenByALoop())
    }

    @Test func timeIsCountedOverTheStagesTogether() {
        let deadline = FileDeadline(seconds: 0.05)
        deadline.run { Self.work(0.03) }
        #expect(!deadline.expired)
        deadline.run { Self.work(0.03) }
        #expect(deadline.expired)
    }

    @Test func checksFarFromTheLimitDoNotReadTheThreadsClock() {
        // Reading a thread's CPU time is a system call; the loops check every line of every file.
        let deadline = FileDeadline(seconds: 60)
        let seen = deadline.run { (0..<100_000).contains { _ in FileDeadline.passed } }
        #expect(!seen)
        #expect(deadline.checkReadings < 10)
    }

    @Test func workAfterAWaitIsStillStoppedAtTheLimit() {
        // The wait moves the wall clock on, not the thread's: the checks then read the thread's
        // clock, and the work after it is charged up to the limit, not the wait.
        let deadline = FileDeadline(seconds: 0.05)
        let (afterWait, afterWork) = deadline.run { () -> (Bool, Bool) in
            Thread.sleep(forTimeInterval: 0.1)
            let afterWait = Self.seenByALoop()
            Self.work(0.08)
            return (afterWait, Self.seenByALoop())
        }
        #expect(!afterWait)
        #expect(afterWork)
        #expect(deadline.expired)
        #expect(deadline.checkReadings >= 1)
    }

    @Test func timeSpentWaitingIsNotCharged() {
        // Waiting for an outside converter or for a busy machine's processor is not the file's doing.
        let deadline = FileDeadline(seconds: 0.05)
        deadline.run { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!deadline.expired)
    }

    @Test func fileOverTheLimitIsQuarantinedNamingTheLimitInChinese() {
        var configuration = Self.configuration
        // A limit no reading can keep: every file runs past it.
        configuration.inputs.fileTimeLimitSeconds = 1e-9
        let report = PipelineRunner(configuration: configuration, roster: nil)
            .readOne(bytes: Data(Self.shortReport.utf8), path: "青川区测试局.txt")
        #expect(report.status == .quarantined)
        let reason = report.error ?? ""
        #expect(reason.contains("青川区测试局.txt"))
        #expect(reason.contains("秒的处理时限"))
        #expect(reason.contains("inputs.fileTimeLimitSeconds"))
        #expect(reason.contains("另存为"))
    }

    @Test func fileWithinTheLimitIsRead() {
        let report = PipelineRunner(configuration: Self.configuration, roster: nil)
            .readOne(bytes: Data(Self.shortReport.utf8), path: "青川区测试局.txt")
        #expect(report.status == .ok)
        #expect(report.metrics.contains { $0.activity == "集中学习" && $0.value == 3 })
    }

    @Test func slowFileIsStoppedNearItsLimitWhileTheOthersAreRead() throws {
        // A report of 800,000 short lines (22 MB): far more than the limit allows in a debug build,
        // checked by the loops so that it stops near the limit rather than running on. Timed in this
        // thread's CPU time, as the limit is (the stages of one file alone run on this thread).
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("time-limit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let slow = Self.shortReport + "\n" + String(repeating: "开展谈心谈话活动，\n", count: 800_000)
        try Data(slow.utf8).write(to: folder.appendingPathComponent("青川区慢速局.txt"))
        try Data(Self.shortReport.utf8).write(to: folder.appendingPathComponent("青川区测试局.txt"))
        var configuration = Self.configuration
        configuration.inputs.fileTimeLimitSeconds = 1
        let runner = PipelineRunner(configuration: configuration, roster: nil)
        let submissions = ["青川区慢速局.txt", "青川区测试局.txt"].map { Submission.file(folder.appendingPathComponent($0).path) }
        var timings: [String: Int] = [:]
        let reports = runner.readAll(submissions, timings: &timings).reports
        #expect(reports[0].status == .quarantined)
        #expect(reports[0].error?.contains("1 秒的处理时限") == true)
        #expect(reports[1].status == .ok)
        // Stopped by the checks in the loops, not after the whole reading: the stage that ran out
        // reports itself in the reason.
        #expect(reports[0].error?.contains("读取（ingest）") == true || reports[0].error?.contains("整理（normalize）") == true)
    }

    @Test func limitMustBePositive() {
        #expect(throws: ConfigurationError.self) {
            try PipelineConfiguration.decode(yaml: "version: 1\ninputs:\n  fileTimeLimitSeconds: 0\n")
        }
        let configuration = try? PipelineConfiguration.decode(yaml: "version: 1\ninputs:\n  fileTimeLimitSeconds: 2.5\n")
        #expect(configuration?.inputs.fileTimeLimitSeconds == 2.5)
    }
}

/// The header reader looks at the start of a title or an opening, however long the line: a
/// paragraph of megabytes standing where a title would is not searched to its end.
@Suite struct HeaderBoundTests {
    static let filler = String(repeating: "各党支部围绕理论武装深化认识，", count: 10_000)

    @Test func periodAtTheStartOfAVeryLongTitleIsRead() {
        let period = HeaderReader.period(in: "青川区测试局2024年上半年党建工作汇报" + Self.filler)
        #expect(period.year == 2024)
        #expect(period.part == .h1)
    }

    @Test func periodWordsFarIntoAVeryLongLineAreNotTakenForTheTitles() {
        let period = HeaderReader.period(in: Self.filler + "2024年上半年")
        #expect(period.year == nil)
        #expect(period.part == nil)
    }
}
