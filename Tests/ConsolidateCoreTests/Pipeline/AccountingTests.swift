import Foundation
import Testing
@testable import ConsolidateCore

/// Every submission accounted for: each entry of the input folder is in run.json with a status,
/// every unit is told apart by the roster or its name, and nothing the tool wrote is read back.
/// Runs the built binary, as a user would.
@Suite(.serialized) struct AccountingTests {
    /// A small report of our own words; `title` names the unit or not.
    static func report(title: String, studies: Int = 6, meetings: Int = 3) -> String {
        """
        \(title)
        在上级党组织的坚强领导下，我们认真贯彻落实各项部署，现将有关情况汇报如下：
        一、主要工作
        （一）抓实理论学习。全年开展集中学习\(studies)次，组织党员围绕业务难点开展专题研讨。
        （二）严格组织生活。召开支委会\(meetings)次，按月开展主题党日活动。
        二、存在的问题
        （一）学习形式比较单一，联系工作实际不够紧密。
        三、下一步工作打算
        （一）创新学习方式，推动理论学习与业务工作相互促进。

        """
    }

    struct Outcome {
        var result: ConsolidateBinary.Result
        var out: URL
        var record: RunRecord
        var summary: Consolidation
        var markdown: String
    }

    static func run(_ input: URL, out: URL? = nil, extra: [String] = []) throws -> Outcome {
        let out = out ?? input.deletingLastPathComponent().appendingPathComponent(input.lastPathComponent + "-out")
        let result = try ConsolidateBinary.run(["run", "--input", input.path, "--out", out.path, "--no-progress",
                                                "--pipeline", Repository.defaultPipeline.path] + extra)
        let record = try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: out.appendingPathComponent("run.json")))
        let summary = try JSONDecoder().decode(Consolidation.self, from: Data(contentsOf: out.appendingPathComponent("summary.json")))
        let markdown = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        // Whatever the case, every quote of the three documents is the named unit's own words,
        // and every entry of the input folder is accounted for.
        let quotes = try QuoteAttributionTests.misattributed(
            summary, markdown: markdown, docx: Data(contentsOf: out.appendingPathComponent("summary.docx")),
            html: String(contentsOf: out.appendingPathComponent("review.html"), encoding: .utf8))
        #expect(quotes.wrong.isEmpty, "\(quotes.wrong)")
        expectAccounted(record, entries: entries(of: input, skipped: Set(record.skipped.map(\.path))))
        #expect(Set(summary.units.compactMap(\.source)) == Set(record.inputs.map(\.path)))
        #expect((summary.skipped ?? []) == record.skipped)
        return Outcome(result: result, out: out, record: record, summary: summary, markdown: markdown)
    }

    /// The entries of a folder, as relative paths, not below a folder run.json skipped (`path/`),
    /// read with the file system's own bytes so that a name that is not UTF-8 is there too.
    static func entries(of folder: URL, relative: String = "", skipped: Set<String>) -> [String] {
        guard let handle = opendir(folder.path) else { return [] }
        defer { closedir(handle) }
        var result: [String] = []
        while let entry = readdir(handle) {
            var name = entry.pointee.d_name
            let bytes = withUnsafeBytes(of: &name) { Array($0.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            let text = InputScan.decodeName(bytes).0
            let path = relative + text
            var info = stat()
            let child = folder.appendingPathComponent(text)
            // A folder read through is accounted for by its entries.
            if lstat(child.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, !skipped.contains(path + "/") {
                result += entries(of: child, relative: path + "/", skipped: skipped)
            } else {
                result.append(path)
            }
        }
        return result
    }

    static func write(_ text: String, _ name: String, in folder: URL, modified: TimeInterval? = nil) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        if let modified {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: modified)], ofItemAtPath: url.path)
        }
    }

    /// Every entry of the folder (recursively, not below a skipped folder) is in run.json's inputs or skipped.
    static func expectAccounted(_ record: RunRecord, entries: [String]) {
        let listed = Set(record.inputs.map(\.path) + record.skipped.map { $0.path.hasSuffix("/") ? String($0.path.dropLast()) : $0.path })
        for entry in entries { #expect(listed.contains(entry), "\(entry) is not in run.json") }
        #expect(record.skipped.allSatisfy { $0.status == "skipped" && !$0.reason.isEmpty })
    }

    // MARK: Unit identity

    @Test func reportsWhoseUnitIsUnknownStayDistinctUnitsNamedAfterTheirFiles() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let input = parent.appendingPathComponent("in")
        for (index, name) in ["r1.txt", "r2.txt", "r3.txt"].enumerated() {
            try Self.write(Self.report(title: "2024年第二季度党建工作汇报", studies: 5 + index), name, in: input)
        }
        let run = try Self.run(input)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        #expect(run.summary.units.map(\.unit).sorted() == ["r1", "r2", "r3"])
        #expect(run.summary.units.allSatisfy { $0.status == .received && $0.identifiedBy == .file })
        #expect(run.summary.metrics.first { $0.activity == "集中学习" }?.total == 18)
        #expect(!run.markdown.contains("重复报送"))
        #expect(!run.markdown.contains("所有单位均已报送"))
        #expect(run.markdown.contains("本期未提供单位名单"))
        #expect(run.markdown.contains("3份材料未能识别报送单位"))
        #expect(run.result.stderr.contains("r2.txt: warning: [extract] 未能识别报送单位"))
    }

    @Test func twoFilesWhoseTitlesNameOneUnitAreOneUnitTheOlderSupersededByTheNewer() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let input = parent.appendingPathComponent("in")
        try Self.write(Self.report(title: "青山区甲局2024年第二季度党建工作汇报", studies: 4), "a.txt", in: input, modified: 1_000)
        try Self.write(Self.report(title: "青山区甲局2024年第二季度党建工作汇报", studies: 7), "b.txt", in: input, modified: 2_000)
        let run = try Self.run(input)
        #expect(run.summary.units.map(\.status) == [.received, .superseded])
        #expect(run.summary.units.last?.supersededBy == "b.txt")
        #expect(run.record.inputs.first { $0.path == "a.txt" }?.supersededBy == "b.txt")
        #expect(run.summary.metrics.first { $0.activity == "集中学习" }?.total == 7)
        #expect(run.markdown.contains("另报送的 a.txt 未计入（由 b.txt 取代）"))
    }

    @Test func webSeedsAreTwentyDistinctUnitsAllReceived() throws {
        guard let shared = Repository.shared else { return }
        let seeds = shared.appendingPathComponent("web/seeds")
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try Self.run(seeds, out: out.appendingPathComponent("out"))
        #expect(run.summary.units.count == 20)
        #expect(Set(run.summary.units.map(\.unit)).count == 20)
        #expect(run.summary.units.allSatisfy { $0.status == .received })
        #expect(run.record.counts.received == 20)
        #expect(!run.markdown.contains("重复报送"))
        #expect(!run.markdown.contains("所有单位均已报送"))
    }

    // MARK: The tool's own files

    @Test func anOutputFolderInsideTheInputFolderIsNeverReadBack() throws {
        let input = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: input) }
        try Self.write(Self.report(title: "青山区甲局2024年第二季度党建工作汇报", studies: 4), "青山区甲局.txt", in: input)
        try Self.write(Self.report(title: "青山区乙局2024年第二季度党建工作汇报", studies: 5), "青山区乙局.txt", in: input)
        let out = input.appendingPathComponent("out")
        let first = try Self.run(input, out: out)
        let second = try Self.run(input, out: out)
        #expect(second.result.status == 0, "\(second.result.stderr)")
        #expect(second.summary.units.map(\.unit) == ["青山区乙局", "青山区甲局"])
        #expect(second.summary.metrics == first.summary.metrics)
        #expect(second.summary.metrics.first { $0.activity == "集中学习" }?.total == 9)
        #expect(second.record.skipped.contains { $0.path == "out/" && $0.reason.contains("输出文件夹") })
        // A loose copy of a summary the tool wrote is no report either.
        try FileManager.default.copyItem(at: out.appendingPathComponent("summary.docx"), to: input.appendingPathComponent("summary.docx"))
        let fourth = try Self.run(input, out: out)
        #expect(fourth.summary.units.count == 2)
        #expect(fourth.record.skipped.contains { $0.path == "summary.docx" && $0.reason.contains("本工具写出的文件") })
        try FileManager.default.removeItem(at: input.appendingPathComponent("summary.docx"))
        #expect(second.result.stderr.contains("out/: warning: [ingest] 未读取"))
        // An output folder of an earlier run elsewhere in the input is recognised by what the tool left there.
        try FileManager.default.moveItem(at: out, to: input.appendingPathComponent("上次输出"))
        let third = try Self.run(input, out: try temporaryFolder().appendingPathComponent("o"))
        #expect(third.summary.units.count == 2)
        #expect(third.record.skipped.contains { $0.path == "上次输出/" && $0.reason.contains("以前运行的输出文件夹") })
    }

    @Test func theInputFolderAsOutputFolderIsRefused() throws {
        let input = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: input) }
        try Self.write(Self.report(title: "青山区甲局2024年第二季度党建工作汇报"), "青山区甲局.txt", in: input)
        let result = try ConsolidateBinary.run(["run", "--input", input.path, "--out", input.path + "/",
                                                "--pipeline", Repository.defaultPipeline.path])
        #expect(result.status == 7)
        #expect(result.stderr.contains("输出文件夹与输入文件夹相同"))
        #expect(!FileManager.default.fileExists(atPath: input.appendingPathComponent("summary.docx").path))
    }

    // MARK: Nothing readable

    @Test func anEmptyOrMissingInputFolderKeepsThePreviousOutputs() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let input = parent.appendingPathComponent("in"), empty = parent.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try Self.write(Self.report(title: "青山区甲局2024年第二季度党建工作汇报"), "青山区甲局.txt", in: input)
        let out = parent.appendingPathComponent("out")
        let roster = parent.appendingPathComponent("roster.csv")
        try "unit\n青山区甲局\n青山区乙局\n".write(to: roster, atomically: true, encoding: .utf8)
        let first = try Self.run(input, out: out, extra: ["--roster", roster.path])
        #expect(first.record.missing == ["青山区乙局"])
        let before = try Data(contentsOf: out.appendingPathComponent("summary.md"))
        let arguments = ["--out", out.path, "--pipeline", Repository.defaultPipeline.path]

        let emptyRun = try ConsolidateBinary.run(["run", "--input", empty.path] + arguments)
        #expect(emptyRun.status == 6)
        #expect(emptyRun.stderr.contains("没有可以读取的报送材料"))
        #expect(emptyRun.stderr.contains(empty.path))
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.md")) == before)

        // Only an unreadable file: nothing readable either.
        try Data("%PDF-1.4".utf8).write(to: empty.appendingPathComponent("青山区甲局.pdf"))
        #expect(try ConsolidateBinary.run(["run", "--input", empty.path] + arguments).status == 6)
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.md")) == before)

        let missing = try ConsolidateBinary.run(["run", "--input", parent.appendingPathComponent("nowhere").path] + arguments)
        #expect(missing.status == 5)
        #expect(missing.stderr.contains("输入文件夹不存在"))
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.md")) == before)

        let file = try ConsolidateBinary.run(["run", "--input", input.appendingPathComponent("青山区甲局.txt").path] + arguments)
        #expect(file.status == 5)
        #expect(file.stderr.contains("这是一个文件，不是文件夹"))

        let allowed = try ConsolidateBinary.run(["run", "--input", empty.path, "--allow-empty"] + arguments)
        #expect(allowed.status == 3)
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.md")) != before)
        // 乙局 sent nothing: without a roster it is no longer listed as due, and not said to have made up its report.
        let changes = try String(contentsOf: out.appendingPathComponent("changes.md"), encoding: .utf8)
        #expect(!changes.contains("已补报"))
        #expect(changes.contains("不再列为应报送"))
    }

    // MARK: Resubmissions and formats not read

    @Test func aReadableResubmissionSupersedesTheQuarantinedFileOfTheSameUnit() throws {
        let input = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: input) }
        try Self.write("不是 Word 文档", "青山区甲局.docx", in: input, modified: 1_000)
        try Self.write(Self.report(title: "青山区甲局2024年第二季度党建工作汇报"), "青山区甲局.txt", in: input, modified: 2_000)
        try Self.write(Self.report(title: "青山区乙局2024年第二季度党建工作汇报"), "青山区乙局.txt", in: input, modified: 2_000)
        let run = try Self.run(input, out: try temporaryFolder().appendingPathComponent("o"))
        #expect(run.result.status == 0, "nothing left quarantined: \(run.result.stderr)")
        let docx = run.record.inputs.first { $0.path == "青山区甲局.docx" }
        #expect(docx?.status == .superseded)
        #expect(docx?.supersededBy == "青山区甲局.txt")
        #expect(docx?.reason?.contains("Word") == true)
        #expect(!run.summary.units.contains { $0.status == .quarantined })
        let rows = run.markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains(" | 青山区甲局 | ") }
        #expect(rows.count == 1, "one appendix row per unit: \(rows)")
        #expect(rows.first?.contains("另报送的 青山区甲局.docx 未计入（由 青山区甲局.txt 取代）") == true)
        let review = try String(contentsOf: run.out.appendingPathComponent("review.html"), encoding: .utf8)
        #expect(review.components(separatedBy: "<td>青山区甲局</td>").count == 2, "one row of review.html's table too")
        #expect(!run.markdown.contains("无法读取，已隔离待重新报送"))
    }

    @Test func aUnitThatSentOnlyAPDFIsQuarantinedWithAdviceNotMissing() throws {
        let input = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: input) }
        try "unit\n青山区甲局\n青山区乙局\n".write(to: input.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        try Self.write(Self.report(title: "青山区甲局2024年第二季度党建工作汇报"), "青山区甲局.txt", in: input)
        try Data("%PDF-1.4 …".utf8).write(to: input.appendingPathComponent("青山区乙局.pdf"))
        try Data("a,b\n".utf8).write(to: input.appendingPathComponent("notes.csv"))
        // An attachment named after no unit is listed, not taken for a unit; a PDF named after none is.
        try Data("PK".utf8).write(to: input.appendingPathComponent("附件1统计表.xlsx"))
        try Data("%PDF-1.4".utf8).write(to: input.appendingPathComponent("scan7.pdf"))
        let run = try Self.run(input, out: try temporaryFolder().appendingPathComponent("o"))
        #expect(run.result.status == 3)
        let entry = run.summary.units.first { $0.unit == "青山区乙局" }
        #expect(entry?.status == .quarantined)
        #expect(entry?.warnings.first?.contains("PDF") == true)
        #expect(entry?.warnings.first?.contains("另存为 .docx 或 .txt") == true)
        #expect(run.record.missing.isEmpty)
        #expect(run.record.skipped.contains { $0.path == "notes.csv" && $0.reason.contains(".csv") })
        #expect(run.record.skipped.contains { $0.path == "附件1统计表.xlsx" && $0.reason.contains("看不出是哪个单位") })
        let scan = run.summary.units.first { $0.source == "scan7.pdf" }
        #expect(scan?.status == .quarantined && scan?.identifiedBy == .file && scan?.notOnRoster == true)
        Self.expectAccounted(run.record, entries: ["roster.csv", "青山区甲局.txt", "青山区乙局.pdf", "notes.csv", "附件1统计表.xlsx", "scan7.pdf"])
    }

    // MARK: The roster

    @Test func aUnitNotOnTheRosterIsListedAsSuchAndDoesNotRaiseTheCountDue() throws {
        let input = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: input) }
        try "unit\n青山区甲局\n青山区乙局\n".write(to: input.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        for unit in ["青山区甲局", "青山区乙局", "青山区丙局"] {
            try Self.write(Self.report(title: "\(unit)2024年第二季度党建工作汇报"), "\(unit).txt", in: input)
        }
        let run = try Self.run(input, out: try temporaryFolder().appendingPathComponent("o"))
        #expect(run.result.status == 0)
        #expect(run.markdown.contains("本期2个单位应报送"))
        #expect(run.markdown.contains("另有名单以外的1个单位报送了材料"))
        #expect(run.summary.due == 2)
        let outside = run.summary.units.first { $0.unit == "青山区丙局" }
        #expect(outside?.notOnRoster == true && outside?.status == .received)
        #expect(run.record.inputs.first { $0.path == "青山区丙局.txt" }?.notOnRoster == true)
        #expect(run.summary.units.filter { $0.notOnRoster == true }.count == 1)
        #expect(run.result.stderr.contains("不在单位名单中"))
    }

    @Test func aMisspeltRosterNameIsMatchedByANearNameAndReported() throws {
        let input = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: input) }
        try "unit\n青山区财政厅\n青山区临溪镇\n".write(to: input.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        try Self.write(Self.report(title: "青山区财政局2024年第二季度党建工作汇报"), "青山区财政局.txt", in: input)
        // One character of a town's own name differs: another town, not a misspelling.
        try Self.write(Self.report(title: "青山区临江镇2024年第二季度党建工作汇报"), "青山区临江镇.txt", in: input)
        let run = try Self.run(input, out: try temporaryFolder().appendingPathComponent("o"))
        let finance = run.summary.units.first { $0.source == "青山区财政局.txt" }
        #expect(finance?.unit == "青山区财政厅")
        #expect(finance?.status == .received)
        #expect(finance?.rosterMatch == RosterMatch(entry: "青山区财政厅", found: "青山区财政局"))
        #expect(run.result.stderr.contains("青山区财政厅 → 青山区财政局?"))
        #expect(!run.record.missing.contains("青山区财政厅"))
        #expect(run.record.missing == ["青山区临溪镇"])
        #expect(run.summary.units.first { $0.source == "青山区临江镇.txt" }?.notOnRoster == true)
    }

    // MARK: Entries no stage may open

    @Test func specialEntriesAndNonUTF8NamesAreListedWithAReason() throws {
        let input = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: input) }
        try Self.write(Self.report(title: "2024年第二季度党建工作汇报"), "青山区甲局.txt", in: input)
        // `青山区交通运输局.txt` in GBK, as unzipping a Windows archive leaves it.
        let gbk = try #require("青山区交通运输局.txt".data(using: TextDecoding.gb18030))
        let path = Array(input.path.utf8) + [0x2F] + Array(gbk)
        let descriptor = InputScan.withCString(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        #expect(descriptor >= 0)
        let body = Data(Self.report(title: "2024年第二季度党建工作汇报", studies: 9).utf8)
        _ = body.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        #expect(mkfifo(input.appendingPathComponent("管道.txt").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("环1.txt").path, withDestinationPath: "环2.txt")
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("环2.txt").path, withDestinationPath: "环1.txt")
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("零.txt").path, withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("上级").path, withDestinationPath: "..")
        // A plain folder is read through, and a link to a file in it is a file like any other.
        try Self.write(Self.report(title: "2024年第二季度党建工作汇报", studies: 1), "子目录/青山区丁局.txt", in: input)

        let run = try Self.run(input, out: try temporaryFolder().appendingPathComponent("o"))
        #expect(run.result.status == 0, "\(run.result.stderr)")
        let decoded = run.record.inputs.first { $0.path == "青山区交通运输局.txt" }
        #expect(decoded?.status == .received)
        #expect(decoded?.nameEncoding == "gb18030")
        #expect(decoded?.unit == "青山区交通运输局")
        #expect(run.summary.metrics.first { $0.activity == "集中学习" }?.total == 16)
        #expect(run.record.inputs.first { $0.path == "子目录/青山区丁局.txt" }?.unit == "青山区丁局")
        let reasons = Dictionary(run.record.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["管道.txt"]?.contains("命名管道") == true)
        #expect(reasons["环1.txt"]?.contains("循环") == true)
        #expect(reasons["环2.txt"]?.contains("循环") == true)
        #expect(reasons["零.txt"]?.contains("设备文件") == true)
        #expect(reasons["上级/"]?.contains("未跟随") == true)
        Self.expectAccounted(run.record, entries: ["青山区甲局.txt", "青山区交通运输局.txt", "管道.txt", "环1.txt", "环2.txt", "零.txt", "上级",
                                                   "子目录/青山区丁局.txt"])
        #expect(run.result.stderr.contains("文件名不是 UTF-8 编码"))
    }

    @Test func everyEntryOfTheSamplesIsAccountedFor() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try Self.run(Repository.samples, out: out.appendingPathComponent("o"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: Repository.samples.path).filter { !$0.hasPrefix(".") }
        Self.expectAccounted(run.record, entries: entries)
        #expect(run.record.inputs.count + run.record.skipped.count == entries.count)
        #expect(Set(run.summary.units.compactMap(\.source)) == Set(run.record.inputs.map(\.path)))
    }

    // MARK: Messages

    /// Runs the binary as user `nobody`, so permissions hold even when the tests run as root.
    static func runAsNobody(_ arguments: [String]) throws -> ConsolidateBinary.Result? {
        let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: setpriv.path) else { return nil }
        let process = Process()
        process.executableURL = setpriv
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", ConsolidateBinary.url.path] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile(), errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ConsolidateBinary.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                        stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func unwritableOutputPlacesExitWithCodeSevenNamingThePath() throws {
        let parent = try temporaryFolder()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: parent.appendingPathComponent("ro").path)
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: parent.appendingPathComponent("roparent").path)
            try? FileManager.default.removeItem(at: parent)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: parent.path)
        let input = parent.appendingPathComponent("in")
        try Self.write(Self.report(title: "青山区甲局2024年第二季度党建工作汇报"), "青山区甲局.txt", in: input)
        let pipeline = ["--input", input.path, "--pipeline", Repository.defaultPipeline.path, "--no-progress"]
        // A read-only output folder.
        let readOnly = parent.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: readOnly.path)
        guard let first = try Self.runAsNobody(["run", "--out", readOnly.path] + pipeline) else { return }
        #expect(first.status == 7, "\(first.stderr)")
        #expect(first.stderr.contains(readOnly.path) && first.stderr.contains("无法写入"))
        #expect(!first.stderr.contains("lock") && !first.stderr.contains("NSCocoaErrorDomain"))
        // A folder to create under a read-only parent.
        let nested = readOnly.appendingPathComponent("out")
        let second = try #require(try Self.runAsNobody(["run", "--out", nested.path] + pipeline))
        #expect(second.status == 7, "\(second.stderr)")
        #expect(second.stderr.contains(readOnly.path) && !second.stderr.contains("NSCocoaErrorDomain") && !second.stderr.contains("Code="))
        // A writable output folder whose parent is not: refused before any stage runs.
        let roParent = parent.appendingPathComponent("roparent"), writable = roParent.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: writable, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: writable.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: roParent.path)
        let third = try #require(try Self.runAsNobody(["run", "--out", writable.path] + pipeline))
        #expect(third.status == 7, "\(third.stderr)")
        #expect(third.stderr.contains(roParent.path))
        #expect(!third.stderr.contains("[1-3/5]") && !third.stderr.contains("[4/5]"))
    }

    @Test func statusOfAFolderThatDoesNotExistFailsNamingIt() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let missing = parent.appendingPathComponent("nowhere")
        let result = try ConsolidateBinary.run(["status", "--out", missing.path])
        #expect(result.status == 5)
        #expect(result.stderr.contains(missing.path) && result.stderr.contains("输出文件夹不存在"))
        try FileManager.default.createDirectory(at: missing, withIntermediateDirectories: true)
        let empty = try ConsolidateBinary.run(["status", "--out", missing.path])
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("还没有运行记录"))
    }
}
