import Foundation
import Testing
@testable import ConsolidateCore

/// Runs the built binary over Samples/ and checks the summary as a reviewer would.
@Suite(.serialized) struct SamplesEndToEndTests {
    struct Run {
        var result: ConsolidateBinary.Result
        var summary: Consolidation
        var summaryBytes: Data
        var markdown: Data
        var record: [String: Any]
    }

    static func consolidate(_ input: URL) throws -> Run {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try ConsolidateBinary.run(["run", "--input", input.path, "--out", out.path,
                                                "--pipeline", Repository.defaultPipeline.path])
        let bytes = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("run.json"))) as! [String: Any]
        return Run(result: result, summary: try JSONDecoder().decode(Consolidation.self, from: bytes),
                   summaryBytes: bytes, markdown: try Data(contentsOf: out.appendingPathComponent("summary.md")),
                   record: record)
    }

    @Test func quarantinesTheUnreadableFileWithItsReasonAndStillConsolidatesTheRest() throws {
        let run = try Self.consolidate(Repository.samples)
        #expect(run.result.status == 3, "exit code 3: done, some inputs quarantined")
        let quarantined = run.summary.units.filter { $0.status == .quarantined }
        #expect(quarantined.map(\.unit) == ["青川区住房和城乡建设局"])
        #expect(quarantined.first?.warnings.first?.contains("docx") == true)
        #expect(run.result.stderr.contains("青川区住房和城乡建设局.docx: warning:"))
        let inputs = run.record["inputs"] as! [[String: Any]]
        let bad = inputs.first { ($0["path"] as? String) == "青川区住房和城乡建设局.docx" }
        #expect(bad?["status"] as? String == "quarantined")
        #expect((bad?["reason"] as? String)?.isEmpty == false)
        #expect(run.summary.units.filter { $0.status == .received }.count == 12)
    }

    @Test func listsTheRosterUnitThatSentNothing() throws {
        let run = try Self.consolidate(Repository.samples)
        #expect(run.summary.units.filter { $0.status == .missing }.map(\.unit) == ["青川区退役军人事务局"])
        #expect(String(decoding: run.markdown, as: UTF8.self).contains("青川区退役军人事务局"))
    }

    @Test func everyLeafItemOfEveryReceivedUnitIsInExactlyOneMemberList() throws {
        let run = try Self.consolidate(Repository.samples)
        let files = try FileManager.default.contentsOfDirectory(atPath: Repository.samples.path)
            .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".docx") }.sorted()
        let extracted = try ConsolidateBinary.run(["extract", "--pipeline", Repository.defaultPipeline.path] + files,
                                                  in: Repository.samples)
        var expected: [String] = []
        for line in extracted.stdout.split(separator: "\n") {
            let report = try JSONDecoder().decode(UnitReport.self, from: Data(line.utf8))
            guard report.status == .ok else { continue }
            expected += Statement.statements(of: report).map { "\($0.unit)|\($0.location?.paragraph ?? 0)|\($0.text)" }
        }
        let members = run.summary.achievements.flatMap(\.members) + run.summary.plans.flatMap(\.members)
            + run.summary.problems.flatMap(\.items)
        let found = members.map { "\($0.unit)|\($0.location?.paragraph ?? 0)|\($0.text)" }
        #expect(!expected.isEmpty)
        #expect(found.sorted() == expected.sorted())
    }

    @Test func everyTotalIsTheSumOfTheUnitsKnownFigures() throws {
        let run = try Self.consolidate(Repository.samples)
        #expect(!run.summary.metrics.isEmpty)
        for total in run.summary.metrics {
            #expect(total.total == total.units.reduce(0) { $0 + $1.value }, "\(total.activity)")
            #expect(total.approx == total.units.contains { $0.approx }, "\(total.activity)")
            #expect(Set(total.units.map(\.unit)).isDisjoint(with: total.unknown), "\(total.activity)")
        }
    }

    @Test func givesTheSameBytesWhenTheInputsComeInAnotherOrder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Repository.samples.path).sorted()
        let reversed = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: reversed) }
        for name in files.reversed() {
            try FileManager.default.copyItem(at: Repository.samples.appendingPathComponent(name),
                                             to: reversed.appendingPathComponent(name))
        }
        let first = try Self.consolidate(Repository.samples)
        let second = try Self.consolidate(reversed)
        #expect(first.summaryBytes == second.summaryBytes)
        #expect(first.markdown == second.markdown)
    }
}

/// `consolidate merge` over districts' summaries, as a city would run it.
@Suite struct RollUpEndToEndTests {
    @Test func mergingTwoDistrictsSummariesEqualsConsolidatingAllTheirSubmissions() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try FileManager.default.contentsOfDirectory(atPath: Repository.samples.path)
            .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".docx") }.sorted()
        for (index, name) in files.enumerated() {
            let district = folder.appendingPathComponent(index % 2 == 0 ? "east" : "west")
            try FileManager.default.createDirectory(at: district, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Repository.samples.appendingPathComponent(name),
                                             to: district.appendingPathComponent(name))
        }
        let pipeline = Repository.defaultPipeline.path
        for part in ["east", "west"] {
            _ = try ConsolidateBinary.run(["run", "--input", folder.appendingPathComponent(part).path,
                                           "--out", folder.appendingPathComponent("out-" + part).path, "--pipeline", pipeline])
        }
        let all = try ConsolidateBinary.run(["run", "--input", Repository.samples.path, "--out",
                                             folder.appendingPathComponent("out-all").path, "--pipeline", pipeline,
                                             "--roster", folder.appendingPathComponent("none.csv").path])
        #expect(all.status == 2, "a missing roster file is a usage error")
        let direct = folder.appendingPathComponent("direct")
        try FileManager.default.createDirectory(at: direct, withIntermediateDirectories: true)
        for name in files {
            try FileManager.default.copyItem(at: Repository.samples.appendingPathComponent(name), to: direct.appendingPathComponent(name))
        }
        _ = try ConsolidateBinary.run(["run", "--input", direct.path, "--out", folder.appendingPathComponent("out-direct").path,
                                       "--pipeline", pipeline])
        let merged = try ConsolidateBinary.run(["merge", folder.appendingPathComponent("out-west/summary.json").path,
                                                folder.appendingPathComponent("out-east/summary.json").path,
                                                "--out", folder.appendingPathComponent("out-city").path, "--pipeline", pipeline])
        #expect(merged.status == 0, "\(merged.stderr)")
        let city = try Data(contentsOf: folder.appendingPathComponent("out-city/summary.json"))
        let directSummary = try Data(contentsOf: folder.appendingPathComponent("out-direct/summary.json"))
        #expect(city == directSummary)
    }
}
