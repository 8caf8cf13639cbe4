import Foundation
import Testing
@testable import ConsolidateCore

@Suite struct OutputWriterTests {
    @Test func writesEveryFileIntoPlaceAndLeavesNoStagingFolder() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        try OutputWriter.write([("a.md", Data("甲".utf8)), ("b.json", Data("{}".utf8))], to: out)
        #expect(try String(contentsOf: out.appendingPathComponent("a.md"), encoding: .utf8) == "甲")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    @Test func failedRunLeavesThePreviousOutputsUntouched() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        try OutputWriter.write([("summary.md", Data("上次".utf8))], to: out)
        let result = try ConsolidateBinary.run(["run", "--input", parent.appendingPathComponent("no-such-folder").path,
                                                "--out", out.path, "--pipeline", Repository.defaultPipeline.path])
        #expect(result.status == 5)
        #expect(result.stderr.contains("输入文件夹不存在"))
        #expect(try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8) == "上次")
    }

    struct Interrupted: Error {}

    @Test func aStreamedFileIsWrittenPieceByPieceAndARestartDropsWhatCameBefore() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        try OutputWriter.write([
            OutputFile(name: "a.md", data: Data("甲".utf8)),
            OutputFile(name: "summary.json") { sink in
                try sink.write(Array("作废的开头".utf8))
                try sink.restart()
                for piece in ["{", "\"单位\" : ", "\"乙\"", "}"] { try sink.write(Array(piece.utf8)) }
            },
        ], to: out)
        #expect(try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8) == "{\"单位\" : \"乙\"}")
        #expect(try String(contentsOf: out.appendingPathComponent("a.md"), encoding: .utf8) == "甲")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    @Test func aFailureWhileStreamingLeavesThePreviousOutputsUntouched() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        try OutputWriter.write([("summary.md", Data("上次".utf8)), ("summary.json", Data("{}\n".utf8))], to: out)
        #expect(throws: StageError.self) {
            try OutputWriter.write([
                OutputFile(name: "summary.md", data: Data("本次".utf8)),
                OutputFile(name: "summary.json") { sink in
                    try sink.write(Array("{\n  \"units\" : [".utf8))
                    throw Interrupted()
                },
                OutputFile(name: "run.json", data: Data("{}".utf8)),
            ], to: out)
        }
        #expect(try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8) == "上次")
        #expect(try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8) == "{}\n")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("run.json").path))
        // No staging folder is left beside the outputs.
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    @Test func anEncodingErrorWhileStreamingIsReportedAsItself() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        #expect(throws: EncodingError.self) {
            try OutputWriter.write([OutputFile(name: "summary.json") { sink in try JSONOutput.write([1.0, .nan], to: sink) }], to: out)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    @Test func badPipelineFileExitsWithCodeTwoNamingTheKey() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = folder.appendingPathComponent("p.yml")
        try "merge:\n  threshold: 0.5\n".write(to: pipeline, atomically: true, encoding: .utf8)
        let result = try ConsolidateBinary.run(["run", "--input", folder.path, "--out", folder.appendingPathComponent("o").path,
                                                "--pipeline", pipeline.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("merge.threshold"))
    }
}
