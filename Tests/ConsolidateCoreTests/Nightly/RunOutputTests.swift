import Foundation
import Testing
@testable import ConsolidateCore

/// What `run` writes to standard error: time-stamped lines for cron, JSON lines for a
/// log collector, a progress bar on a terminal.
@Suite struct RunOutputTests {
    static func arguments(_ folder: URL, _ extra: [String]) -> [String] {
        ["run", "--input", Repository.samples.path, "--out", folder.appendingPathComponent("out").path,
         "--pipeline", Repository.defaultPipeline.path] + extra
    }

    @Test func everyPlainLineCarriesATimeStampAndProgressComesAsLines() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ConsolidateBinary.run(Self.arguments(folder, ["--progress-interval", "0"]))
        #expect(result.status == 3)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let stamp = #/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /#
        #expect(lines.allSatisfy { $0.contains(stamp) }, "\(lines)")
        #expect(lines.contains { $0.contains(/\[1-3\/5\] ingest·normalize·extract: \d+\/13 个文件，每秒\d+个/) })
        #expect(lines.contains { $0.contains("[5/5] render 完成") })
        #expect(lines.contains { $0.contains("青川区住房和城乡建设局.docx: warning: [ingest] 已隔离") })
        #expect(!result.stderr.contains("\u{1B}["))
    }

    @Test func jsonFormatGivesOneObjectPerLineWithCountsAsNumbers() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ConsolidateBinary.run(Self.arguments(folder, ["--log-format", "json"]))
        #expect(result.status == 3)
        let objects = try result.stderr.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        #expect(objects.allSatisfy { $0["time"] is String && $0["level"] is String && $0["message"] is String })
        let started = objects.filter { $0["event"] as? String == "stage-started" }.compactMap { $0["stage"] as? String }
        #expect(started == StageName.allCases.map(\.rawValue))
        let warning = try #require(objects.first { $0["level"] as? String == "warning" })
        #expect(warning["file"] as? String == "青川区住房和城乡建设局.docx")
        #expect(warning["stage"] as? String == "ingest")
        let done = try #require(objects.first { $0["event"] as? String == "done" })
        #expect(done["exitCode"] as? Int == 3)
        #expect(done["read"] as? Int == 13)
        #expect(done["received"] as? Int == 12)
    }

    @Test func aLockedFolderIsAnErrorLineInJSONToo() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lock = try RunLock.acquire(in: folder.appendingPathComponent("out"), timeout: 0)
        defer { lock.release() }
        let result = try ConsolidateBinary.run(Self.arguments(folder, ["--log-format", "json", "--wait", "0"]))
        #expect(result.status == 4)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "error")
        #expect((object["message"] as? String)?.contains("pid \(getpid())") == true)
    }

    /// `script` gives the run a terminal, as a person at a console has.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func aTerminalGetsAProgressBarAndNoTimeStamps() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let command = ([ConsolidateBinary.url.path] + Self.arguments(folder, [])).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 3)
        #expect(text.contains(/\[1-3\/5\] ingest·normalize·extract \[#+\.*\] \d+\/13/), "\(text)")
        #expect(!text.contains(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \[1-3\/5\]/))
        #expect(text.contains("done: 13 files"))
    }
}
